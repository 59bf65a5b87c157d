import { existsSync, mkdirSync } from "node:fs"
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"
import { differences } from "@igv/test-env"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-events-e2e-"))
  await writeFile(join(dir, "week.yaml"), twoLpoWeek(4))
}, 300_000)

/**
 * Survival is not measurable over less than a second of planned time: such a sliver is a block edge the
 * feed's millisecond timestamps moved across an hour (planned 0 in the run, 2e-8 h in the feed).
 */
const withoutSlivers = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSlivers)
  if (typeof value !== "object" || value === null) return value
  const record = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSlivers(v)]))
  if (typeof record["plannedHours"] === "number" && record["plannedHours"] < 1 / 3600 && "survival" in record)
    record["survival"] = "not measurable"
  return record
}

describe("igv simulate --events", () => {
  it("writes the run's full stream as a feed that ingest stores whole and history folds into simulate's own report", async () => {
    const sim = await igv("simulate", "-s", "week.yaml", "--events", "events.ndjson", "--json")
    expect(sim.code, sim.stderr).toBe(0)
    const report = JSON.parse(sim.stdout)
    const lines = (await readFile(join(dir, "events.ndjson"), "utf8")).trimEnd().split("\n")
    expect(sim.stderr).toContain(`wrote events.ndjson: ${lines.length} events of replication 0 (seed 4)`)
    expect(lines.length).toBe(report.events)
    const kinds = new Set(lines.map((l) => JSON.parse(l).type))
    for (const kind of [
      "ShiftStarted",
      "IncidentRegistered",
      "PatrolDispatched",
      "PatrolOnScene",
      "PatrolCleared",
      "PlannedBlockStarted",
      "PlannedBlockInterrupted"
    ]) {
      expect(kinds).toContain(kind)
    }

    const store = `sqlite:${join(dir, "igv.db")}`
    const ingest = await igv("ingest", "events.ndjson", "--store", store)
    expect(ingest.code, ingest.stderr).toBe(0)
    expect(ingest.stdout).toMatch(new RegExp(`stored\\s+${lines.length}\\b`))
    expect(ingest.stdout).toMatch(/quarantined\s+0\b/)
    const history = await igv("history", "--store", store, "--json")
    expect(history.code, history.stderr).toBe(0)
    const { eventKinds, missing, ...folded } = JSON.parse(history.stdout)
    // Every kind the simulation emits is in the stream, so history measures every figure group.
    expect(missing).toEqual([])
    expect(Object.keys(eventKinds)).toEqual(expect.arrayContaining([...kinds]))
    // No figure differs by more than the feed's millisecond timestamps explain.
    expect(differences(withoutSlivers(report), withoutSlivers(folded), { relative: 1e-3 })).toEqual([])
    expect(folded.lineTime.plannedHours).toBeGreaterThan(0)
    expect(folded.interruptions.total).toBe(report.interruptions.total)
  })

  it("with replications writes replication 0, the same stream as a single run of that seed", async () => {
    expect((await igv("simulate", "-s", "week.yaml", "-r", "3", "--events", "three.ndjson")).code).toBe(0)
    expect((await igv("simulate", "-s", "week.yaml", "--events", "one.ndjson")).code).toBe(0)
    expect(await readFile(join(dir, "three.ndjson"), "utf8")).toBe(await readFile(join(dir, "one.ndjson"), "utf8"))
  })

  it("names an --events folder that does not exist, or an --events that is a folder, before the run starts", async () => {
    const r = await igv("simulate", "-s", "week.yaml", "--events", "missing/events.ndjson")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `cannot write --events missing/events.ndjson: the folder ${join(dir, "missing")} does not exist`
    )
    expect(r.stdout).toBe("")
    expect(r.stderr).not.toMatch(/simulated \d+ replication/)
    mkdirSync(join(dir, "a-folder"))
    const folder = await igv("simulate", "-s", "week.yaml", "--events", "a-folder", "--out", "report.json")
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain("cannot write --events a-folder: it is a folder")
    expect(folder.stderr).not.toMatch(/simulated \d+ replication/)
    expect(existsSync(join(dir, "report.json"))).toBe(false)
  })
})
