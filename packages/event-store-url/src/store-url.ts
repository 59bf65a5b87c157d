import { existsSync } from "node:fs"
import type { EventStore } from "@igv/event-store"
import { openSqliteStore, sqlitePathFromUrl } from "@igv/event-store-sqlite"

/** The store every command uses when none is given. */
export const DEFAULT_STORE_URL = "sqlite:./data/igv.db"

export const isKafkaUrl = (url: string): boolean => url.startsWith("kafka://")

/** Splits `store?from=...&to=...` into the store URL and its query (absent: empty). */
export function splitQuery(spec: string): { readonly url: string; readonly query: URLSearchParams } {
  const q = spec.indexOf("?")
  return q < 0
    ? { url: spec, query: new URLSearchParams() }
    : { url: spec.slice(0, q), query: new URLSearchParams(spec.slice(q + 1)) }
}

/** A reading command named a SQLite store that is not there: nothing was created in its place. */
export class StoreMissing extends Error {
  override readonly name = "StoreMissing"
  constructor(readonly path: string) {
    super(`there is no event store at ${path} (igv ingest creates one)`)
  }
}

export interface OpenStoreOptions {
  /** For commands that only read: a SQLite file that does not exist is an error, not a new empty store. */
  readonly existing?: boolean
}

/**
 * Opens a store from `sqlite:PATH`, a plain file path, or `kafka://host:port/topic` (its `partitions` query is
 * passed on; any other query is ignored here). The Kafka backend, and so kafkajs, is loaded only for a Kafka URL.
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<EventStore> {
  const { url, query } = splitQuery(spec)
  if (!isKafkaUrl(url)) {
    if (options.existing === true) {
      const path = sqlitePathFromUrl(url)
      if (path !== ":memory:" && !existsSync(path)) throw new StoreMissing(path)
    }
    return openSqliteStore(url)
  }
  const { openKafkaStore } = await import("@igv/event-store-kafka")
  const partitions = query.get("partitions")
  return openKafkaStore(partitions === null ? url : `${url}?partitions=${partitions}`)
}
