import { describe, expect, it } from "vitest"
import type { StoredEvent } from "@igv/event-store"
import { UnreadableStoredEvent } from "../events/stored.js"
import { scenarioEvents } from "./events.js"

const stored = (type: string, payload: unknown): StoredEvent => ({
  id: "e",
  type,
  stream: "scenario-sc_1",
  version: 2,
  position: 9n,
  occurredAt: "2026-01-01T00:00:00Z",
  recordedAt: "2026-01-01T00:00:00Z",
  schemaVersion: 1,
  payload
})

describe("scenario events in the store", () => {
  it("refuse an unknown type or a version without its scenario, naming stream and version", () => {
    expect(() => scenarioEvents.fromStored(stored("ScenarioDeleted", { id: "sc_1" }))).toThrow(UnreadableStoredEvent)
    expect(() => scenarioEvents.fromStored(stored("ScenarioDeleted", { id: "sc_1" }))).toThrow(
      /scenario-sc_1 version 2 \(type ScenarioDeleted\)/
    )
    expect(() =>
      scenarioEvents.fromStored(stored("ScenarioRevised", { id: "sc_1", name: "n", by: "k", at: "t" }))
    ).toThrow(/scenario-sc_1 version 2.*scenario/)
  })
})
