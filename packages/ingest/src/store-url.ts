import { createHash } from "node:crypto"
import { join } from "node:path"
import type { EventStore } from "@igv/event-store"
import { existsSync } from "node:fs"
import { openSqliteStore, sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { attachQuarantine } from "./quarantine.js"

/** The store every command uses when none is given. */
export const DEFAULT_STORE_URL = "sqlite:./data/igv.db"

export const isKafkaUrl = (url: string): boolean => url.startsWith("kafka://")

/** Splits `store?from=...&to=...` into the store URL and its query (absent: empty). */
export function splitQuery(spec: string): { readonly url: string; readonly query: URLSearchParams } {
  const q = spec.indexOf("?")
  return q < 0 ? { url: spec, query: new URLSearchParams() } : { url: spec.slice(0, q), query: new URLSearchParams(spec.slice(q + 1)) }
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
 * Where a store's quarantine lives: a table in the SQLite store's own file, or for Kafka (which cannot delete
 * a record) a SQLite file under ./data/quarantine/ named after the topic URL.
 */
export const quarantinePathOf = (url: string): string =>
  isKafkaUrl(url)
    ? join("data", "quarantine", `quarantine-${createHash("sha256").update(url).digest("hex").slice(0, 16)}.db`)
    : sqlitePathFromUrl(url)

/** Opens a store from `sqlite:PATH`, a plain file path, or `kafka://host:port/topic`, with its quarantine. A `?query` is ignored here. */
export async function openStoreUrl(spec: string, options: OpenStoreOptions = {}): Promise<EventStore> {
  const { url, query } = splitQuery(spec)
  if (options.existing === true && !isKafkaUrl(url)) {
    const path = sqlitePathFromUrl(url)
    if (path !== ":memory:" && !existsSync(path)) throw new StoreMissing(path)
  }
  let store: EventStore
  if (isKafkaUrl(url)) {
    const { openKafkaStore } = await import("@igv/event-store-kafka")
    const partitions = query.get("partitions")
    store = await openKafkaStore(partitions === null ? url : `${url}?partitions=${partitions}`)
  } else store = await openSqliteStore(url)
  attachQuarantine(store, quarantinePathOf(url))
  return store
}
