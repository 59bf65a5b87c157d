import type { EventStore } from "@igv/event-store"
import { openSqliteStore } from "@igv/event-store-sqlite"

/** The store every command uses when none is given. */
export const DEFAULT_STORE_URL = "sqlite:./data/igv.db"

export interface KafkaLocation {
  readonly brokers: ReadonlyArray<string>
  readonly topic: string
}

/** `kafka://host:port[,host:port]/topic` */
export function parseKafkaUrl(url: string): KafkaLocation {
  const m = /^kafka:\/\/([^/?]+)\/([^/?]+)(\?.*)?$/.exec(url)
  if (m === null) throw new Error(`"${url}" is not a Kafka URL; expected kafka://host:port/topic, e.g. kafka://127.0.0.1:9092/igv-feed`)
  return { brokers: m[1]!.split(","), topic: decodeURIComponent(m[2]!) }
}

export const isKafkaUrl = (url: string): boolean => url.startsWith("kafka://")

/** Splits `store?from=...&to=...` into the store URL and its query (absent: empty). */
export function splitQuery(spec: string): { readonly url: string; readonly query: URLSearchParams } {
  const q = spec.indexOf("?")
  return q < 0 ? { url: spec, query: new URLSearchParams() } : { url: spec.slice(0, q), query: new URLSearchParams(spec.slice(q + 1)) }
}

/** Opens a store from `sqlite:PATH`, a plain file path, or `kafka://host:port/topic`. A `?query` is ignored here. */
export async function openStoreUrl(spec: string): Promise<EventStore> {
  const { url } = splitQuery(spec)
  if (isKafkaUrl(url)) {
    const { brokers, topic } = parseKafkaUrl(url)
    const { openKafkaStore } = await import("@igv/event-store-kafka")
    return openKafkaStore({ brokers: [...brokers], topic })
  }
  return openSqliteStore(url)
}
