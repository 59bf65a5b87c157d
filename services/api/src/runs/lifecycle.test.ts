import { describe, expect, it } from "vitest"
import type { StoredEvent } from "@igv/event-store"
import { deciderSpec } from "../test/decider-spec.js"
import { UnreadableStoredEvent } from "../events/stored.js"
import { runEvents, type RunEvent } from "./events.js"
import {
  decideRun,
  evolveRun,
  RunAlreadyEnded,
  RunAlreadyExists,
  RunNotFound,
  RunNotQueued,
  type RunState
} from "./lifecycle.js"

const at = "2026-01-01T00:00:00.000Z"
const later = "2026-01-01T00:05:00.000Z"
const request = { runId: "r1", scenarioId: "s", version: 1, seed: 1, replications: 4, requestedBy: "k" }
const requested: RunEvent = { _tag: "RunRequested", at, ...request, requestedAt: at }
const started = (attempt: number): RunEvent => ({ _tag: "RunStarted", at, attempt })
const completed: RunEvent = {
  _tag: "RunCompleted",
  at,
  resultStream: "run-result-r1-x",
  replications: 4,
  interruptions: 7
}
const failed: RunEvent = { _tag: "RunFailed", at, reason: "boom" }
const cancelled: RunEvent = { _tag: "RunCancelled", at, by: "k2" }
const requeued: RunEvent = { _tag: "RunRequeued", at, reason: "server shutdown" }

const fold = (events: ReadonlyArray<RunEvent>) => events.reduce<RunState | undefined>(evolveRun, undefined)
const given = deciderSpec({ decide: decideRun, evolve: evolveRun, initial: undefined as RunState | undefined })

describe("the run lifecycle fold", () => {
  it("counts attempts that started and were not handed back by a graceful shutdown", () => {
    expect(fold([requested])).toMatchObject({ status: "queued", attempts: 0, progress: { done: 0, total: 4 } })
    expect(fold([requested, started(1), { _tag: "RunProgressed", at, done: 2, total: 4 }])).toMatchObject({
      status: "running",
      attempts: 1,
      progress: { done: 2, total: 4 }
    })
    expect(fold([requested, started(1), requeued])).toMatchObject({ status: "queued", attempts: 0 })
    // A crash leaves RunStarted without an end: the next RunStarted is a second attempt.
    expect(fold([requested, started(1), started(2)])).toMatchObject({ status: "running", attempts: 2 })
  })

  it("ends completed with its result stream, failed with a reason, or cancelled by someone", () => {
    expect(fold([requested, started(1), completed])).toMatchObject({
      status: "completed",
      resultStream: "run-result-r1-x",
      progress: { done: 4, total: 4 }
    })
    expect(fold([requested, started(1), failed])).toMatchObject({ status: "failed", reason: "boom" })
    expect(fold([requested, cancelled])).toMatchObject({ status: "cancelled", cancelledBy: "k2" })
    expect(fold([started(1)])).toBeUndefined()
  })

  it("keeps neither tag nor event time in the run's state (its answers are built from it)", () => {
    expect(Object.keys(fold([requested])!)).not.toContain("_tag")
    expect(Object.keys(fold([requested])!)).not.toContain("at")
  })
})

describe("the run lifecycle's rules", () => {
  it("requests a run once", () => {
    given([]).when({ _tag: "RequestRun", at, request }).then([requested])
    given([requested]).when({ _tag: "RequestRun", at, request }).thenThrows(RunAlreadyExists)
  })

  it("starts a queued run, or one the last process left running, as its next attempt", () => {
    given([requested])
      .when({ _tag: "StartRun", at: later })
      .then([{ _tag: "RunStarted", at: later, attempt: 1 }])
    given([requested, started(1), requeued])
      .when({ _tag: "StartRun", at: later })
      .then([{ _tag: "RunStarted", at: later, attempt: 1 }])
    given([requested, started(1)])
      .when({ _tag: "StartRun", at: later })
      .then([{ _tag: "RunStarted", at: later, attempt: 2 }])
    given([requested, cancelled])
      .when({ _tag: "StartRun", at: later })
      .thenThrows(RunNotQueued, "a cancelled run cannot start")
    given([]).when({ _tag: "StartRun", at: later }).thenThrows(RunNotFound)
  })

  it("on a restart, leaves queued runs and runs with attempts left to be run, and fails one that used its attempts", () => {
    const recover = { _tag: "RecoverRun", at: later, maxAttempts: 2 } as const
    given([requested]).when(recover).then([])
    given([requested, started(1)])
      .when(recover)
      .then([])
    given([requested, started(1), started(2)])
      .when(recover)
      .then([
        {
          _tag: "RunFailed",
          at: later,
          reason: "the server stopped during each of 2 attempts; not retried again (limit 2)"
        }
      ])
    // A graceful shutdown's hand-back gives the attempt back.
    given([requested, started(1), started(2), requeued])
      .when(recover)
      .then([])
    given([requested, started(1), completed])
      .when(recover)
      .then([])
  })

  it("records progress of a running run only", () => {
    given([requested, started(1)])
      .when({ _tag: "RecordProgress", at, done: 1, total: 4 })
      .then([{ _tag: "RunProgressed", at, done: 1, total: 4 }])
    given([requested, started(1), cancelled])
      .when({ _tag: "RecordProgress", at, done: 1, total: 4 })
      .then([])
  })

  it("completes a running run; one cancelled while it executed completes nothing", () => {
    const complete = {
      _tag: "CompleteRun",
      at,
      resultStream: "run-result-r1-x",
      replications: 4,
      interruptions: 7
    } as const
    given([requested, started(1)])
      .when(complete)
      .then([completed])
    given([requested, started(1), cancelled])
      .when(complete)
      .then([])
  })

  it("fails or hands back a run that has not ended, and leaves an ended one as it is", () => {
    given([requested, started(1)])
      .when({ _tag: "FailRun", at, reason: "boom" })
      .then([failed])
    given([requested, started(1)])
      .when({ _tag: "HandBackRun", at })
      .then([requeued])
    given([requested, started(1), cancelled])
      .when({ _tag: "FailRun", at, reason: "boom" })
      .then([])
    given([requested, started(1), completed])
      .when({ _tag: "HandBackRun", at })
      .then([])
  })

  it("cancels a queued or running run, never an ended one", () => {
    given([requested]).when({ _tag: "CancelRun", at, by: "k2" }).then([cancelled])
    given([requested, started(1)])
      .when({ _tag: "CancelRun", at, by: "k2" })
      .then([cancelled])
    for (const end of [completed, failed, cancelled]) {
      given([requested, started(1), end])
        .when({ _tag: "CancelRun", at, by: "k2" })
        .thenThrows(RunAlreadyEnded, /already (completed|failed|cancelled)/)
    }
    given([]).when({ _tag: "CancelRun", at, by: "k2" }).thenThrows(RunNotFound)
  })
})

describe("run events in the store", () => {
  const stored = (type: string, payload: unknown, occurredAt = at): StoredEvent => ({
    id: "e",
    type,
    stream: "run-r1",
    version: 3,
    position: 3n,
    occurredAt,
    recordedAt: at,
    schemaVersion: 1,
    payload
  })

  it("go in as type, occurredAt and payload, and come back as they went in", () => {
    const written = runEvents.toNew("e", completed)
    expect(written).toMatchObject({
      type: "RunCompleted",
      occurredAt: at,
      payload: { resultStream: "run-result-r1-x", replications: 4, interruptions: 7 }
    })
    expect(runEvents.fromStored(stored(written.type, written.payload))).toEqual(completed)
  })

  it("read those written before events carried their time, taking it from occurredAt", () => {
    expect(runEvents.fromStored(stored("RunCancelled", { by: "k2" }, later))).toEqual({
      _tag: "RunCancelled",
      at: later,
      by: "k2"
    })
  })

  it("refuse an unknown or malformed event, naming its stream and version", () => {
    expect(() => runEvents.fromStored(stored("RunExploded", {}))).toThrow(UnreadableStoredEvent)
    expect(() => runEvents.fromStored(stored("RunExploded", {}))).toThrow(/run-r1 version 3 \(type RunExploded\)/)
    expect(() => runEvents.fromStored(stored("RunProgressed", { done: "2", total: 4 }))).toThrow(
      /run-r1 version 3 \(type RunProgressed\).*done/
    )
    expect(() => runEvents.fromStored(stored("RunCancelled", { by: "k2", sneaky: 1 }))).toThrow(/sneaky/)
    expect(() => runEvents.fromStored(stored("RunStarted", null))).toThrow(/attempt/)
  })
})
