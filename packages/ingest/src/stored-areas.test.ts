import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import type { EventStore } from "@igv/event-store"
import { FeedInvalid } from "@igv/runner"
import { toNewEvent } from "./feed-events.js"
import { resolveFeed } from "./replay.js"
import { openStoreUrl } from "./store-url.js"
import { storedAreas, unknownAreaProblem } from "./window.js"
import type { IgvEvent } from "@igv/domain"

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const T = Date.UTC(2024, 2, 25, 8) / 60_000
const registered = (incident: string, area: string): IgvEvent =>
  ({ _tag: "IncidentRegistered", t: T, incident, area, prio: 2, onSceneMinutes: 30, unitsNeeded: 1 }) as IgvEvent

/** A store with lpo2 and lpo1 incidents, one event no area holds, and a run stream; closed again. */
const writtenStore = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), "igv-areas-"))
  dirs.push(dir)
  const path = join(dir, "igv.db")
  const store = await openStoreUrl(path)
  await store.append("area-lpo2", [toNewEvent(registered("a", "lpo2"))])
  await store.append("area-lpo1", [toNewEvent(registered("b", "lpo1"))])
  await store.append("area-unplaced", [
    toNewEvent({ _tag: "IncidentHandledOtherwise", t: T, incident: "c" } as IgvEvent)
  ])
  await store.append("run-1", [
    { id: "r1", type: "RunQueued", occurredAt: "2024-03-25T08:00:00Z", schemaVersion: 1, payload: {} }
  ])
  await store.close()
  return path
}

/** The store, with every read of events refused: what is asked of it must come from the stream names. */
const namesOnly = (store: EventStore): EventStore => {
  const refuse = () => {
    throw new Error("read the events")
  }
  return {
    ...store,
    readAll: refuse,
    readStream: refuse,
    readWindow: refuse,
    listStreams: (p) => store.listStreams(p),
    close: () => store.close()
  }
}

describe("stored areas", () => {
  it("come from the store's stream names, without reading its events", async () => {
    const store = await openStoreUrl(await writtenStore())
    try {
      const names = namesOnly(store)
      expect(await storedAreas(names)).toEqual(["lpo1", "lpo2"])
      expect(await unknownAreaProblem(names, "lpo1")).toBeUndefined()
      expect(await unknownAreaProblem(names, "lpo")).toBe(
        `area "lpo" is not in the store (areas with stored events: lpo1, lpo2)`
      )
      expect(await unknownAreaProblem(names, "unplaced")).toMatch(/is not in the store/)
    } finally {
      await store.close()
    }
  })

  it("an area a store URL names that the store lacks is FeedInvalid listing the known areas, not an empty replay", async () => {
    const path = await writtenStore()
    const refused = resolveFeed(`sqlite:${path}?area=lpo9`)
    await expect(refused).rejects.toBeInstanceOf(FeedInvalid)
    await expect(refused).rejects.toThrow(`area "lpo9" is not in the store (areas with stored events: lpo1, lpo2)`)
    expect((await resolveFeed(`sqlite:${path}?area=lpo1`)).map((e) => e.incident)).toEqual(["b"])
  })
})
