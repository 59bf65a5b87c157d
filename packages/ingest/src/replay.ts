import { closeSync, createReadStream, openSync, readSync } from "node:fs"
import type { IncidentRegistered } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { feedEventOf } from "./feed-events.js"
import { splitLines } from "./lines.js"
import { formatOf, rowDecoder } from "./records.js"
import { isKafkaUrl, openStoreUrl, splitQuery } from "./store-url.js"
import { byEventTime, inTime, windowFromQuery, type ReplayWindow } from "./window.js"

/** The stored incidents of a window, ordered by event time (late-arriving ones in their place). */
export async function readIncidents(store: EventStore, window: ReplayWindow = {}): Promise<IncidentRegistered[]> {
  const source = window.area === undefined ? store.readAll() : store.readStream(`area-${window.area}`)
  const out: IncidentRegistered[] = []
  for await (const stored of source) {
    if (stored.type !== "IncidentRegistered") continue
    const event = feedEventOf(stored) as IncidentRegistered
    if (inTime(window, event.t) && (window.area === undefined || event.area === window.area)) out.push(event)
  }
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

export class FeedFileError extends Error {
  override readonly name = "FeedFileError"
}

/** Incidents of a feed file (NDJSON or CSV); any bad row fails the whole read, listing the first ones. */
async function incidentsOfFile(path: string, window: ReplayWindow): Promise<IncidentRegistered[]> {
  const decode = rowDecoder(formatOf(path))
  const out: IncidentRegistered[] = []
  const bad: string[] = []
  let badCount = 0
  for await (const line of splitLines(createReadStream(path) as AsyncIterable<Buffer>)) {
    const outcome = decode(line)
    if (outcome.kind === "rejected") {
      badCount += 1
      if (bad.length < 10) bad.push(`${path}:${outcome.row.line}: ${outcome.row.reason}`)
    } else if (outcome.kind === "event" && outcome.event._tag === "IncidentRegistered") {
      const e = outcome.event
      if (inTime(window, e.t) && (window.area === undefined || e.area === window.area)) out.push(e)
    }
  }
  if (badCount > 0) {
    throw new FeedFileError(
      `${badCount} row(s) of ${path} are not valid feed records:\n${bad.join("\n")}` +
      (badCount > bad.length ? `\n...and ${badCount - bad.length} more` : "") +
      `\nFix them, or ingest the file (igv ingest ${path}: bad rows go to the quarantine) and replay from the store.`
    )
  }
  return byEventTime(out)
}

/**
 * The incidents a simulation replays, from either a feed file or a store, with an optional window:
 * `feed.ndjson`, `feed.csv`, `sqlite:./data/igv.db?from=2024-03-01&to=2024-04-01&area=lpo1`,
 * `kafka://127.0.0.1:9092/igv-feed?from=...`. Ordered by event time.
 */
export async function resolveFeed(spec: string): Promise<IncidentRegistered[]> {
  const { url, query } = splitQuery(spec)
  const window = windowFromQuery(query)
  if (!isStoreSpec(spec)) return incidentsOfFile(url, window)
  const store = await openStoreUrl(url, { existing: true })
  try {
    return await readIncidents(store, window)
  } finally {
    await store.close()
  }
}
