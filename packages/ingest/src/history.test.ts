import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeWith, encodeFeedEvent, formatInstant, Scenario, type IgvEvent } from "@igv/domain"
import { openStoreUrl } from "./store-url.js"
import { fold, reportProjection } from "@igv/metrics"
import { simulate } from "@igv/simulator"
import { afterEach, describe, expect, it } from "vitest"
import { HistoryView } from "./history.js"
import { ingestFile } from "./ingest.js"
import { differences, toMilliseconds } from "@igv/test-env"

const scenario = (() => {
  const r = decodeWith(Scenario)({
    name: "two areas",
    start: "2024-03-25",
    days: 7,
    seed: 11,
    areas: [{ id: "lpo1" }, { id: "lpo2" }],
    dimensioning: [
      { area: "lpo1", patrols: 3, start: "07:00", end: "19:00" },
      { area: "lpo2", patrols: 2, start: "07:00", end: "19:00" }
    ],
    demand: {
      synthetic: [
        { area: "lpo1", prio: 1, perDay: 3, service: { _tag: "exponential", meanMinutes: 40 } },
        { area: "lpo1", prio: 3, perDay: 12, service: { _tag: "exponential", meanMinutes: 50 } },
        { area: "lpo2", prio: 2, perDay: 8, service: { _tag: "exponential", meanMinutes: 45 } }
      ]
    },
    plannedBlocks: [
      {
        area: "lpo1",
        weekdays: ["mon", "tue", "wed", "thu", "fri"],
        start: "09:00",
        durationMinutes: 120,
        patrols: 2,
        tag: "ml-1"
      },
      { area: "lpo2", weekdays: ["mon", "wed", "fri"], start: "13:00", durationMinutes: 90, patrols: 1 }
    ]
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
})()

const simulated = (): IgvEvent[] => {
  const events: IgvEvent[] = []
  simulate(scenario, {
    seed: 1,
    onEvent: (e) => {
      events.push({ ...e })
    }
  })
  return events
}
const ndjson = (events: ReadonlyArray<IgvEvent>) =>
  events.map((e) => JSON.stringify(encodeFeedEvent(e, (t) => formatInstant(t)))).join("\n") + "\n"

const opened: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close()
})

describe("HistoryView", () => {
  it("catches up after a restart with late events and equals both a rebuild from position 0 and the simulation's own report", async () => {
    const events = simulated()
    expect(events.length).toBeGreaterThan(500)
    const d = mkdtempSync(join(tmpdir(), "igv-history-"))
    // Part one: the first 60 % but for a batch from its middle, which arrives late, after part two.
    // (Equal times keep store order, so the late batch is cut where the time changes, as a real late delivery is.)
    const at = (share: number) => {
      let i = Math.floor(events.length * share)
      while (toMilliseconds([events[i - 1]!, events[i]!]).every((e, _, [a]) => e.t === a!.t)) i++
      return i
    }
    const [lateFrom, lateTo, cut] = [at(0.3), at(0.4), at(0.6)]
    const first = [...events.slice(0, lateFrom), ...events.slice(lateTo, cut)]
    const second = [...events.slice(cut), ...events.slice(lateFrom, lateTo)]
    writeFileSync(join(d, "a.ndjson"), ndjson(first))
    writeFileSync(join(d, "b.ndjson"), ndjson(second))
    const store = await openStoreUrl(join(d, "igv.db"))
    opened.push(store)
    const checkpoint = join(d, "history.v8")

    await ingestFile(store, join(d, "a.ndjson"))
    const before = HistoryView.open(checkpoint)
    expect(await before.catchUp(store)).toMatchObject({ read: first.length, rebuilt: true })

    const summary = await ingestFile(store, join(d, "b.ndjson"))
    expect(summary.stored).toBe(second.length)
    const restarted = HistoryView.open(checkpoint)
    expect(restarted.position).toBe(BigInt(first.length))
    expect(await restarted.catchUp(store)).toEqual({
      read: second.length,
      taken: second.length,
      rebuilt: false,
      reordered: true
    })

    const rebuilt = HistoryView.open(undefined)
    expect(await rebuilt.catchUp(store)).toMatchObject({ read: events.length, rebuilt: true })
    expect(restarted.report({ timeZone: scenario.timeZone })).toEqual(rebuilt.report({ timeZone: scenario.timeZone }))

    const simulation = fold(reportProjection({ recordedFeed: { timeZone: scenario.timeZone } }), toMilliseconds(events))
    expect(differences(simulation, restarted.report({ timeZone: scenario.timeZone }), { absolute: 1e-6 })).toEqual([])
    expect(restarted.report().lineTime.blocksPlanned).toBeGreaterThan(0)

    // Nothing new: nothing read, same report.
    expect(await HistoryView.open(checkpoint).catchUp(store)).toMatchObject({ read: 0, rebuilt: false })
  })

  it("puts a registration written after its own dispatch (same time) before it, as the call happened", async () => {
    const events = simulated()
    const d = mkdtempSync(join(tmpdir(), "igv-history-"))
    // An export that writes every registration at the end: many dispatch at the minute they are registered.
    const registrations = events.filter((e) => e._tag === "IncidentRegistered")
    writeFileSync(
      join(d, "feed.ndjson"),
      ndjson([...events.filter((e) => e._tag !== "IncidentRegistered"), ...registrations])
    )
    const store = await openStoreUrl(join(d, "igv.db"))
    opened.push(store)
    await ingestFile(store, join(d, "feed.ndjson"))
    const view = HistoryView.open(undefined)
    await view.catchUp(store)
    const simulation = fold(reportProjection({ recordedFeed: { timeZone: scenario.timeZone } }), toMilliseconds(events))
    const history = view.report({ timeZone: scenario.timeZone })
    expect(simulation.response[1].p50DispatchMinutes).toBe(0)
    expect(differences(simulation.response, history.response, { absolute: 1e-6 })).toEqual([])
  })

  it("a window with an area equals a rebuild and keeps only that area's events", async () => {
    const events = simulated()
    const d = mkdtempSync(join(tmpdir(), "igv-history-"))
    writeFileSync(join(d, "a.ndjson"), ndjson(events.slice(0, 400)))
    writeFileSync(join(d, "b.ndjson"), ndjson(events.slice(400)))
    const store = await openStoreUrl(join(d, "igv.db"))
    opened.push(store)
    const window = { from: events[0]!.t + 24 * 60, to: events[0]!.t + 5 * 24 * 60, area: "lpo2" }
    await ingestFile(store, join(d, "a.ndjson"))
    await HistoryView.open(join(d, "h.v8"), window).catchUp(store)
    await ingestFile(store, join(d, "b.ndjson"))
    const view = HistoryView.open(join(d, "h.v8"), window)
    await view.catchUp(store)
    const rebuilt = HistoryView.open(undefined, window)
    await rebuilt.catchUp(store)
    expect(view.report()).toEqual(rebuilt.report())
    expect(Object.keys(view.report().byArea)).toEqual(["lpo2"])
    expect(view.eventsInArea().length).toBeGreaterThan(0)
    expect(view.eventsInArea().every((e) => e.t >= window.from && e.t < window.to)).toBe(true)
    // A checkpoint for another window is not used.
    expect(HistoryView.open(join(d, "h.v8"), { area: "lpo1" }).position).toBe(0n)
  })
})
