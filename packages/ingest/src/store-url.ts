import { createHash } from "node:crypto"
import { join } from "node:path"
import type { EventStore } from "@igv/event-store"
import { isKafkaUrl, openStore, splitQuery, type OpenStoreOptions } from "@igv/event-store-url"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { attachQuarantine } from "./quarantine.js"

/**
 * Where a store's quarantine lives: a table in the SQLite store's own file, or for Kafka (which cannot delete
 * a record) a SQLite file under ./data/quarantine/ named after the topic URL.
 */
export const quarantinePathOf = (url: string): string =>
  isKafkaUrl(url)
    ? join("data", "quarantine", `quarantine-${createHash("sha256").update(url).digest("hex").slice(0, 16)}.db`)
    : sqlitePathFromUrl(url)

/** Attaches ingest's quarantine to a store opened from `spec` (where it lives: `quarantinePathOf`). */
export function withQuarantine(store: EventStore, spec: string): EventStore {
  attachQuarantine(store, quarantinePathOf(splitQuery(spec).url))
  return store
}

/** Opens a store as `openStore` of `@igv/event-store-url` does, with ingest's quarantine attached. */
export const openStoreUrl = async (spec: string, options: OpenStoreOptions = {}): Promise<EventStore> =>
  withQuarantine(await openStore(spec, options), spec)
