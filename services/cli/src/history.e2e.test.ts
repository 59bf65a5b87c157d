import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { decodeWith, encodeFeedEvent, formatInstant, fromLocal, Scenario, type IgvEvent } from "@igv/domain"
import { fold, historyProjection } from "@igv/metrics"
import { simulate } from "@igv/simulator"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"
import { differences, toMilliseconds } from "@igv/test-env"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })
const SCENARIO = twoLpoWeek(3)

let dir: string
let events: IgvEvent[]
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-history-e2e-"))
  await writeFile(join(dir, "scenario.yaml"), SCENARIO)
  // What "really happened": the simulator's event stream for the week, as an RLC feed export.
  const { parse } = await import("yaml")
  const scenario = decodeWith(Scenario)(parse(SCENARIO))
  if (!scenario.ok) throw new Error(JSON.stringify(scenario.issues))
  events = []
  simulate(scenario.value, { seed: 1, onEvent: (e) => void events.push({ ...e }) })
}, 300_000)

const ndjson = (es: ReadonlyArray<IgvEvent>) =>
  es.map((e) => JSON.stringify(encodeFeedEvent(e, (t) => formatInstant(t)))).join("\n") + "\n"

describe("igv history", () => {
  it("reports what the stored feed says happened, as a simulation reports it; catches up after new (late) events; --rebuild agrees", async () => {
    const store = `sqlite:${join(dir, "igv.db")}`
    // Wednesday's events arrive late, after the rest of the week.
    const wednesday = [fromLocal(2024, 3, 27, 0, 0), fromLocal(2024, 3, 28, 0, 0)] as const
    const isLate = (e: IgvEvent) => e.t >= wednesday[0] && e.t < wednesday[1]
    await writeFile(join(dir, "week.ndjson"), ndjson(events.filter((e) => !isLate(e))))
    await writeFile(join(dir, "late.ndjson"), ndjson(events.filter(isLate)))

    expect((await igv("ingest", "week.ndjson", "--store", store)).code).toBe(0)
    const before = await igv("history", "--store", store, "--json")
    expect(before.code, before.stderr).toBe(0)
    expect(before.stderr).toContain("read the store from position 0")

    expect((await igv("ingest", "late.ndjson", "--store", store)).code).toBe(0)
    const after = await igv("history", "--store", store, "--json")
    expect(after.stderr).toMatch(
      /caught up from the checkpoint: \d+ new store events, \d+ in the window \(late events sorted into place\)/
    )
    const rebuilt = await igv("history", "--store", store, "--json", "--rebuild")
    expect(rebuilt.stderr).toContain("read the store from position 0")
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(rebuilt.stdout))
    expect(JSON.parse(after.stdout)).not.toEqual(JSON.parse(before.stdout))

    const simulated = fold(historyProjection({ timeZone: "Europe/Stockholm" }), toMilliseconds(events))
    expect(differences(simulated, JSON.parse(after.stdout), { absolute: 1e-6 })).toEqual([])
    // A simulated stream holds every kind a figure needs: nothing is "not measured".
    expect(JSON.parse(after.stdout).missing).toEqual([])

    const again = await igv("history", "--store", store)
    expect(again.stderr).toContain("caught up from the checkpoint: 0 new store events")
    for (const heading of ["Planned line time", "Interruptions of planned blocks", "Time use, hours on duty"])
      expect(again.stdout).toContain(heading)
  })

  it("takes a window and an area, and simulate replays the same window of stored incidents", async () => {
    const store = `sqlite:${join(dir, "window.db")}`
    await writeFile(join(dir, "all.ndjson"), ndjson(events))
    expect((await igv("ingest", "all.ndjson", "--store", store)).code).toBe(0)
    const r = await igv(
      "history",
      "--store",
      store,
      "--from",
      "2024-03-26",
      "--to",
      "2024-03-29",
      "--area",
      "lpo2",
      "--json"
    )
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(Object.keys(report.byArea)).toEqual(["lpo2"])
    const [from, to] = [fromLocal(2024, 3, 26, 0, 0), fromLocal(2024, 3, 29, 0, 0)]
    const incidents = events.filter(
      (e) => e._tag === "IncidentRegistered" && e.area === "lpo2" && e.t >= from && e.t < to
    )
    expect(report.response["1"].count + report.response["2"].count + report.response["3"].count).toBe(incidents.length)

    const sim = await igv(
      "simulate",
      "--scenario",
      "scenario.yaml",
      "--feed",
      `${store}?from=2024-03-26&to=2024-03-29&area=lpo2`,
      "--json"
    )
    expect(sim.code, sim.stderr).toBe(0)
    expect(sim.stderr).toContain(`${incidents.length} incidents replayed`)
    const bad = await igv("simulate", "--scenario", "scenario.yaml", "--feed", `${store}?from=2030-01-01`)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("no stored incidents in this window")
    expect((await igv("history", "--store", store, "--from", "yesterday")).code).toBe(2)
  })
})
