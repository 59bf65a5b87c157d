import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { collect } from "@igv/event-store"
import { decodeFeedRecord } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { pseudonymiser, streamOf, toNewEvent } from "./feed-events.js"
import { balances, ingestFile } from "./ingest.js"
import { openQuarantine } from "./quarantine.js"
import { readIncidents } from "./replay.js"
import { resubmitQuarantine } from "./resubmit.js"
import { storesClosedAfterEach, tempDir } from "./stores.test-util.js"

const dir = () => tempDir("igv-incident-index-")
const open = storesClosedAfterEach()
const file = (d: string, name: string, lines: ReadonlyArray<string>) => {
  const path = join(d, name)
  writeFileSync(path, lines.join("\n") + "\n")
  return path
}
const registration = (id: string, prio: number, minutes: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, registeredAt: "2024-03-25T12:00:00+01:00", area: "a", prio, onSceneMinutes: minutes, ...extra })

const FIRST = [registration("HR-1", 3, 20), registration("HR-2", 2, 30)]
/** HR-1 again with other content (a prio-1 call for 600 min), HR-2 identical, HR-3 new. */
const SECOND = [
  registration("HR-1", 1, 600, { caller: "Anna Svensson" }),
  registration("HR-2", 2, 30),
  registration("HR-3", 2, 15)
]
const CONFLICT = /^id registered earlier with different content/

describe("an incident id registered by an earlier ingest", () => {
  it("quarantines a later registration with other content; an identical one is a duplicate; counts balance", async () => {
    const d = dir()
    const s = await open(d)
    expect(await ingestFile(s, file(d, "first.ndjson", FIRST))).toMatchObject({ read: 2, stored: 2, quarantined: 0 })
    const second = await ingestFile(s, file(d, "second.ndjson", SECOND))
    expect(second).toMatchObject({ read: 3, stored: 1, duplicates: 1, quarantined: 1, alreadyQuarantined: 0 })
    expect(balances(second)).toBe(true)

    expect((await readIncidents(s)).map((i) => [i.incident, i.prio, i.onSceneMinutes])).toEqual([
      ["HR-1", 3, 20],
      ["HR-2", 2, 30],
      ["HR-3", 2, 15]
    ])
    const [entry, ...others] = await openQuarantine(s)
    expect(others).toEqual([])
    expect(entry).toMatchObject({
      source: join(d, "second.ndjson"),
      line: 1,
      reason: expect.stringMatching(CONFLICT),
      pseudonymised: false
    })
    expect(entry!.issues).toEqual([{ path: "incident", message: entry!.reason }])
    // Schema fields only: the caller's name is not kept.
    expect(entry!.raw).not.toContain("Anna")
    expect(JSON.parse(entry!.raw)).toMatchObject({
      type: "IncidentRegistered",
      incident: "HR-1",
      prio: 1,
      onSceneMinutes: 600
    })

    // Again: nothing new is stored and the conflict is not quarantined twice.
    expect(await ingestFile(s, file(d, "second.ndjson", SECOND))).toMatchObject({
      read: 3,
      stored: 0,
      duplicates: 2,
      quarantined: 1,
      alreadyQuarantined: 1
    })
    // Resubmitted unchanged, it is still a conflict and stays open.
    const resubmitted = await resubmitQuarantine(s, "all-open")
    expect(resubmitted).toMatchObject({
      resolved: 0,
      stillRejected: [{ quarantineId: entry!.quarantineId, reason: expect.stringMatching(CONFLICT) }]
    })
    expect((await readIncidents(s)).filter((i) => i.incident === "HR-1")).toHaveLength(1)
  })

  it("holds across reopening the store, and for a third ingest naming the same id", async () => {
    const d = dir()
    const s = await open(d)
    await ingestFile(s, file(d, "first.ndjson", FIRST))
    await s.close()
    const again = await open(d)
    expect(await ingestFile(again, file(d, "third.ndjson", [registration("HR-2", 1, 5)]))).toMatchObject({
      read: 1,
      stored: 0,
      quarantined: 1
    })
    expect((await readIncidents(again)).map((i) => [i.incident, i.prio])).toEqual([
      ["HR-1", 3],
      ["HR-2", 2]
    ])
  })

  it("compares pseudonymised ids when a key is set, and keeps no raw id in the quarantine", async () => {
    const d = dir()
    const s = await open(d)
    const key = { pseudonymKey: "k-1" }
    await ingestFile(s, file(d, "first.ndjson", FIRST), key)
    const second = await ingestFile(s, file(d, "second.ndjson", SECOND), key)
    expect(second).toMatchObject({ read: 3, stored: 1, duplicates: 1, quarantined: 1 })
    const [entry] = await openQuarantine(s)
    expect(entry).toMatchObject({ reason: expect.stringMatching(CONFLICT), pseudonymised: true })
    expect(entry!.raw).not.toContain("HR-1")
    expect(JSON.parse(entry!.raw)).toMatchObject({ incident: pseudonymiser("k-1").id("HR-1"), prio: 1 })
    const stored = await collect(s.readAll())
    expect(JSON.stringify(stored.map((e) => e.payload))).not.toContain("HR-")
    expect(await readIncidents(s)).toHaveLength(3)
  })

  it("builds the index from the store's registrations when the store was filled before the index existed", async () => {
    const d = dir()
    const s = await open(d)
    // Written the way an older version did: straight into the store, no index beside it.
    for (const line of FIRST) {
      const decoded = decodeFeedRecord(JSON.parse(line))
      if (!decoded.ok) throw new Error("bad test row")
      const event = decoded.value.event
      await s.append(streamOf(event), [toNewEvent(event)], "any")
    }
    const second = await ingestFile(s, file(d, "second.ndjson", SECOND))
    expect(second).toMatchObject({ read: 3, stored: 1, duplicates: 1, quarantined: 1 })
    expect((await openQuarantine(s))[0]).toMatchObject({ line: 1, reason: expect.stringMatching(CONFLICT) })
    expect((await readIncidents(s)).find((i) => i.incident === "HR-1")).toMatchObject({ prio: 3 })
  })
})
