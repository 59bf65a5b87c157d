import fc from "fast-check"
import { afterEach, describe, expect, it } from "vitest"
import { collect } from "./collect.js"
import type { NewEvent, StoredEvent } from "./envelope.js"
import {
  WrongExpectedVersion,
  type EventStore,
  type ExpectedVersion,
  type ReadWindowOptions,
  type WindowCursor
} from "./store.js"
import { occurredAtMillis } from "./window.js"
import { withUpcasting } from "./upcast.js"

/** Fresh, empty storage for one test. `open` may be called again to reopen the same storage (persistence checks). */
export interface StoreFixture {
  open(): Promise<EventStore>
  dispose(): Promise<void>
}

let counter = 0
const uniqueId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`

const incident = (id: string, n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  id,
  type: "incident.registered",
  occurredAt: `2026-03-29T01:${String(n % 60).padStart(2, "0")}:00+01:00`,
  schemaVersion: 2,
  payload: { incidentId: `inc-${n}`, priority: (n % 3) + 1, note: "åäö ✓", nested: { list: [n, null, true] } },
  ...overrides
})

const batchOf = (prefix: string, count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => incident(`${prefix}-${from + i}`, from + i))

/** Waits until `condition` holds, polling; fails the test with `what` after `ms`. */
async function eventually(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface ContractOptions {
  /** Random append sequences checked against the model (each run is up to 25 appends). Default 50. */
  readonly modelRuns?: number
  /** Random windows checked against the model in the readWindow property. Default 60. */
  readonly windowRuns?: number
}

const WINDOW_TYPES = ["IncidentRegistered", "PatrolDispatched", "RunStarted"] as const
/** Minute m of 2024-03-31 (the spring DST night in Stockholm), written with one of three offsets. */
const occurredAtOf = (minute: number, style: number): string => {
  const utc = Date.UTC(2024, 2, 31, 0, 0) + minute * 60_000
  const iso = (ms: number) => new Date(ms).toISOString()
  if (style === 0) return iso(utc)
  const offset = style === 1 ? 60 : 120
  return `${iso(utc + offset * 60_000).slice(0, 19)}+0${offset / 60}:00`
}

type ExpectedKind = "any" | "no-stream" | "current" | "stale" | "ahead"
interface AppendCommand {
  readonly stream: number
  /** Indexes into a small id pool, so repeats within a batch and across appends are frequent. */
  readonly ids: ReadonlyArray<number>
  readonly expected: ExpectedKind
}

const appendCommand: fc.Arbitrary<AppendCommand> = fc.record({
  stream: fc.integer({ min: 0, max: 2 }),
  ids: fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 5 }),
  expected: fc.constantFrom<ExpectedKind>("any", "no-stream", "current", "stale", "ahead")
})

/**
 * The behaviour every EventStore backend must show. Call it from each backend's test file:
 * `eventStoreContract("sqlite", async () => fixture)`.
 */
export function eventStoreContract(
  name: string,
  makeFixture: () => Promise<StoreFixture>,
  options: ContractOptions = {}
): void {
  describe(`EventStore contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = []
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()!()
    })

    async function openFresh(): Promise<{ store: EventStore; fixture: StoreFixture }> {
      const fixture = await makeFixture()
      cleanups.push(() => fixture.dispose())
      const store = await fixture.open()
      cleanups.push(() => store.close())
      return { store, fixture }
    }

    async function subscribeCollecting(store: EventStore, from: bigint, consumer?: string) {
      const seen: StoredEvent[] = []
      const batches: number[] = []
      const sub = await store.subscribe({
        from,
        ...(consumer === undefined ? {} : { consumer }),
        handler: async (batch) => {
          batches.push(batch.length)
          seen.push(...batch)
        }
      })
      cleanups.push(() => sub.close())
      return { seen, batches, sub }
    }

    it("appends to a new stream with consecutive versions and reads back every envelope field", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-a")
      const events = batchOf(uniqueId("e"), 3)
      const before = Date.now()
      const result = await store.append(stream, events, "no-stream")
      expect(result).toEqual({ nextVersion: 3, appended: 3, duplicates: 0 })

      const read = await collect(store.readStream(stream))
      expect(read.map((e) => e.version)).toEqual([1, 2, 3])
      read.forEach((stored, i) => {
        const written = events[i]!
        expect(stored).toMatchObject({
          id: written.id,
          type: written.type,
          stream,
          occurredAt: written.occurredAt,
          schemaVersion: written.schemaVersion
        })
        expect(stored.payload).toEqual(written.payload)
        // A store that hands out its payload text must hand out exactly the payload's JSON.
        if (stored.payloadJson !== undefined) expect(stored.payloadJson).toBe(JSON.stringify(written.payload))
        expect(typeof stored.position).toBe("bigint")
        expect(Date.parse(stored.recordedAt)).toBeGreaterThanOrEqual(before - 1000)
        expect(stored.recordedAt.endsWith("Z")).toBe(true)
      })
      expect(read[0]!.position < read[1]!.position && read[1]!.position < read[2]!.position).toBe(true)
    })

    it("stores an event handed over with its payload already serialised exactly like one handed over as an object", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-serialised")
      const [asObject, asText] = batchOf(uniqueId("e"), 2)
      await store.append(stream, [asObject!, { ...asText!, payloadJson: JSON.stringify(asText!.payload) }], "no-stream")
      const read = await collect(store.readStream(stream))
      expect(read.map((e) => e.payload)).toEqual([asObject!.payload, asText!.payload])
    })

    it("rejects an append whose expected version does not match, and writes none of its events", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-b")
      const prefix = uniqueId("e")
      await store.append(stream, batchOf(prefix, 2), "no-stream")

      const conflict = store.append(stream, batchOf(prefix, 2, 3), 1)
      await expect(conflict).rejects.toBeInstanceOf(WrongExpectedVersion)
      await expect(conflict).rejects.toMatchObject({ stream, expected: 1, actual: 2 })
      await expect(store.append(stream, batchOf(prefix, 1, 3), "no-stream")).rejects.toMatchObject({ actual: 2 })
      await expect(store.append(uniqueId("area-none"), batchOf(prefix, 1, 9), 0)).resolves.toMatchObject({
        nextVersion: 1
      })
      await expect(store.append(uniqueId("area-none"), batchOf(prefix, 1, 10), 3)).rejects.toMatchObject({ actual: 0 })

      expect((await collect(store.readStream(stream))).map((e) => e.id)).toEqual([`${prefix}-1`, `${prefix}-2`])
      await expect(store.append(stream, batchOf(prefix, 2, 3), 2)).resolves.toEqual({
        nextVersion: 4,
        appended: 2,
        duplicates: 0
      })
      await expect(store.append(stream, batchOf(prefix, 1, 5), "any")).resolves.toMatchObject({ nextVersion: 5 })
    })

    it("lets exactly one of two racing appends with the same expected version win", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-race")
      await store.append(stream, batchOf(uniqueId("seed"), 1), "no-stream")
      const outcomes = await Promise.allSettled([
        store.append(stream, batchOf(uniqueId("left"), 2), 1),
        store.append(stream, batchOf(uniqueId("right"), 2), 1)
      ])
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1)
      const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult
      expect(rejected.reason).toBeInstanceOf(WrongExpectedVersion)
      expect((await collect(store.readStream(stream))).map((e) => e.version)).toEqual([1, 2, 3])
    })

    it("stores an event id once: retried, partly repeated and self-repeating batches", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-c")
      const prefix = uniqueId("e")
      const first = batchOf(prefix, 3)
      await store.append(stream, first, "no-stream")

      // A retry of an append that already succeeded is a no-op, even with its now-stale expected version.
      await expect(store.append(stream, first, "no-stream")).resolves.toEqual({
        nextVersion: 3,
        appended: 0,
        duplicates: 3
      })
      // Re-import with some new events: only the new ones are stored.
      const mixed = [...first.slice(1), ...batchOf(prefix, 2, 4)]
      await expect(store.append(stream, mixed, 3)).resolves.toEqual({ nextVersion: 5, appended: 2, duplicates: 2 })
      // The same id twice in one batch.
      const again = incident(`${prefix}-6`, 6)
      await expect(store.append(stream, [again, again], "any")).resolves.toEqual({
        nextVersion: 6,
        appended: 1,
        duplicates: 1
      })
      // An id already stored in another stream is still a duplicate: ids are global.
      await expect(store.append(uniqueId("area-other"), [first[0]!], "any")).resolves.toMatchObject({
        appended: 0,
        duplicates: 1
      })

      const ids = (await collect(store.readStream(stream))).map((e) => e.id)
      expect(ids).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${prefix}-${n}`))
      expect(new Set((await collect(store.readAll())).map((e) => e.id)).size).toBe(6)
    })

    it("treats an empty append as a no-op that reports the current version", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-empty")
      await expect(store.append(stream, [], "no-stream")).resolves.toEqual({
        nextVersion: 0,
        appended: 0,
        duplicates: 0
      })
      await store.append(stream, batchOf(uniqueId("e"), 2))
      await expect(store.append(stream, [], "any")).resolves.toEqual({ nextVersion: 2, appended: 0, duplicates: 0 })
      expect(await collect(store.readStream(uniqueId("area-missing")))).toEqual([])
    })

    it("reads a stream from a version and everything from a global position, in order", async () => {
      const { store } = await openFresh()
      const streams = [uniqueId("area-1"), uniqueId("area-2"), uniqueId("area-3")]
      const prefix = uniqueId("e")
      let n = 0
      for (let round = 0; round < 4; round++) {
        for (const stream of streams) {
          await store.append(stream, batchOf(`${prefix}-${stream}`, 3, round * 3 + 1), "any")
          n += 3
        }
      }
      const middle = streams[1]!
      expect((await collect(store.readStream(middle, 5))).map((e) => e.version)).toEqual([5, 6, 7, 8, 9, 10, 11, 12])

      const all = await collect(store.readAll())
      expect(all).toHaveLength(n)
      const positions = all.map((e) => e.position)
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true)
      for (const stream of streams) {
        expect(all.filter((e) => e.stream === stream).map((e) => e.version)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1)
        )
      }
      // Appends to one stream are contiguous in the global order (each append is one atomic batch).
      expect(all.slice(0, 3).map((e) => e.stream)).toEqual([streams[0], streams[0], streams[0]])

      const from = all[16]!.position
      const rest = await collect(store.readAll({ from }))
      expect(rest.map((e) => e.id)).toEqual(all.slice(17).map((e) => e.id))
      const page = await collect(store.readAll({ from, limit: 5 }))
      expect(page.map((e) => e.id)).toEqual(all.slice(17, 22).map((e) => e.id))
      expect(await collect(store.readAll({ from: all.at(-1)!.position }))).toEqual([])
    })

    it("keeps data, versions and idempotence across a reopen", async () => {
      const { store, fixture } = await openFresh()
      const stream = uniqueId("area-d")
      const prefix = uniqueId("e")
      await store.append(stream, batchOf(prefix, 4), "no-stream")
      const before = await collect(store.readAll())
      await store.close()

      const reopened = await fixture.open()
      cleanups.push(() => reopened.close())
      expect(await collect(reopened.readAll())).toEqual(before)
      await expect(reopened.append(stream, batchOf(prefix, 4), 0)).resolves.toMatchObject({
        appended: 0,
        duplicates: 4
      })
      await expect(reopened.append(stream, batchOf(prefix, 1, 5), 3)).rejects.toBeInstanceOf(WrongExpectedVersion)
      await expect(reopened.append(stream, batchOf(prefix, 1, 5), 4)).resolves.toEqual({
        nextVersion: 5,
        appended: 1,
        duplicates: 0
      })
      const after = await collect(reopened.readAll())
      expect(after.at(-1)!.position > before.at(-1)!.position).toBe(true)
    })

    it("subscribes from a position, delivers history then live appends in position order, one batch at a time", async () => {
      const { store } = await openFresh()
      const streams = [uniqueId("area-s1"), uniqueId("area-s2")]
      const prefix = uniqueId("e")
      await store.append(streams[0]!, batchOf(`${prefix}-a`, 5))
      await store.append(streams[1]!, batchOf(`${prefix}-b`, 5))
      const history = await collect(store.readAll())

      let inFlight = 0
      let overlapped = false
      const seen: StoredEvent[] = []
      const sub = await store.subscribe({
        from: history[2]!.position,
        handler: async (batch) => {
          if (++inFlight > 1) overlapped = true
          await new Promise((resolve) => setTimeout(resolve, 5))
          seen.push(...batch)
          inFlight--
        }
      })
      cleanups.push(() => sub.close())
      await eventually(() => seen.length === 7, "history after the start position")
      expect(seen.map((e) => e.id)).toEqual(history.slice(3).map((e) => e.id))

      for (let i = 0; i < 6; i++) await store.append(streams[i % 2]!, batchOf(`${prefix}-live${i}`, 2))
      await eventually(() => seen.length === 19, "live appends")
      const positions = seen.map((e) => e.position)
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true)
      expect(seen.map((e) => e.id)).toEqual(
        (await collect(store.readAll({ from: history[2]!.position }))).map((e) => e.id)
      )
      expect(overlapped).toBe(false)

      await sub.close()
      await expect(sub.done).resolves.toBeUndefined()
      await store.append(streams[0]!, batchOf(`${prefix}-late`, 1))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(seen).toHaveLength(19)
    })

    it("resumes a named consumer after its last handled batch, and re-delivers a batch whose handler failed", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-p")
      const prefix = uniqueId("e")
      const consumer = uniqueId("projection")
      await store.append(stream, batchOf(prefix, 3))

      const first = await subscribeCollecting(store, 0n, consumer)
      await eventually(() => first.seen.length === 3, "first delivery")
      await first.sub.close()

      await store.append(stream, batchOf(prefix, 2, 4))
      // The stored checkpoint wins over `from`: nothing before it is delivered again.
      let failOnce = true
      const delivered: string[] = []
      const failing = await store.subscribe({
        from: 0n,
        consumer,
        handler: async (batch) => {
          if (failOnce) {
            failOnce = false
            throw new Error("projection crashed")
          }
          delivered.push(...batch.map((e) => e.id))
        }
      })
      cleanups.push(() => failing.close())
      await expect(failing.done).rejects.toThrow("projection crashed")

      const second = await subscribeCollecting(store, 0n, consumer)
      await eventually(() => second.seen.length === 2, "re-delivery after the failed batch")
      expect(second.seen.map((e) => e.id)).toEqual([`${prefix}-4`, `${prefix}-5`])
      expect(delivered).toEqual([])
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(second.seen).toHaveLength(2)
    })

    it("upcasts old schema versions on read, stream read and subscription, leaving stored events as written", async () => {
      const { store: raw } = await openFresh()
      const store = withUpcasting(raw, {
        "incident.registered": {
          1: (p: { prio: number }) => ({ priority: p.prio }),
          2: (p: { priority: number }) => ({ ...p, handledAnotherWay: false })
        }
      })
      const stream = uniqueId("area-u")
      const prefix = uniqueId("e")
      await store.append(stream, [
        incident(`${prefix}-1`, 1, { schemaVersion: 1, payload: { prio: 3 } }),
        incident(`${prefix}-2`, 2, { schemaVersion: 3, payload: { priority: 1, handledAnotherWay: true } }),
        incident(`${prefix}-3`, 3, { type: "patrol.dispatched", schemaVersion: 1, payload: { patrol: "p1" } })
      ])
      const expected = [
        { schemaVersion: 3, payload: { priority: 3, handledAnotherWay: false } },
        { schemaVersion: 3, payload: { priority: 1, handledAnotherWay: true } },
        { schemaVersion: 1, payload: { patrol: "p1" } }
      ]
      expect(await collect(store.readStream(stream))).toMatchObject(expected)
      expect(await collect(store.readAll())).toMatchObject(expected)
      const { seen } = await subscribeCollecting(store, 0n)
      await eventually(() => seen.length === 3, "upcast subscription")
      expect(seen).toMatchObject(expected)
      expect((await collect(raw.readStream(stream)))[0]).toMatchObject({ schemaVersion: 1, payload: { prio: 3 } })
    })

    it("reads a window of event time by type and stream, in event-time order with ties in global order", async () => {
      const { store } = await openFresh()
      const streams = [uniqueId("area-w1"), uniqueId("area-w2")]
      const prefix = uniqueId("w")
      // Late arrivals (minute 30 after minute 50), equal instants written with different offsets, and times that
      // are in no window: no offset, not a date.
      const rows: Array<[stream: number, minute: number, style: number, type: number]> = [
        [0, 50, 0, 0],
        [1, 30, 1, 1],
        [0, 30, 2, 0],
        [1, 10, 0, 2],
        [0, 90, 1, 1],
        [1, 30, 0, 0],
        [0, 59, 2, 0],
        [1, 60, 1, 1]
      ]
      const written: NewEvent[] = rows.map(([, minute, style, type], i) =>
        incident(`${prefix}-${i}`, i, { occurredAt: occurredAtOf(minute, style), type: WINDOW_TYPES[type]! })
      )
      for (const [i, event] of written.entries()) await store.append(streams[rows[i]![0]]!, [event])
      await store.append(streams[0]!, [
        incident(`${prefix}-naive`, 1, { occurredAt: "2024-03-31T00:40:00" }),
        incident(`${prefix}-text`, 2, { occurredAt: "yesterday" })
      ])
      const at = (minute: number) => Date.UTC(2024, 2, 31, 0, 0) + minute * 60_000
      const ids = async (options: ReadWindowOptions) =>
        (await collect(store.readWindow(options))).map((e) => e.id.slice(prefix.length + 1))

      // Minute 30 three times: in append order. From inclusive, to exclusive.
      expect(await ids({ from: at(30), to: at(60) })).toEqual(["1", "2", "5", "0", "6"])
      expect(await ids({})).toEqual(["3", "1", "2", "5", "0", "6", "7", "4"])
      expect(await ids({ from: at(60) })).toEqual(["7", "4"])
      expect(await ids({ to: at(30) })).toEqual(["3"])
      expect(await ids({ types: ["IncidentRegistered"] })).toEqual(["2", "5", "0", "6"])
      expect(await ids({ types: ["PatrolDispatched", "RunStarted"], to: at(90) })).toEqual(["3", "1", "7"])
      expect(await ids({ stream: streams[1]!, from: at(20) })).toEqual(["1", "5", "7"])
      expect(await ids({ stream: streams[0]!, types: ["IncidentRegistered"], from: at(31) })).toEqual(["0", "6"])
      expect(await ids({ types: [] })).toEqual([])
      expect(await ids({ from: at(60), to: at(60) })).toEqual([])
      expect(await ids({ stream: uniqueId("area-none") })).toEqual([])
      const [first] = await collect(store.readWindow({ to: at(11) }))
      expect(first).toMatchObject({
        id: `${prefix}-3`,
        stream: streams[1],
        type: "RunStarted",
        version: 2,
        occurredAt: written[3]!.occurredAt
      })
      expect(first!.payload).toEqual(written[3]!.payload)
    })

    it("reads any window as the model does (filter by time, type and stream, sort by time then position), whole or in pages", async () => {
      const { store } = await openFresh()
      const streams = [uniqueId("area-m1"), uniqueId("area-m2"), uniqueId("area-m3")]
      const prefix = uniqueId("wm")
      const rows = fc.sample(
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 2 })
        ),
        { numRuns: 60, seed: 7 }
      )
      for (let i = 0; i < rows.length; i += 6) {
        const batch = rows.slice(i, i + 6)
        await store.append(
          streams[batch[0]![0]]!,
          batch.map(([, minute, style, type], j) =>
            incident(`${prefix}-${i + j}`, i + j, {
              occurredAt: occurredAtOf(minute, style),
              type: WINDOW_TYPES[type]!
            })
          )
        )
      }
      const all = (await collect(store.readAll())).filter((e) => e.id.startsWith(`${prefix}-`))
      const at = (minute: number) => Date.UTC(2024, 2, 31, 0, 0) + minute * 60_000
      const window = fc.record({
        from: fc.option(fc.integer({ min: -5, max: 125 }), { nil: undefined }),
        to: fc.option(fc.integer({ min: -5, max: 125 }), { nil: undefined }),
        types: fc.option(fc.subarray([...WINDOW_TYPES]), { nil: undefined }),
        stream: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        limit: fc.integer({ min: 1, max: 25 })
      })
      await fc.assert(
        fc.asyncProperty(window, async (w) => {
          const options: ReadWindowOptions = {
            ...(w.from === undefined ? {} : { from: at(w.from) }),
            ...(w.to === undefined ? {} : { to: at(w.to) }),
            ...(w.types === undefined ? {} : { types: w.types }),
            ...(w.stream === undefined ? {} : { stream: streams[w.stream]! })
          }
          const ms = (e: StoredEvent) => Date.parse(e.occurredAt)
          const expected = all
            .filter(
              (e) =>
                (options.from === undefined || ms(e) >= options.from) &&
                (options.to === undefined || ms(e) < options.to) &&
                (options.types === undefined || options.types.includes(e.type)) &&
                (options.stream === undefined || e.stream === options.stream)
            )
            .sort((a, b) => ms(a) - ms(b) || (a.position < b.position ? -1 : 1))
          expect((await collect(store.readWindow(options))).map((e) => e.id)).toEqual(expected.map((e) => e.id))
          // Paged: each page resumes after the last event of the one before, and together they are the window.
          const pages: string[][] = []
          for (let after: WindowCursor | undefined; ; ) {
            const page = await collect(
              store.readWindow({ ...options, limit: w.limit, ...(after === undefined ? {} : { after }) })
            )
            expect(page.length).toBeLessThanOrEqual(w.limit)
            if (page.length === 0) break
            pages.push(page.map((e) => e.id))
            const last = page.at(-1)!
            after = { occurredMs: occurredAtMillis(last.occurredAt)!, position: last.position }
          }
          expect(pages.flat()).toEqual(expected.map((e) => e.id))
          expect(pages.slice(0, -1).every((page) => page.length === w.limit)).toBe(true)
        }),
        { numRuns: options.windowRuns ?? 60 }
      )
    })

    it("resumes a window after a cursor that lies before the window, inside it, or on an event of another type", async () => {
      const { store } = await openFresh()
      const stream = uniqueId("area-c")
      const prefix = uniqueId("wc")
      await store.append(
        stream,
        [10, 20, 20, 30, 40].map((minute, i) =>
          incident(`${prefix}-${i}`, i, { occurredAt: occurredAtOf(minute, i % 3), type: WINDOW_TYPES[i % 2]! })
        )
      )
      const all = await collect(store.readWindow({ stream }))
      const at = (minute: number) => Date.UTC(2024, 2, 31, 0, 0) + minute * 60_000
      const ids = async (o: ReadWindowOptions) =>
        (await collect(store.readWindow({ stream, ...o }))).map((e) => e.id.slice(prefix.length + 1))
      const cursorAt = (i: number): WindowCursor => ({
        occurredMs: at([10, 20, 20, 30, 40][i]!),
        position: all[i]!.position
      })
      expect(await ids({ after: { occurredMs: at(0), position: 0n }, from: at(20) })).toEqual(["1", "2", "3", "4"])
      expect(await ids({ after: cursorAt(1) })).toEqual(["2", "3", "4"])
      expect(await ids({ after: cursorAt(1), limit: 1 })).toEqual(["2"])
      expect(await ids({ after: cursorAt(1), types: [WINDOW_TYPES[1]] })).toEqual(["3"])
      expect(await ids({ after: cursorAt(4) })).toEqual([])
      expect(await ids({ after: cursorAt(2), to: at(30) })).toEqual([])
      expect(await ids({ limit: 0 })).toEqual([])
      expect(await ids({ limit: 2, types: [WINDOW_TYPES[0], WINDOW_TYPES[0]] })).toEqual(["0", "2"])
    })

    it("lists the streams that hold events, each once, sorted, optionally those with a prefix", async () => {
      const { store } = await openFresh()
      const prefix = uniqueId("ls")
      expect(await store.listStreams(`${prefix}-`)).toEqual([])
      const names = [`${prefix}-area-b`, `${prefix}-area-a`, `${prefix}-area-a2`, `${prefix}-run-1`, `${prefix}-area-ö`]
      for (const [i, name] of names.entries()) await store.append(name, batchOf(`${prefix}-e${i}`, 3 + i))
      await store.append(names[0]!, batchOf(`${prefix}-more`, 2))
      // An append that stores nothing (all duplicates, or empty) makes no stream.
      await store.append(`${prefix}-area-empty`, [])
      await store.append(`${prefix}-area-dup`, batchOf(`${prefix}-e0`, 3))
      expect(await store.listStreams(`${prefix}-area-`)).toEqual([
        `${prefix}-area-a`,
        `${prefix}-area-a2`,
        `${prefix}-area-b`,
        `${prefix}-area-ö`
      ])
      expect(await store.listStreams(`${prefix}-area-a`)).toEqual([`${prefix}-area-a`, `${prefix}-area-a2`])
      expect(await store.listStreams(`${prefix}-`)).toEqual([...names].sort())
      expect((await store.listStreams()).filter((s) => s.startsWith(prefix))).toEqual([...names].sort())
      expect(await store.listStreams(`${prefix}-nothing`)).toEqual([])
    })

    it("matches a simple model over random append sequences: versions, duplicates, conflicts, stream and global order", async () => {
      const { store } = await openFresh()
      let run = 0
      await fc.assert(
        fc.asyncProperty(fc.array(appendCommand, { minLength: 1, maxLength: 25 }), async (commands) => {
          const prefix = uniqueId(`model${run++}`)
          const streams = [0, 1, 2].map((k) => `${prefix}-area-${k}`)
          const stored = new Set<string>()
          const byStream: string[][] = [[], [], []]
          const globalOrder: string[] = []
          for (const command of commands) {
            const stream = streams[command.stream]!
            const mine = byStream[command.stream]!
            const current = mine.length
            const expected: ExpectedVersion =
              command.expected === "current"
                ? current
                : command.expected === "stale"
                  ? Math.max(0, current - 1)
                  : command.expected === "ahead"
                    ? current + 1
                    : command.expected
            const ids = command.ids.map((i) => `${prefix}-e${i}`)
            const fresh = [...new Set(ids)].filter((id) => !stored.has(id))
            const conflict =
              fresh.length > 0 &&
              expected !== "any" &&
              (expected === "no-stream" ? current !== 0 : expected !== current)
            const outcome = store.append(
              stream,
              ids.map((id, n) => incident(id, n)),
              expected
            )
            if (conflict) {
              await expect(outcome).rejects.toMatchObject({ name: "WrongExpectedVersion", actual: current })
              continue
            }
            await expect(outcome).resolves.toEqual({
              nextVersion: current + fresh.length,
              appended: fresh.length,
              duplicates: ids.length - fresh.length
            })
            for (const id of fresh) stored.add(id)
            mine.push(...fresh)
            globalOrder.push(...fresh)
          }
          const positions = new Map<string, bigint>()
          for (const [k, stream] of streams.entries()) {
            const read = await collect(store.readStream(stream))
            expect(read.map((e) => e.id)).toEqual(byStream[k])
            expect(read.map((e) => e.version)).toEqual(byStream[k]!.map((_, i) => i + 1))
            for (const e of read) positions.set(e.id, e.position)
          }
          if (globalOrder.length > 0) {
            // Everything this run appended, in the order it was appended (other runs' streams filtered out).
            const from = positions.get(globalOrder[0]!)! - 1n
            const all = (await collect(store.readAll({ from }))).filter((e) => e.stream.startsWith(`${prefix}-`))
            expect(all.map((e) => e.id)).toEqual(globalOrder)
          }
        }),
        { numRuns: options.modelRuns ?? 50 }
      )
    })
  })
}
