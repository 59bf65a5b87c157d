import { describe, expect, it } from "vitest"
import type { StoredEvent } from "./envelope.js"
import { upcastEvent, type UpcasterRegistry } from "./upcast.js"

const stored = (type: string, schemaVersion: number, payload: unknown): StoredEvent => ({
  id: "e-1",
  type,
  stream: "area-7",
  version: 3,
  position: 42n,
  occurredAt: "2026-10-25T02:30:00+02:00",
  recordedAt: "2026-10-25T00:31:00.000Z",
  schemaVersion,
  payload
})

const registry: UpcasterRegistry = {
  "incident.registered": {
    1: (p: { prio: string }) => ({ priority: Number(p.prio) }),
    2: (p: { priority: number }) => ({ ...p, handledAnotherWay: p.priority === 3 ? false : null })
  }
}

describe("upcastEvent", () => {
  it("chains every step from the stored version to the newest, keeping the envelope", () => {
    const event = upcastEvent(registry, stored("incident.registered", 1, { prio: "3" }))
    expect(event).toEqual({ ...stored("incident.registered", 3, { priority: 3, handledAnotherWay: false }) })
  })

  it("starts from the stored version: a v2 event takes only the last step", () => {
    expect(upcastEvent(registry, stored("incident.registered", 2, { priority: 1 }))).toMatchObject({
      schemaVersion: 3,
      payload: { priority: 1, handledAnotherWay: null }
    })
  })

  it("returns the same object when no step applies (newest version, unknown type)", () => {
    const newest = stored("incident.registered", 3, { priority: 2, handledAnotherWay: null })
    const other = stored("patrol.dispatched", 1, { patrol: "p" })
    expect(upcastEvent(registry, newest)).toBe(newest)
    expect(upcastEvent(registry, other)).toBe(other)
  })

  it("drops the stored payload text once the payload changes, keeps it when nothing applies", () => {
    const withText = (e: StoredEvent): StoredEvent => ({ ...e, payloadJson: JSON.stringify(e.payload) })
    const upcast = upcastEvent(registry, withText(stored("incident.registered", 2, { priority: 1 })))
    expect(upcast.payloadJson).toBeUndefined()
    expect("payloadJson" in upcast).toBe(false)
    const unchanged = withText(stored("patrol.dispatched", 1, { patrol: "p" }))
    expect(upcastEvent(registry, unchanged).payloadJson).toBe('{"patrol":"p"}')
  })

  it("does not change the stored event it was given", () => {
    const original = stored("incident.registered", 1, { prio: "2" })
    upcastEvent(registry, original)
    expect(original).toEqual(stored("incident.registered", 1, { prio: "2" }))
  })
})
