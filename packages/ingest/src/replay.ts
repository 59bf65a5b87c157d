import { closeSync, openSync, readSync } from "node:fs"
import { EVENT_TYPES, type IgvEvent, type IncidentRegistered } from "@igv/domain"
import type { EventStore, ReadWindowOptions } from "@igv/event-store"
import { FeedInvalid, loadFeed } from "@igv/runner"
import { feedEventOf } from "./feed-events.js"
import { isKafkaUrl, splitQuery } from "@igv/event-store-url"
import { openStoreUrl } from "./store-url.js"
import { byEventTime, inTime, unknownAreaProblem, windowFromQuery, type ReplayWindow } from "./window.js"

/**
 * The store's read of a window: event time in milliseconds, widened by a millisecond each way (occurredAt is
 * `t` rounded to the millisecond), the exact window then applied to `t` itself.
 */
export const storeWindow = (window: ReplayWindow, types: ReadonlyArray<string>): ReadWindowOptions => ({
  types,
  ...(window.from === undefined ? {} : { from: Math.floor(window.from * 60_000) - 1 }),
  ...(window.to === undefined ? {} : { to: Math.ceil(window.to * 60_000) + 1 }),
  ...(window.area === undefined ? {} : { stream: `area-${window.area}` })
})

/** The stored incidents of a window, ordered by event time (late-arriving ones in their place). */
export async function readIncidents(store: EventStore, window: ReplayWindow = {}): Promise<IncidentRegistered[]> {
  const out: IncidentRegistered[] = []
  for await (const stored of store.readWindow(storeWindow(window, ["IncidentRegistered"]))) {
    const event = feedEventOf(stored) as IncidentRegistered
    if (inTime(window, event.t) && (window.area === undefined || event.area === window.area)) out.push(event)
  }
  return byEventTime(out)
}

/** Every stored feed event of a window (of one area's stream with `area`), by event time, ties in store order. */
export async function readFeedWindow(store: EventStore, window: ReplayWindow): Promise<IgvEvent[]> {
  const out: IgvEvent[] = []
  for await (const stored of store.readWindow(storeWindow(window, EVENT_TYPES))) {
    const event = feedEventOf(stored)
    if (event !== undefined && inTime(window, event.t)) out.push(event)
  }
  // Already in event-time order to the millisecond; the stable sort only settles sub-millisecond ties.
  return byEventTime(out)
}

const SQLITE_MAGIC = "SQLite format 3\u0000"

const isSqliteFile = (path: string): boolean => {
  let fd: number | undefined
  try {
    fd = openSync(path, "r")
    const head = Buffer.alloc(16)
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString("latin1") === SQLITE_MAGIC
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** True when a --feed/--store spec names an event store rather than a feed file. */
export const isStoreSpec = (spec: string): boolean => {
  const { url } = splitQuery(spec)
  return url.startsWith("sqlite:") || isKafkaUrl(url) || isSqliteFile(url)
}

/** Incidents of a feed file (NDJSON or CSV) in a window; any bad row fails the whole read (FeedInvalid, naming the lines). */
async function incidentsOfFile(path: string, window: ReplayWindow): Promise<IncidentRegistered[]> {
  const feed = await loadFeed(path)
  return feed.incidents.filter((e) => inTime(window, e.t) && (window.area === undefined || e.area === window.area))
}

/**
 * The incidents a simulation replays, from either a feed file or a store, with an optional window:
 * `feed.ndjson`, `feed.csv`, `sqlite:./data/igv.db?from=2024-03-01&to=2024-04-01&area=lpo1`,
 * `kafka://127.0.0.1:9092/igv-feed?from=...`. Ordered by event time. An `area` the store holds no events of is
 * FeedInvalid naming the areas it does hold.
 */
export async function resolveFeed(spec: string): Promise<IncidentRegistered[]> {
  const { url, query } = splitQuery(spec)
  const window = windowFromQuery(query)
  if (!isStoreSpec(spec)) return incidentsOfFile(url, window)
  return readStoreSpec(spec, window, readIncidents)
}

/** Opens the store a spec names (never creating one), refuses an `area` it holds no events of, reads, closes. */
export async function readStoreSpec<T>(
  spec: string,
  window: ReplayWindow,
  read: (store: EventStore, window: ReplayWindow) => Promise<T>
): Promise<T> {
  const store = await openStoreUrl(splitQuery(spec).url, { existing: true })
  try {
    const unknownArea = window.area === undefined ? undefined : await unknownAreaProblem(store, window.area)
    if (unknownArea !== undefined)
      throw new FeedInvalid({ file: spec, issues: [{ path: "area", message: unknownArea }] })
    return await read(store, window)
  } finally {
    await store.close()
  }
}
