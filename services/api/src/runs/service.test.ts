import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import type { EventStore } from "@igv/event-store"
import { openSqliteStore } from "@igv/event-store-sqlite"
import { inThreadExecutor } from "./executor.js"
import { QueueFull, RunService } from "./service.js"

const dirs: Array<string> = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A real SQLite store whose appends take 20 ms, as a networked store's (Kafka) do. */
const slowStore = async (): Promise<EventStore> => {
  const dir = mkdtempSync(join(tmpdir(), "igv-runs-"))
  dirs.push(dir)
  const store = await openSqliteStore(`sqlite:${join(dir, "igv.db")}`)
  return {
    ...store,
    append: async (stream, events, expected) => {
      await new Promise((r) => setTimeout(r, 20))
      return store.append(stream, events, expected)
    },
    readStream: (s, v) => store.readStream(s, v),
    readAll: (o) => store.readAll(o),
    readWindow: (o) => store.readWindow(o),
    listStreams: (p) => store.listStreams(p),
    subscribe: (o) => store.subscribe(o),
    close: () => store.close()
  }
}

describe("RunService queue", () => {
  it("accepts no more concurrent submissions than the queue holds, even while their events are being written", async () => {
    const store = await slowStore()
    const service = new RunService({
      store,
      executor: inThreadExecutor(1),
      concurrentRuns: 0,
      queueCapacity: 2,
      maxAttempts: 2,
      loadScenario: async () => undefined,
      readIncidents: async () => ({ count: 0, json: new Uint8Array() }),
      summarize: (r) => r[0]
    })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        service.submit({ scenarioId: "sc", version: 1, seed: i, replications: 1, requestedBy: "k" })
      )
    )
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2)
    expect(
      outcomes
        .filter((o) => o.status === "rejected")
        .every((o) => (o as PromiseRejectedResult).reason instanceof QueueFull)
    ).toBe(true)
    expect(service.queueDepth()).toEqual({ queued: 2, executing: 0 })
    await store.close()
  })
})
