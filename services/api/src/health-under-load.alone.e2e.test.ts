import { join } from "node:path"
import { existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { NewEvent } from "@igv/event-store"
import { openSqliteStore } from "@igv/event-store-sqlite"
import { streamOf, syntheticFeedEvents, toNewEvent } from "@igv/ingest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

// 75,000 recorded incidents, four events each: 300,000 feed events over 156 days from 2024-03-25. The windows
// read are weeks of it: what stalled the loop was the scan of the whole store, whatever the window.
const INCIDENTS = 75_000
const START = Date.UTC(2024, 2, 24, 23) / 60_000

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const round = (ms: number) => Math.round(ms * 10) / 10

/** CPU time of this process's main thread (where the service answers), ms; Linux only, else undefined. */
const mainThreadCpuMs = (): number | undefined => {
  const stat = `/proc/self/task/${process.pid}/stat`
  if (!existsSync(stat)) return undefined
  const fields = readFileSync(stat, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/**
 * /health latencies while `during` runs. Open loop: a request every 10 ms on a fixed schedule, each timed from
 * when it was due, so a stall counts once for every request it held up (a closed loop would record it once and
 * call the rest fast). A request that fails (a connection reset while hundreds wait) counts as never answered.
 */
const sampleHealth = async (t: TestApi, during: () => Promise<void>) => {
  const health: Array<Promise<number>> = []
  const started = performance.now(),
    cpuBefore = mainThreadCpuMs()
  let loading = true
  const sampler = (async () => {
    for (let k = 0; loading; k++) {
      const due = started + k * 10
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      health.push(
        t.call("GET", "/health").then(
          (r) => (r.status === 200 ? performance.now() - due : Infinity),
          () => Infinity
        )
      )
    }
  })()
  await during()
  loading = false
  await sampler
  const wallMs = performance.now() - started,
    cpuAfter = mainThreadCpuMs()
  const sorted = (await Promise.all(health)).sort((a, b) => a - b)
  return {
    samples: sorted.length,
    failed: sorted.filter((ms) => ms === Infinity).length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1)!),
    wallMs: Math.round(wallMs),
    mainThreadCpuMs: cpuBefore === undefined ? "not measured" : cpuAfter! - cpuBefore
  }
}

/** The store a busy region has after months of ingest, written before the service opens it. */
const writeStore = async (path: string) => {
  const store = await openSqliteStore(path)
  const byStream = new Map<string, NewEvent[]>()
  const flush = async (stream: string, events: NewEvent[]) => {
    await store.append(stream, events)
    byStream.set(stream, [])
  }
  for (const { event } of syntheticFeedEvents({
    incidents: INCIDENTS,
    seed: 5,
    areas: ["lpo1", "lpo2"],
    start: START
  })) {
    const stream = streamOf(event)
    const batch = byStream.get(stream) ?? []
    batch.push(toNewEvent(event))
    byStream.set(stream, batch)
    if (batch.length === 5_000) await flush(stream, batch)
  }
  for (const [stream, batch] of byStream) if (batch.length > 0) await flush(stream, batch)
  await store.close()
}

describe("no request stalls the event loop", () => {
  let t: TestApi
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-api-load-"))
    await writeStore(join(dir, "igv.db"))
    // The compiled service: reads and runs on worker threads, as in production.
    t = await startTestApi({ workersPerRun: 1, readThreads: 2 }, { built: true }, dir)
  }, 120_000)
  afterAll(async () => {
    await t.close()
  })

  it("answers /health within 100 ms (p99, beyond the idle machine's delay) while history reports, a feed-window run, feed pages and unknown areas read 300,000 stored events", async () => {
    const scenario = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ start: "2024-03-25", days: 30, demand: { feed: "store" } }) }
    })
    expect(scenario.status).toBe(201)

    // The machine's own scheduling delay, measured first: on a quiet machine a few ms, on one shared by many
    // busy processes hundreds. What the reads below may add on top of it is the bound under test.
    const idle = await sampleHealth(t, () => new Promise((r) => setTimeout(r, 5_000)))
    const historyMs: number[] = []
    const q = (from: string, to: string, area?: string) =>
      `/history/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${area === undefined ? "" : `&area=${area}`}`
    const windows = [
      q("2024-04-01T00:00:00+02:00", "2024-04-15T00:00:00+02:00"),
      q("2024-05-01T00:00:00+02:00", "2024-05-22T00:00:00+02:00", "lpo1"),
      q("2024-07-01T00:00:00+02:00", "2024-07-08T00:00:00+02:00"),
      // Empty: before anything was recorded.
      q("2023-01-01T00:00:00+01:00", "2023-03-01T00:00:00+01:00")
    ]
    const reports = async () => {
      await Promise.all(
        windows.map(async (path) => {
          const started = performance.now()
          const r = await t.call("GET", path, { key: t.keys["rlc-manager"] })
          historyMs.push(performance.now() - started)
          expect(r.status).toBe(200)
        })
      )
    }
    // A hostile user asking again and again for an area the store lacks: the answer names the stored areas,
    // which must not cost a read of the store.
    const unknownAreas = async () => {
      for (let i = 0; i < 20; i++) {
        const r = await t.call("GET", q("2024-04-01T00:00:00+02:00", "2024-04-15T00:00:00+02:00", `nope${i}`), {
          key: t.keys["rlc-manager"]
        })
        expect(r.body).toMatchObject({
          path: "query.area",
          message: expect.stringContaining("areas with stored events: lpo1, lpo2")
        })
        const feed = await t.call("GET", `/feed/events?area=nope${i}`, { key: t.keys.researcher })
        expect(feed.body.path).toBe("query.area")
      }
    }
    // Readers paging the feed at once, through the whole store, one area, one rare-ish type and a window.
    const feedPages: number[] = []
    const feedReader = async (query: string) => {
      let cursor: string | undefined
      for (let page = 0; page < 8; page++) {
        const started = performance.now()
        const r = await t.call(
          "GET",
          `/feed/events?limit=500&${query}${cursor === undefined ? "" : `&cursor=${cursor}`}`,
          { key: t.keys.researcher }
        )
        feedPages.push(performance.now() - started)
        expect(r.status).toBe(200)
        expect(r.body.items).toHaveLength(500)
        cursor = r.body.nextCursor
      }
    }
    const feedReaders = () =>
      Promise.all(
        [
          "",
          "area=lpo2",
          "type=PatrolCleared",
          `area=lpo1&type=IncidentRegistered&from=${encodeURIComponent("2024-06-01")}`
        ].map(feedReader)
      )
    const feedRun = async () => {
      const feed = { from: "2024-04-01T00:00:00+02:00", to: "2024-04-22T00:00:00+02:00" }
      const posted = await t.call("POST", "/runs", {
        key: t.keys.planner,
        body: { scenarioId: scenario.body.id, replications: 1, feed }
      })
      expect(posted.status).toBe(202)
      return eventually(
        async () => {
          const r = await t.call("GET", `/runs/${posted.body.id}`, { key: t.keys.planner })
          return r.body.status === "queued" || r.body.status === "running" ? undefined : r.body
        },
        "the feed-window run",
        60_000
      )
    }

    let run: any
    const loaded = await sampleHealth(t, async () => {
      ;[, run] = await Promise.all([reports(), feedRun(), unknownAreas(), feedReaders()])
    })
    expect(run).toMatchObject({ status: "completed" })
    // Alone, an empty window costs what finding it costs.
    const emptyStarted = performance.now()
    const empty = await t.call("GET", windows[3]!, { key: t.keys["rlc-manager"] })
    const emptyWindowMs = performance.now() - emptyStarted
    expect(empty.body.response["1"].count).toBe(0)

    console.log(
      `/health idle: ${JSON.stringify(idle)}, under load: ${JSON.stringify(loaded)}, ` +
        `slowest history report ${Math.round(Math.max(...historyMs))} ms, an empty window alone ${Math.round(emptyWindowMs)} ms, ` +
        `${feedPages.length} feed pages of 500 events: slowest ${Math.round(Math.max(...feedPages))} ms`
    )
    expect(loaded.samples).toBeGreaterThan(100)
    expect(loaded.failed).toBe(0)
    // Reading and folding happen on other threads: folded on this one, the history reports alone (about a second
    // each) would keep it busy nearly all the time. The thread also runs the test's own client, which parses every
    // page it reads, and that share grows as the load finishes sooner (0.23 of a core against 0.12 idle once):
    // so the bound is a third of a core above idle, far below the whole core the defect would show.
    // The project runs on Linux only, where /proc gives the thread's CPU time: a run without it must not pass unchecked.
    if (typeof idle.mainThreadCpuMs !== "number" || typeof loaded.mainThreadCpuMs !== "number")
      throw new Error("the main thread's CPU time was not measured (no /proc/self/task)")
    expect(loaded.mainThreadCpuMs / loaded.wallMs).toBeLessThan(idle.mainThreadCpuMs / idle.wallMs + 0.33)
    // On a quiet machine (idle p99 under 20 ms) the bound is 100 ms. On a crowded one /health already waits for a
    // core when idle, and the read and run threads (niced) add runnable threads to the crowd: the bound then
    // allows twice the idle delay on top.
    expect(loaded.p99).toBeLessThan(idle.p99 < 20 ? 100 : 100 + 2 * idle.p99)
  })
})
