import type { NewEvent } from "@igv/event-store"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { DecodedBatch } from "./ingest.js"
import { fromWire, toWire } from "./worker-batch.js"

const newEvent = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes("\u0000")),
  type: fc.constantFrom("IncidentRegistered", "PatrolCleared", "RowQuarantined"),
  occurredAt: fc
    .date({ noInvalidDate: true, min: new Date(0), max: new Date("2100-01-01") })
    .map((d) => d.toISOString()),
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  // Any JSON value, text with U+0000 and separators included: JSON.stringify escapes the control character.
  payload: fc.jsonValue()
})

const batch = fc.record({
  groups: fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.array(newEvent, { maxLength: 6 })), { maxLength: 4 }),
  read: fc.nat(),
  quarantined: fc.nat(),
  droppedFields: fc.dictionary(fc.string({ maxLength: 8 }), fc.nat(), { maxKeys: 3 }),
  // Incident ids may hold any character, U+0000 too.
  registrations: fc.array(
    fc.record({
      incident: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
      eventId: fc.string({ maxLength: 30 }),
      line: fc.nat()
    }),
    { maxLength: 4 }
  )
})

const plainEvent = (e: NewEvent) => ({
  id: e.id,
  type: e.type,
  occurredAt: e.occurredAt,
  schemaVersion: e.schemaVersion,
  payload: e.payload
})

describe("batches crossing from the decode worker", () => {
  it("arrive with every event's fields and payload as they left, the payload text being the payload's JSON", () => {
    fc.assert(
      fc.property(batch, (sent: DecodedBatch) => {
        // Through structured clone, as postMessage carries it.
        const arrived = fromWire(structuredClone(toWire(sent)))
        expect({ ...arrived, groups: arrived.groups.map(([s, es]) => [s, es.map(plainEvent)]) }).toEqual({
          ...sent,
          groups: sent.groups.map(([s, es]) => [
            s,
            es.map((e) => plainEvent({ ...e, payload: JSON.parse(JSON.stringify(e.payload)) }))
          ])
        })
        arrived.groups.forEach(([, es], g) =>
          es.forEach((e, i) => expect(e.payloadJson).toBe(JSON.stringify(sent.groups[g]![1][i]!.payload)))
        )
      }),
      { numRuns: 500 }
    )
  })

  it("refuses an id that would break the separation instead of storing a wrong event", () => {
    const bad: DecodedBatch = {
      groups: [["area-1", [{ id: "a\u0000b", type: "T", occurredAt: "x", schemaVersion: 1, payload: {} }]]],
      read: 1,
      quarantined: 0,
      droppedFields: {},
      registrations: []
    }
    expect(() => toWire(bad)).toThrow(/U\+0000/)
  })
})
