import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-interruptions-e2e-"))
  await writeFile(join(dir, "week.yaml"), twoLpoWeek(4).replace("tag: ml-1", "tag: medborgarlöfte-Åby"))
}, 300_000)

interface Row {
  readonly t: number
  readonly patrol: string
  readonly block: string
  readonly incident: string
  readonly prio: number
  readonly minutesLost: number
  readonly tag?: string
}

describe("igv interruptions", () => {
  it("lists a simulation's interruptions, filtered, and the same rows from the stored event stream of that replication", async () => {
    const all = await igv("interruptions", "-s", "week.yaml", "--replication", "3", "--json")
    expect(all.code, all.stderr).toBe(0)
    const rows = JSON.parse(all.stdout).interruptions as ReadonlyArray<Row>
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.prio === 3)).toBe(true)

    const prio3 = JSON.parse(
      (await igv("interruptions", "-s", "week.yaml", "--replication", "3", "--prio", "3", "--area", "lpo1", "--json"))
        .stdout
    )
    expect(prio3.interruptions).toEqual(rows.filter((r) => r.prio === 3 && (r as { area?: string }).area === "lpo1"))

    // Replication 0 as a feed, stored, read back through --store: what happened is what was simulated.
    const events = await igv("simulate", "-s", "week.yaml", "--seed", "4", "--events", "events.ndjson")
    expect(events.code, events.stderr).toBe(0)
    const rep0 = JSON.parse((await igv("interruptions", "-s", "week.yaml", "--json")).stdout)
      .interruptions as ReadonlyArray<Row>
    expect(rep0.length, "interruptions in replication 0").toBeGreaterThan(0)
    const store = `sqlite:${join(dir, "igv.db")}`
    expect((await igv("ingest", "events.ndjson", "--store", store)).code).toBe(0)
    const stored = await igv("interruptions", "--store", store, "--json")
    expect(stored.code, stored.stderr).toBe(0)
    const storedRows = JSON.parse(stored.stdout).interruptions as ReadonlyArray<Row>
    expect(storedRows.map((r) => [r.patrol, r.block, r.incident, r.prio, r.tag])).toEqual(
      rep0.map((r) => [r.patrol, r.block, r.incident, r.prio, r.tag])
    )
    storedRows.forEach((r, i) => expect(r.minutesLost).toBeCloseTo(rep0[i]!.minutesLost, 3))
  })

  it("writes CSV a standard parser reads back with Swedish characters, and Swedish text output", async () => {
    const csv = await igv("interruptions", "-s", "week.yaml", "--csv", "--lang", "sv", "--out", "avbrott.csv")
    expect(csv.code, csv.stderr).toBe(0)
    const { readFile } = await import("node:fs/promises")
    const parsed: Array<Array<string>> = parse(await readFile(join(dir, "avbrott.csv"), "utf8"), {
      bom: true,
      delimiter: ";",
      relax_column_count: true,
      skip_empty_lines: true
    })
    expect(parsed[2]).toEqual([
      "tid",
      "område",
      "patrull",
      "block",
      "märkning",
      "händelse",
      "prioritet",
      "förlorade minuter"
    ])
    expect(parsed.slice(3).some((r) => r[4] === "medborgarlöfte-Åby")).toBe(true)

    const text = await igv("interruptions", "-s", "week.yaml", "--lang", "sv")
    expect(text.stdout).toMatch(/\d+ avbrott, \d+(,\d)? förlorade minuter/)
  })

  it("lists the blocks that gave way to dated events beside the calls, as many as the report counts", async () => {
    const listed = await igv("interruptions", "-s", "lpo-sparse-calendar", "--json")
    expect(listed.code, listed.stderr).toBe(0)
    const json = JSON.parse(listed.stdout)
    const report = JSON.parse((await igv("simulate", "-s", "lpo-sparse-calendar", "--json")).stdout)
    expect(json.gaveWay.length).toBe(report.interruptions.calendarEvents)
    expect(json.count).toBe(report.interruptions.total)
    expect(json.gaveWay[0]).toMatchObject({ calendarEvent: expect.stringMatching(/\/\d{4}-\d{2}-\d{2}$/) })
    const text = await igv("interruptions", "-s", "lpo-sparse-calendar", "--area", "rural-north")
    expect(text.stdout).toMatch(/dated event \S+\s+—/)
    const prio3 = JSON.parse((await igv("interruptions", "-s", "lpo-sparse-calendar", "--prio", "3", "--json")).stdout)
    expect(prio3.gaveWay).toBeUndefined()
  })

  it("refuses a command line without one source, --json with --csv, and an unknown language", async () => {
    expect((await igv("interruptions")).code).toBe(2)
    expect((await igv("interruptions", "-s", "week.yaml", "--json", "--csv")).stderr).toContain("choose one")
    expect((await igv("interruptions", "-s", "week.yaml", "--lang", "de")).stderr).toContain("--lang must be sv or en")
    expect((await igv("interruptions", "-s", "week.yaml", "--prio", "4")).code).toBe(2)
  })

  it("refuses a filter that can match nothing the scenario simulates, instead of listing none (and so does igv timeline)", async () => {
    const area = await igv("interruptions", "-s", "week.yaml", "--area", "lpo3")
    expect(area.code).toBe(2)
    expect(area.stderr).toContain('the scenario has no area "lpo3" (its areas: lpo1, lpo2)')
    const tag = await igv("interruptions", "-s", "week.yaml", "--tag", "ml-2")
    expect(tag.code).toBe(2)
    expect(tag.stderr).toContain("its tags: medborgarlöfte-Åby")
    const window = await igv("interruptions", "-s", "week.yaml", "--from", "2030-01-01")
    expect(window.code).toBe(2)
    expect(window.stderr).toContain("outside the simulated horizon (7 days from 2024-03-25)")
    const patrol = await igv("interruptions", "-s", "week.yaml", "--patrol", "lpo1-igv-0")
    expect(patrol.code).toBe(2)
    expect(patrol.stderr).toContain('the scenario has no patrol "lpo1-igv-0" (its patrols: lpo1/igv/0, lpo1/igv/1,')
    expect((await igv("interruptions", "-s", "week.yaml", "--patrol", "lpo1/igv/0")).code).toBe(0)
    expect((await igv("interruptions", "-s", "week.yaml", "--area", "lpo2", "--from", "2024-03-31")).code).toBe(0)
    // igv timeline draws from the same scenario and refuses the same.
    const drawn = (...args: string[]) => igv("timeline", "-s", "week.yaml", "--out", "t.html", ...args)
    const beside = await drawn("--from", "2030-01-01", "--to", "2030-01-02")
    expect(beside.code).toBe(2)
    expect(beside.stderr).toContain("outside the simulated horizon")
    expect((await drawn("--from", "2024-03-26", "--to", "2024-03-27", "--area", "lpo3")).stderr).toContain(
      'the scenario has no area "lpo3"'
    )
    expect(
      (await drawn("--from", "2024-03-26", "--to", "2024-03-27", "--patrol", "lpo1/igv/0,lpo9/igv/0")).stderr
    ).toContain('the scenario has no patrol "lpo9/igv/0"')
    expect((await drawn("--from", "2024-03-26", "--to", "2024-03-27", "--area", "lpo1")).code).toBe(0)
  })
})
