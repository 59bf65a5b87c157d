import { fold, reportProjection, type InterruptionRecord } from "@igv/metrics"
import type { NewEvent, StoredEvent } from "@igv/event-store"
import { describe, expect, it } from "vitest"
import { UnreadableStoredEvent } from "../events/stored.js"
import { runResultEvents, type RunResultEvent } from "./events.js"

const stream = "run-result-r1-ab12"
const asStored = (e: NewEvent, version = 1): StoredEvent => ({
  ...e,
  stream,
  version,
  position: 7n,
  recordedAt: e.occurredAt
})
const plain = (type: string, payload: unknown): StoredEvent =>
  asStored({ id: "e", type, occurredAt: "2026-03-01T10:00:00.000Z", schemaVersion: 1, payload }, 3)

const at = "2026-03-01T10:00:00.000Z"
const report = fold(reportProjection({ recordedFeed: {} }), [])
const row: InterruptionRecord = {
  t: 600,
  area: "north",
  patrol: "north/igv/0",
  patrolKind: "igv",
  block: "b1",
  tag: "mb",
  incident: "i1",
  prio: 1,
  minutesLost: 25
}

describe("a run's result events in the store", () => {
  it("read back as they were written: the report, the replications' reports, the interruptions", () => {
    const written: Array<RunResultEvent> = [
      {
        _tag: "RunReport",
        at,
        report: { replications: 2, mean: report, halfWidth95: report },
        timeZone: "Europe/Stockholm"
      },
      { _tag: "RunReplicationReports", at, from: 0, reports: [report, report] },
      {
        _tag: "RunInterruptions",
        at,
        from: 0,
        rows: [row, { ...row, t: 700, at: "2026-03-01T11:40:00+01:00", tag: undefined }]
      }
    ]
    const read = written.map((e, i) => runResultEvents.fromStored(asStored(runResultEvents.toNew(`e${i}`, e), i + 1)))
    expect(read).toEqual(written)
  })

  it("read what the service stored before they had a schema (a plain payload, the time as occurredAt)", () => {
    const e = runResultEvents.fromStored(plain("RunInterruptions", { from: 2000, rows: [row] }))
    expect(e).toEqual({ _tag: "RunInterruptions", at, from: 2000, rows: [row] })
  })

  it("refuse a malformed row or an unknown type, naming stream, version and path, never reading it as something else", () => {
    expect(() =>
      runResultEvents.fromStored(plain("RunInterruptions", { from: 0, rows: [{ ...row, prio: 7 }] }))
    ).toThrow(/run-result-r1-ab12 version 3 \(type RunInterruptions\).*rows\.0\.prio/)
    expect(() =>
      runResultEvents.fromStored(plain("RunReplicationReports", { from: 0, reports: [{ events: 3 }] }))
    ).toThrow(UnreadableStoredEvent)
    expect(() => runResultEvents.fromStored(plain("RunSummary", { report: {} }))).toThrow(/type RunSummary/)
  })
})
