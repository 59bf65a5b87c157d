import type { EventStore } from "@igv/event-store"
import { openSqliteStore } from "@igv/event-store-sqlite"

/** The store every command uses when none is given. */
export const DEFAULT_STORE_URL = "sqlite:./data/igv.db"

export const isKafkaUrl = (url: string): boolean => url.startsWith("kafka://")

/** Splits `store?from=...&to=...` into the store URL and its query (absent: empty). */
export function splitQuery(spec: string): { readonly url: string; readonly query: URLSearchParams } {
  const q = spec.indexOf("?")
  return q < 0 ? { url: spec, query: new URLSearchParams() } : { url: spec.slice(0, q), query: new URLSearchParams(spec.slice(q + 1)) }
}

/** Opens a store from `sqlite:PATH`, a plain file path, or `kafka://host:port/topic`. A `?query` is ignored here. */
export async function openStoreUrl(spec: string): Promise<EventStore> {
  const { url, query } = splitQuery(spec)
  if (isKafkaUrl(url)) {
    const { openKafkaStore } = await import("@igv/event-store-kafka")
    const partitions = query.get("partitions")
    return openKafkaStore(partitions === null ? url : `${url}?partitions=${partitions}`)
  }
  return openSqliteStore(url)
}
