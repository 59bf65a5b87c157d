import { describe, expect, it } from "vitest"
import type { StoredEvent } from "@igv/event-store"
import { evolveRun, type RunState } from "./lifecycle.js"

let version = 0
const e = (type: string, payload: unknown = {}): StoredEvent => ({
  id: `e${++version}`, type, stream: "run-r1", version, position: BigInt(version), occurredAt: `2026-01-01T00:00:0${version % 10}Z`,
  recordedAt: "2026-01-01T00:00:00Z", schemaVersion: 1, payload
})
const fold = (events: ReadonlyArray<StoredEvent>) => events.reduce<RunState | undefined>(evolveRun, undefined)
const requested = e("RunRequested", { runId: "r1", scenarioId: "s", version: 1, seed: 1, replications: 4, requestedBy: "k", requestedAt: "t" })

describe("the run lifecycle fold", () => {
  it("counts attempts that started and were not handed back by a graceful shutdown", () => {
    expect(fold([requested])).toMatchObject({ status: "queued", attempts: 0, progress: { done: 0, total: 4 } })
    expect(fold([requested, e("RunStarted"), e("RunProgressed", { done: 2, total: 4 })])).toMatchObject({ status: "running", attempts: 1, progress: { done: 2, total: 4 } })
    expect(fold([requested, e("RunStarted"), e("RunRequeued")])).toMatchObject({ status: "queued", attempts: 0 })
    // A crash leaves RunStarted without an end: the next RunStarted is a second attempt.
    expect(fold([requested, e("RunStarted"), e("RunStarted")])).toMatchObject({ status: "running", attempts: 2 })
  })

  it("ends completed with its result stream, failed with a reason, or cancelled by someone", () => {
    expect(fold([requested, e("RunStarted"), e("RunCompleted", { resultStream: "run-result-r1-x" })])).toMatchObject({ status: "completed", resultStream: "run-result-r1-x", progress: { done: 4, total: 4 } })
    expect(fold([requested, e("RunStarted"), e("RunFailed", { reason: "boom" })])).toMatchObject({ status: "failed", reason: "boom" })
    expect(fold([requested, e("RunCancelled", { by: "k2" })])).toMatchObject({ status: "cancelled", cancelledBy: "k2" })
    expect(fold([e("RunStarted")])).toBeUndefined()
  })
})
