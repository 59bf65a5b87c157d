import { describe, expect, it } from "vitest"
import { decodeWith, Scenario } from "@igv/domain"
import { CALL_RECORD, CallDrawer, compile } from "@igv/simulator"
import { CallsDrawnAhead, ringCapacity } from "./calls-ahead.js"
import { CONTROL_FAILED, controlLength, readAt, writtenAt } from "./calls-ring.js"

// The run's side of drawing ahead, with the drawing thread played by this test: it fills the ring before the run
// reads, then fails or falls silent. The thread itself runs in replications.e2e.test.ts.
const decoded = decodeWith(Scenario)({
  name: "one stream",
  start: "2024-10-14",
  days: 60,
  areas: [{ id: "a" }],
  dimensioning: [{ area: "a", patrols: 2, start: "00:00", end: "24:00" }],
  demand: {
    synthetic: [{ area: "a", prio: 3, perDay: 60, service: { _tag: "lognormal", medianMinutes: 30, p90Minutes: 90 } }]
  }
})
if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
const scenario = decoded.value

const drawer = () => {
  const m = compile(scenario, 2)
  return new CallDrawer(m.streams[0]!, m.calendar.startT, m.calendar.endT)
}
/** Every record of the stream, drawn in one go. */
const all = (() => {
  const d = drawer(),
    out = new Float64Array(10_000 * CALL_RECORD)
  return Array.from(out.subarray(0, d.draw(out, 0, 10_000) * CALL_RECORD))
})()

/** Takes `count` records from `supply` as the engine does, one at a time (by default all the stream has). */
const take = (supply: CallsDrawnAhead, count = all.length / CALL_RECORD): Array<number> => {
  const out: Array<number> = []
  for (let left = count; left > 0; left--) {
    if (supply.at === supply.end) supply.refill()
    out.push(...supply.records.subarray(supply.at, supply.at + CALL_RECORD))
    supply.at += CALL_RECORD
  }
  return out
}

/** A ring of `capacity` records holding records 0..written−1 of the stream, as the thread would have left it. */
const filledRing = (capacity: number, written: number) => {
  const ring = new Float64Array(capacity * CALL_RECORD),
    control = new Int32Array(new SharedArrayBuffer(controlLength(1) * 4))
  const producer = drawer(),
    record = new Float64Array(CALL_RECORD)
  for (let k = 0; k < written; k++) {
    producer.draw(record, 0, 1)
    ring.set(record, (k % capacity) * CALL_RECORD)
  }
  control[writtenAt(0)] = written
  return { ring, control }
}

describe("calls drawn ahead, as the run takes them", () => {
  it("are the stream's records when the thread fails part way, having drawn some here first", () => {
    expect(all.length / CALL_RECORD).toBeGreaterThan(3000)
    // The run draws its first batch here before the ring has anything; then the thread has 600 records, then fails.
    const { ring, control } = filledRing(1024, 0)
    const supply = new CallsDrawnAhead(drawer(), 0, ring, 1024, control)
    const first = take(supply, 256)
    ring.set(filledRing(1024, 600).ring)
    control[writtenAt(0)] = 600
    control[CONTROL_FAILED] = 1
    expect([...first, ...take(supply, all.length / CALL_RECORD - 256)]).toEqual(all)
    // Records 256..599 came from the ring, the rest were drawn here.
    expect(supply.fromRing).toBe(600 - 256)
    expect(control[readAt(0)]).toBeGreaterThanOrEqual(600)
  })

  it("are the stream's records when the thread falls silent, read from a ring that wrapped round", () => {
    // The run draws its first 256 here; the thread, allowed 512 past them, writes records up to 767 into a ring of
    // 512 (256..511 in the ring's second half, 512..767 over the first); the run reads them across the wrap, then
    // gives up on the thread after 20 ms without a record and draws on here.
    const { ring, control } = filledRing(512, 0)
    const supply = new CallsDrawnAhead(drawer(), 0, ring, 512, control, 20)
    const first = take(supply, 256)
    expect(control[readAt(0)]).toBe(256)
    ring.set(filledRing(512, 768).ring)
    control[writtenAt(0)] = 768
    expect([...first, ...take(supply, all.length / CALL_RECORD - 256)]).toEqual(all)
    expect(supply.fromRing).toBe(512)
  })

  it("are all drawn here if the thread never writes", () => {
    const { ring, control } = filledRing(256, 0)
    const supply = new CallsDrawnAhead(drawer(), 0, ring, 256, control)
    expect(take(supply)).toEqual(all)
    expect(supply.fromRing).toBe(0)
  })

  it("share at most 8 MiB of rings, of at least 4,096 records each, or are drawn here", () => {
    expect(ringCapacity(3)).toBe(8192)
    expect(ringCapacity(21)).toBe(8192)
    expect(ringCapacity(22)).toBe(4096)
    expect(ringCapacity(42) * CALL_RECORD * 8 * 42).toBeLessThanOrEqual(8 << 20)
    // A national year's 285 streams: drawn here.
    expect(ringCapacity(43)).toBe(0)
    expect(ringCapacity(285)).toBe(0)
  })
})
