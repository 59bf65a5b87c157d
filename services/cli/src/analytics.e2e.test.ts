import { randomBytes } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { decodeWith, encodeFeedEvent, formatInstant, Scenario, type IgvEvent } from "@igv/domain"
import { simulate } from "@igv/simulator"
import { buildCli, exec, root, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"
import { clickhouseUrl } from "@igv/test-env"

const CLICKHOUSE_URL = clickhouseUrl
// One database per test run, dropped at the end, so parallel runs never see each other's rows.
const DATABASE = `igv_cli_e2e_${randomBytes(4).toString("hex")}`

let dir: string
const igv = (...args: string[]): Promise<Run> =>
  runIgv(args, {
    cwd: dir,
    env: { ...process.env, IGV_CLICKHOUSE_URL: CLICKHOUSE_URL, IGV_CLICKHOUSE_DATABASE: DATABASE }
  })
const json = <T>(r: Run): T => {
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as T
}

const clickhouse = async (query: string): Promise<string> => {
  const res = await fetch(`${CLICKHOUSE_URL}/`, { method: "POST", body: query, signal: AbortSignal.timeout(5_000) })
  const text = await res.text()
  if (!res.ok) throw new Error(`ClickHouse: ${text}`)
  return text
}
const reachable = () =>
  clickhouse("SELECT 1").then(
    (t) => t.trim() === "1",
    () => false
  )

const SCENARIO = twoLpoWeek(1)

let store: string
let storedEvents = 0
/** A server this file started is stopped when it ends; one already running (CI's, a developer's) is left alone. */
let startedHere = false
beforeAll(async () => {
  await buildCli()
  if (!(await reachable())) {
    await exec("bash", [join(root, "infra/clickhouse/start.sh")], { cwd: root, timeout: 240_000 })
    startedHere = true
  }
  // Never skipped: a ClickHouse test that cannot reach its server fails (in CI and everywhere else).
  if (!(await reachable()))
    throw new Error(`ClickHouse does not answer on ${CLICKHOUSE_URL} (bash infra/clickhouse/start.sh)`)

  dir = await mkdtemp(join(tmpdir(), "igv-analytics-e2e-"))
  await writeFile(join(dir, "scenario.yaml"), SCENARIO)
  // What "really happened" in lpo1/lpo2: the simulator's week, as an RLC feed export (shifts, dispatches, blocks).
  const { parse } = await import("yaml")
  const scenario = decodeWith(Scenario)(parse(SCENARIO))
  if (!scenario.ok) throw new Error(JSON.stringify(scenario.issues))
  const events: Array<IgvEvent> = []
  simulate(scenario.value, { seed: 1, onEvent: (e) => void events.push({ ...e }) })
  await writeFile(
    join(dir, "week.ndjson"),
    events.map((e) => JSON.stringify(encodeFeedEvent(e, (t) => formatInstant(t)))).join("\n") + "\n"
  )

  store = `sqlite:${join(dir, "igv.db")}`
  for (const feed of [join(root, "simulations/feeds/sample.ndjson"), "week.ndjson"]) {
    const r = await igv("ingest", feed, "--store", store, "--json")
    expect(r.code, r.stderr).toBe(0)
    storedEvents += (JSON.parse(r.stdout) as { stored: number }).stored
  }
}, 600_000)

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  if (await reachable()) await clickhouse(`DROP DATABASE IF EXISTS ${DATABASE}`)
  if (startedHere) await exec("bash", [join(root, "infra/clickhouse/stop.sh")], { cwd: root, timeout: 60_000 })
})

type Response = {
  count: number
  dispatched: number
  undispatched: number
  n: number
  arrived: number
  meanDispatchMinutes: number
  p50DispatchMinutes: number
  p90DispatchMinutes: number
  withinTarget: number
  meanArrivalMinutes: number
}
type HistoryBody = {
  response: Record<"1" | "2" | "3", Response>
  timeUse: { prio1Hours: number; prio2Hours: number; totalHours: number; prio12Share: number }
  lineTime: { survival: number }
  interruptions: { total: number; byPriority: Record<"1" | "2" | "3", number> }
}
type History = HistoryBody & { byArea: Record<string, HistoryBody> }
type Figures = {
  dispatched: number
  meanDispatchMinutes: number
  p50DispatchMinutes: number
  p90DispatchMinutes: number
  withinTarget: number
  meanArrivalMinutes: number
}

// ClickHouse keeps times in whole seconds; the feed carries milliseconds: a minute figure may differ by up to 1/60.
const SECOND = 1 / 60 + 1e-9

describe("igv analytics", () => {
  it("migrates, sinks the stored feed once (and again: nothing doubled), and its recorded figures match igv history", async () => {
    const first = await igv("analytics", "migrate")
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain(`database ${DATABASE}: applied schema version(s) 1, 2, 3`)
    expect((await igv("analytics", "migrate")).stdout).toContain("already up to date")

    const sunk = json<{ from: string; position: string; written: number }>(
      await igv("analytics", "sink", "--store", store, "--once", "--json")
    )
    expect(sunk).toMatchObject({ from: "0", position: String(storedEvents) })
    expect(sunk.written).toBeGreaterThan(67)
    const again = json<{ from: string; position: string; written: number }>(
      await igv("analytics", "sink", "--store", store, "--once", "--json")
    )
    expect(again).toMatchObject({ from: String(storedEvents), position: String(storedEvents), written: 0 })
    expect(Number(await clickhouse(`SELECT count() FROM ${DATABASE}.feed_events`))).toBe(sunk.written)

    const window = ["--from", "2024-03-25", "--to", "2024-04-02"]
    const history = json<History>(await igv("history", "--store", store, ...window, "--json"))
    // Per area: the sample feed's incidents (other areas, never dispatched) count in history's totals only.
    let compared = 0,
      waitsCompared = 0,
      arrivalsCompared = 0
    for (const area of ["lpo1", "lpo2"]) {
      const rvs = json<Array<{ prio: 1 | 2 | 3; real: Figures; simulated: Figures }>>(
        await igv("analytics", "real-vs-simulated", ...window, "--areas", area, "--json")
      )
      expect(rvs.map((r) => r.prio)).toEqual([1, 2, 3])
      for (const { prio, real } of rvs) {
        const h = history.byArea[area]!.response[String(prio) as "1" | "2" | "3"]
        const what = `${area} prio ${prio}`
        expect(real.dispatched, what).toBe(h.dispatched)
        // History's waits include incidents still waiting at the window's end (censored); the recorded dispatches do not.
        if (h.dispatched === 0) continue
        compared++
        // History's waits (to dispatch and to arrival) include incidents still waiting at the window's end (censored);
        // the recorded figures do not, so they are comparable where nothing was left waiting.
        if (h.arrived === h.n) {
          arrivalsCompared++
          expect(Math.abs(real.meanArrivalMinutes - h.meanArrivalMinutes), `${what} arrival`).toBeLessThanOrEqual(
            SECOND
          )
        }
        if (h.undispatched > 0) continue
        waitsCompared++
        for (const k of ["meanDispatchMinutes", "p50DispatchMinutes", "p90DispatchMinutes"] as const) {
          expect(Math.abs(real[k] - h[k]), `${what} ${k}: ${real[k]} vs ${h[k]}`).toBeLessThanOrEqual(SECOND)
        }
        expect(real.withinTarget, what).toBeCloseTo(h.withinTarget, 9)
      }
    }
    expect(compared).toBe(3)
    expect(waitsCompared).toBeGreaterThanOrEqual(1)
    expect(arrivalsCompared).toBeGreaterThanOrEqual(1)

    const headline = json<
      Array<{
        area: string
        month: string
        prio1Hours: number
        prio2Hours: number
        totalHours: number
        prio12Share: number
      }>
    >(await igv("analytics", "headline", "--source", "recorded", ...window, "--json"))
    expect(headline.map((c) => `${c.area} ${c.month}`)).toEqual(["lpo1 2024-03", "lpo2 2024-03"])
    for (const c of headline) {
      const h = history.byArea[c.area]!.timeUse
      // Whole seconds in ClickHouse against the feed's milliseconds: at most a second per shift or job.
      expect(
        Math.abs(c.totalHours - h.totalHours),
        `${c.area} on duty: ${c.totalHours} vs ${h.totalHours}`
      ).toBeLessThan(0.01)
      expect(
        Math.abs(c.prio1Hours - h.prio1Hours),
        `${c.area} prio 1: ${c.prio1Hours} vs ${h.prio1Hours}`
      ).toBeLessThan(0.01)
      expect(
        Math.abs(c.prio2Hours - h.prio2Hours),
        `${c.area} prio 2: ${c.prio2Hours} vs ${h.prio2Hours}`
      ).toBeLessThan(0.01)
      expect(
        Math.abs(c.prio12Share - h.prio12Share),
        `${c.area} share: ${c.prio12Share} vs ${h.prio12Share}`
      ).toBeLessThan(1e-4)
    }

    expect(headline.find((c) => c.area === "lpo1")!.prio1Hours).toBeGreaterThan(0)
    expect(headline.find((c) => c.area === "lpo2")!.prio2Hours).toBeGreaterThan(0)

    const table = await igv("analytics", "headline", "--source", "recorded", ...window)
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^lpo1\s+2024-03\s/m)
    const svTable = await igv("analytics", "headline", "--source", "recorded", ...window, "--lang", "sv")
    expect(svTable.stdout).toContain("andel prio 1+2 av tiden till RLC:s förfogande")
    expect(svTable.stdout).toMatch(/^område\s+månad\s+prio 1 h\s+prio 2 h\s+i tjänst h\s+andel prio 1\+2$/m)
  }, 300_000)

  it("export-run writes a simulated run whose queried figures match the same week's history; re-export writes nothing", async () => {
    expect((await igv("analytics", "migrate")).code).toBe(0)
    // Seed 1 is the seed the recorded week was simulated with: the exported run is that week (the store's copy
    // went over the wire at millisecond precision, hence 1e-6 rather than exact agreement).
    type Exported = { runs: Array<{ runId: string; seed: number; outcome: string }> }
    const exportRun = (id: string, ...more: string[]) =>
      igv("analytics", "export-run", "--scenario", "scenario.yaml", "--scenario-id", id, ...more)
    const exportWeek = async () => json<Exported>(await exportRun("week", "--seed", "1", "--json"))
    const exported = await exportWeek()
    expect(exported.runs).toHaveLength(1)
    expect(exported.runs[0]).toMatchObject({ seed: 1, outcome: "written" })
    const again = await exportWeek()
    expect(again.runs).toEqual([{ ...exported.runs[0], outcome: "exists" }])
    expect((await exportRun("week", "--version", "2", "--seed", "7", "-r", "2")).code).toBe(0)

    const history = json<History>(
      await igv("history", "--store", store, "--from", "2024-03-25", "--to", "2024-04-02", "--area", "lpo1", "--json")
    )
    const whole = json<History>(await igv("history", "--store", store, "--json"))
    const survival = json<
      Array<{ scenarioVersion: number; runs: number; meanSurvival: number; pooledSurvival: number }>
    >(await igv("analytics", "survival", "--scenario", "week", "--json"))
    expect(survival.map((v) => [v.scenarioVersion, v.runs])).toEqual([
      [1, 1],
      [2, 2]
    ])
    expect(survival[0]!.meanSurvival).toBeCloseTo(whole.lineTime.survival, 6)
    expect(survival[0]!.meanSurvival).toBeLessThan(1)

    const interruptions = json<{ runs: number; cells: Array<{ area: string; prio: number; interruptions: number }> }>(
      await igv("analytics", "interruptions", "--scenario", "week", "--version", "1", "--json")
    )
    expect(interruptions.runs).toBe(1)
    const byPrio = (p: number) =>
      interruptions.cells.filter((c) => c.prio === p).reduce((s, c) => s + c.interruptions, 0)
    expect([1, 2, 3].map(byPrio)).toEqual([
      whole.interruptions.byPriority["1"],
      whole.interruptions.byPriority["2"],
      whole.interruptions.byPriority["3"]
    ])
    expect(whole.interruptions.total).toBeGreaterThan(0)
    // The same cells as CSV in Swedish, read back by a standard parser: every interruption counted, hours of the week in Swedish.
    const csv = await igv("analytics", "interruptions", "--scenario", "week", "--version", "1", "--csv", "--lang", "sv")
    expect(csv.code, csv.stderr).toBe(0)
    const rows: Array<Array<string>> = parse(csv.stdout, {
      bom: true,
      delimiter: ";",
      relax_column_count: true,
      skip_empty_lines: true
    })
    expect(rows[0]![0]).toMatch(/^1 matchande körning, \d+ avbrott; "per körning" delar med körningarna$/)
    expect(rows[1]).toEqual([
      "område",
      "timme i veckan",
      "prio",
      "avbrott",
      "per körning",
      "förlorade planerade min",
      "förlorade min per körning"
    ])
    expect(rows.slice(2).reduce((n, r) => n + Number(r[3]), 0)).toBe(whole.interruptions.total)
    expect(rows.slice(2).every((r) => /^(mån|tis|ons|tor|fre|lör|sön) \d\d–\d\d$/.test(r[1]!))).toBe(true)

    const rvs = json<Array<{ prio: number; real: Figures; simulated: Figures }>>(
      await igv(
        "analytics",
        "real-vs-simulated",
        "--from",
        "2024-03-25",
        "--to",
        "2024-04-02",
        "--areas",
        "lpo1",
        "--scenario",
        "week",
        "--version",
        "1",
        "--json"
      )
    )
    expect(rvs.map((r) => r.prio)).toEqual([1, 2, 3])
    expect(
      rvs.reduce((n, r) => n + r.real.dispatched, 0),
      "dispatches in the window"
    ).toBeGreaterThan(0)
    for (const r of rvs) {
      expect(r.simulated.dispatched, `prio ${r.prio}`).toBe(r.real.dispatched)
      expect(Math.abs(r.simulated.meanDispatchMinutes - r.real.meanDispatchMinutes)).toBeLessThanOrEqual(SECOND)
      expect(r.simulated.dispatched).toBe(
        history.byArea["lpo1"]!.response[String(r.prio) as "1" | "2" | "3"].dispatched
      )
    }

    const simulated = json<Array<{ area: string; totalHours: number; prio12Share: number }>>(
      await igv("analytics", "headline", "--source", "simulated", "--scenario", "week", "--version", "1", "--json")
    )
    expect(simulated.map((c) => c.area)).toEqual(["lpo1", "lpo2"])
    for (const c of simulated) expect(c.prio12Share).toBeCloseTo(whole.byArea[c.area]!.timeUse.prio12Share, 6)

    // A sweep: one point at seed 1 (the recorded week), one of two runs.
    const point = (value: string, ...more: string[]) =>
      exportRun("week-sweep", "--sweep", "demo", "--param", `reserve=${value}`, "--run-id", `demo-${value}`, ...more)
    expect((await point("10", "--seed", "1")).code).toBe(0)
    expect((await point("2", "--seed", "3", "-r", "2")).code).toBe(0)
    const sweep = json<{ numeric: boolean; points: Array<{ value: string; runs: number; mean: number }> }>(
      await igv(
        "analytics",
        "sweep",
        "--sweep",
        "demo",
        "--kpi",
        "lineTime.survival",
        "--parameter",
        "reserve",
        "--json"
      )
    )
    expect(sweep.numeric).toBe(true)
    expect(sweep.points.map((p) => [p.value, p.runs])).toEqual([
      ["2", 2],
      ["10", 1]
    ])
    expect(sweep.points[1]!.mean).toBeCloseTo(whole.lineTime.survival, 6)

    const table = await igv("analytics", "survival", "--scenario", "week")
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^version\s+runs\s+mean/m)
    expect(table.stdout).toMatch(/^1\s+1\s/m)
  }, 300_000)

  it("bad input exits 2 naming the option; an unreachable server exits 1", async () => {
    const cases: Array<[args: string[], says: string]> = [
      [["survival"], "--scenario is required"],
      [["interruptions", "--scenario", "week", "--prios", "1,4"], "--prios: expected 1 | 2 | 3, actual 4"],
      [["interruptions", "--scenario", "week'; DROP TABLE x"], "--scenario: an id is"],
      [["interruptions"], "give --scenario, --sweep or --runs"],
      [["headline", "--source", "recorded", "--from", "2024-02-30", "--to", "2024-03-01"], '--from "2024-02-30"'],
      [["headline", "--source", "both"], '--source: expected "recorded" | "simulated"'],
      [["survival", "--scenario", "week", "--kpi", "x"], '--kpi is not an option of "igv analytics survival"'],
      [["survival", "--scenario", "week", "--clickhouse", "localhost:8123"], "--clickhouse"],
      [["survival", "--scenario", "week", "--database", "a-b"], "--database"],
      [["export-run", "--scenario", "scenario.yaml", "--version", "1.5"], "--version must be a whole number"],
      [["export-run", "--scenario", "scenario.yaml", "--param", "reserve=1"], "give --sweep ID too"],
      [["migrate", "--csv"], '--csv is not an option of "igv analytics migrate"'],
      [["survival", "--scenario", "week", "--json", "--csv"], "--json and --csv: choose one"],
      [["survival", "--scenario", "week", "--lang", "de"], "--lang must be sv or en"],
      [["frobnicate"], 'unknown analytics command "frobnicate"']
    ]
    for (const [args, says] of cases) {
      const r = await igv("analytics", ...args)
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2)
      expect(r.stderr, args.join(" ")).toContain(says)
      expect(r.stdout).toBe("")
    }
    const down = await igv("analytics", "survival", "--scenario", "week", "--clickhouse", "http://127.0.0.1:9")
    expect(down.code).toBe(1)
    expect(down.stderr).toContain("ClickHouse does not answer at http://127.0.0.1:9")
  }, 120_000)
})
