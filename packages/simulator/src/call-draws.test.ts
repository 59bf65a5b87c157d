import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { IgvEvent } from "@igv/domain"
import {
  CALL_RECORD,
  CallDrawer,
  type CallSupplies,
  CallsDrawnHere,
  HANDLED_OTHERWISE,
  NEXT_CALL,
  ON_SCENE,
  recipeOf,
  streamOf,
  TRAVEL_1,
  TRAVEL_2,
  UNITS
} from "./call-draws.js"
import { simulate } from "./engine.js"
import { compile } from "./model.js"
import { sample } from "./sampler.js"
import { scenario, scenarioArb } from "./scenarios.test-util.js"

/** One area, a lognormal prio-3 stream with two-unit calls and a prio-1 exponential one, over a DST night. */
const twoStreams = scenario({
  name: "two streams",
  start: "2024-03-29",
  days: 4,
  timeZone: "Europe/Stockholm",
  areas: [{ id: "a" }],
  dimensioning: [{ area: "a", patrols: 3, start: "00:00", end: "24:00" }],
  demand: {
    synthetic: [
      {
        area: "a",
        prio: 3,
        perDay: 40,
        twoUnitShare: 0.3,
        service: { _tag: "lognormal", medianMinutes: 30, p90Minutes: 90 }
      },
      { area: "a", prio: 1, perDay: 12, service: { _tag: "exponential", meanMinutes: 40 } }
    ]
  },
  rules: { prio3: { handledOtherwiseShare: 0.2 } }
})

/** All of a drawer's records, drawn `batch` at a time. */
const recordsOf = (drawer: CallDrawer, batch: number): Array<number> => {
  const out: Array<number> = [],
    buffer = new Float64Array(batch * CALL_RECORD)
  for (let n: number; (n = drawer.draw(buffer, 0, batch)) > 0; ) out.push(...buffer.subarray(0, n * CALL_RECORD))
  return out
}

const drawerFor = (stream: number, seed = 5) => {
  const m = compile(twoStreams, seed)
  return new CallDrawer(m.streams[stream]!, m.calendar.startT, m.calendar.endT)
}

describe("call records", () => {
  it("hold, for call k, the k-th draw of each of the stream's own random streams and the time of call k + 1", () => {
    for (const s of [0, 1]) {
      const records = recordsOf(drawerFor(s), 256)
      const m = compile(twoStreams, 5),
        stream = m.streams[s]!
      let t = stream.next(m.calendar.startT)
      expect(records[NEXT_CALL]).toBe(t)
      const calls = records.length / CALL_RECORD - 1
      expect(calls).toBeGreaterThan(s === 0 ? 100 : 30)
      for (let k = 1; k <= calls; k++) {
        const r = records.slice(k * CALL_RECORD, (k + 1) * CALL_RECORD)
        expect(r[ON_SCENE]).toBe(sample(stream.service, stream.onScene))
        expect(r[UNITS]).toBe(stream.units.uniform() < stream.twoUnitShare ? 2 : 1)
        expect(r[TRAVEL_1]).toBe(stream.travel.uniform())
        expect(r[TRAVEL_2]).toBe(stream.travel.uniform())
        expect(r[HANDLED_OTHERWISE]).toBe(stream.prio === 3 ? stream.otherwise.uniform() : 0)
        t = stream.next(t)
        expect(r[NEXT_CALL]).toBe(t)
        // The last record's next call is past the horizon: the stream is over.
        expect(t < m.calendar.endT).toBe(k < calls)
      }
      expect(new Set(records.filter((_, i) => i % CALL_RECORD === UNITS))).toEqual(
        new Set(s === 0 ? [0, 1, 2] : [0, 1])
      )
    }
  })

  it("are the same drawn in batches of any size, skipped over, or by a stream built again from its recipe", () => {
    const whole = recordsOf(drawerFor(0), 1)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 200 }), (batch, skipped) => {
        expect(recordsOf(drawerFor(0), batch)).toEqual(whole)
        const drawer = drawerFor(0)
        drawer.skip(skipped)
        expect(recordsOf(drawer, batch)).toEqual(whole.slice(skipped * CALL_RECORD))
      }),
      { numRuns: 40 }
    )
    const m = compile(twoStreams, 5)
    const again = streamOf(structuredClone(recipeOf(m.streams[0]!)), m.streams[0]!.grid)
    expect(recordsOf(new CallDrawer(again, m.calendar.startT, m.calendar.endT), 64)).toEqual(whole)
  })

  it("leave the simulation as it is however they are supplied", () => {
    const eventsWith = (s: typeof twoStreams, seed: number, callSupplies?: CallSupplies) => {
      const events: Array<IgvEvent> = []
      simulate(s, { seed, onEvent: (e) => events.push(e), ...(callSupplies === undefined ? {} : { callSupplies }) })
      return events
    }
    const inBatchesOf =
      (batch: number): CallSupplies =>
      (streams, startT, endT) =>
        streams.map((s) => new CallsDrawnHere(new CallDrawer(s, startT, endT), batch))
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 9 }),
        (s, seed, batch) => {
          expect(eventsWith(s, seed, inBatchesOf(batch))).toEqual(eventsWith(s, seed))
        }
      ),
      { numRuns: 30 }
    )
  }, 60_000)
})
