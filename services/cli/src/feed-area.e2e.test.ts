import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

const incident = (id: string, area: string, at: string) =>
  JSON.stringify({ type: "IncidentRegistered", at, incident: id, area, prio: 2, onSceneMinutes: 30, unitsNeeded: 1 })
/** A feed file of these incidents, one NDJSON line each. */
const feedFile = (name: string, ...incidents: ReadonlyArray<string>) =>
  writeFile(join(dir, name), `${incidents.join("\n")}\n`)

let dir: string, store: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-feed-area-e2e-"))
  await writeFile(join(dir, "scenario.yaml"), twoLpoWeek(3))
  await feedFile(
    "feed.ndjson",
    incident("HR-1", "lpo1", "2024-03-26T10:00:00+01:00"),
    incident("HR-2", "lpo2", "2024-03-26T11:00:00+01:00"),
    incident("HR-3", "lpo1", "2024-03-27T09:00:00+01:00")
  )
  store = `sqlite:${join(dir, "igv.db")}`
  const ingested = await igv("ingest", "feed.ndjson", "--store", store)
  expect(ingested.code, ingested.stderr).toBe(0)
}, 300_000)

describe("a store feed naming an area", () => {
  it("that the store lacks stops simulate and compare with exit 2, listing the stored areas", async () => {
    for (const args of [
      ["simulate", "--scenario", "scenario.yaml"],
      ["compare", "scenario.yaml", "scenario.yaml"]
    ]) {
      const r = await igv(...args, "--feed", `${store}?from=2024-03-25&area=lpo9`)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toContain(`area "lpo9" is not in the store (areas with stored events: lpo1, lpo2)`)
      expect(r.stderr).not.toContain("no stored incidents")
    }
  })

  it("that the store holds replays that area's incidents only", async () => {
    const r = await igv("simulate", "--scenario", "scenario.yaml", "--feed", `${store}?area=lpo1`, "--json")
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain("2 incidents replayed")
  })
})

describe("a feed file reaching outside the scenario's horizon", () => {
  it("says how many incidents fall outside and are not replayed, and warns when none is inside", async () => {
    await feedFile(
      "straddling.ndjson",
      incident("HR-4", "lpo1", "2024-03-24T10:00:00+01:00"),
      incident("HR-5", "lpo1", "2024-03-26T10:00:00+01:00"),
      incident("HR-6", "lpo2", "2024-04-02T10:00:00+02:00")
    )
    const some = await igv("simulate", "-s", "scenario.yaml", "--feed", "straddling.ndjson", "--json")
    expect(some.code, some.stderr).toBe(0)
    expect(some.stderr).toContain(
      "straddling.ndjson: 1 incidents replayed; 2 of its 3 fall outside the 7-day horizon from 2024-03-25 and are not"
    )
    await feedFile("before.ndjson", incident("HR-7", "lpo1", "2024-03-01T10:00:00+01:00"))
    const none = await igv("simulate", "-s", "scenario.yaml", "--feed", "before.ndjson", "--json")
    expect(none.code, none.stderr).toBe(0)
    expect(none.stderr).toContain(
      "before.ndjson: warning: 0 incidents replayed; 1 of its 1 fall outside the 7-day horizon from 2024-03-25 and are not"
    )
  })
})

describe("a scenario replaying an export written in local time", () => {
  it("is read in its demand.feedTimeZone, as the same feed with offsets; without it the feed is refused", async () => {
    const local = [
      "HR-1,2024-03-26 10:00,lpo1,2,30",
      "HR-2,2024-03-26 11:00,lpo2,2,30",
      "HR-3,2024-03-27 09:00,lpo1,2,30"
    ]
    await writeFile(join(dir, "local.csv"), `id,registeredAt,area,prio,onSceneMinutes\n${local.join("\n")}\n`)
    const base = twoLpoWeek(3)
    await writeFile(join(dir, "offsets.yaml"), `${base}\n`.replace(/^demand:\n/m, "demand:\n  feed: feed.ndjson\n"))
    await writeFile(
      join(dir, "local.yaml"),
      `${base}\n`.replace(/^demand:\n/m, "demand:\n  feed: local.csv\n  feedTimeZone: Europe/Stockholm\n")
    )
    await writeFile(join(dir, "unzoned.yaml"), `${base}\n`.replace(/^demand:\n/m, "demand:\n  feed: local.csv\n"))
    const withOffsets = await igv("simulate", "-s", "offsets.yaml", "--json")
    expect(withOffsets.code, withOffsets.stderr).toBe(0)
    const zoned = await igv("simulate", "-s", "local.yaml", "--json")
    expect(zoned.code, zoned.stderr).toBe(0)
    expect(zoned.stderr).toContain("3 incidents replayed")
    expect(zoned.stdout).toBe(withOffsets.stdout)
    expect((await igv("validate", "local.yaml")).code).toBe(0)
    const unzoned = await igv("simulate", "-s", "unzoned.yaml", "--json")
    expect(unzoned.code).toBe(2)
    expect(unzoned.stderr).toMatch(/local\.csv:2: at registeredAt: not an ISO 8601 timestamp with an offset/)
  })
})
