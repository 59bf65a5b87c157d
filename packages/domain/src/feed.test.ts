import { describe, expect, it } from "vitest"
import { decodeFeedRecord, isEventRecord } from "./feed.js"

describe("feed records", () => {
  it("decodes an incident row and drops fields outside the schema by name only", () => {
    const r = decodeFeedRecord({
      id: "HR-1",
      registeredAt: "2024-01-01T10:00:00+01:00",
      area: "lpo1",
      prio: 2,
      onSceneMinutes: 30,
      name: "Anna Andersson",
      address: "Storgatan 1"
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.event).toMatchObject({
      _tag: "IncidentRegistered",
      prio: 2,
      unitsNeeded: 1,
      t: Date.UTC(2024, 0, 1, 9) / 60_000
    })
    expect(r.value.droppedFields).toEqual(["name", "address"])
    expect(JSON.stringify(r.value.event)).not.toContain("Anna")
  })

  it("names the field that is wrong", () => {
    const r = decodeFeedRecord({
      id: "HR-1",
      registeredAt: "2024-01-01T10:00:00+01:00",
      area: "lpo1",
      prio: 4,
      onSceneMinutes: 30
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues[0]?.path).toBe("prio")
    const bad = decodeFeedRecord({
      type: "PatrolDispatched",
      at: "2024-01-01 10:00",
      incident: "HR-1",
      patrol: "P1",
      prio: 1
    })
    expect(!bad.ok && bad.issues[0]?.path).toBe("at")
    const unknown = decodeFeedRecord({ type: "Coffee with Anna", at: "2024-01-01T10:00:00Z" })
    expect(!unknown.ok && unknown.issues[0]?.message).toMatch(/^unknown event type; known: IncidentRegistered, /)
    expect(JSON.stringify(unknown)).not.toContain("Anna")
  })

  it("reads a row with a column named type (an export's kind of incident) as an incident row, dropping the column", () => {
    const row = {
      id: "HR-1",
      registeredAt: "2024-01-01T10:00:00+01:00",
      area: "lpo1",
      prio: 3,
      onSceneMinutes: 30,
      type: "inbrott hos Anna Andersson"
    }
    const r = decodeFeedRecord(row)
    expect(r.ok && r.value.event).toMatchObject({ _tag: "IncidentRegistered", incident: "HR-1", prio: 3 })
    expect(r.ok && r.value.droppedFields).toEqual(["type"])
    expect(isEventRecord(row)).toBe(false)
    // An event names its time `at`; a record with `type` and no `registeredAt` is an event too, if a bad one.
    expect(isEventRecord({ type: "PatrolCleared", at: "2024-01-01T10:00:00Z", registeredAt: "x" })).toBe(true)
    expect(isEventRecord({ type: "PatrolCleared" })).toBe(true)
    expect(isEventRecord({ id: "HR-1", registeredAt: "2024-01-01T10:00:00Z" })).toBe(false)
  })

  it("decodes typed feed events", () => {
    const r = decodeFeedRecord({
      type: "PlannedBlockInterrupted",
      at: "2024-01-01T10:00:00Z",
      block: "B1",
      patrol: "P1",
      incident: "HR-1",
      prio: 3,
      note: "x"
    })
    expect(r.ok && r.value.event._tag).toBe("PlannedBlockInterrupted")
    expect(r.ok && r.value.droppedFields).toEqual(["note"])
  })
})
