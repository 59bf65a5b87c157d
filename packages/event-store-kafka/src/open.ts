import { KafkaEventStore, type KafkaStoreOptions } from "./kafka-store.js"

/** `kafka://host:port[,host:port...]/topic[?partitions=N]`; other query parameters are left to the caller. */
export function parseKafkaUrl(url: string): KafkaStoreOptions {
  const match = /^kafka:\/\/([^/?]+)\/([^/?]+)(?:\?(.*))?$/.exec(url)
  if (match === null) throw new Error(`Not a Kafka store URL: "${url}"; expected kafka://host:port/topic`)
  const brokers = match[1]!
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "")
  const query = new URLSearchParams(match[3] ?? "")
  const partitions = query.get("partitions")
  if (partitions !== null && !/^[1-9][0-9]*$/.test(partitions))
    throw new Error(`partitions must be a positive integer, got "${partitions}"`)
  return {
    brokers,
    topic: decodeURIComponent(match[2]!),
    ...(partitions === null ? {} : { partitions: Number(partitions) })
  }
}

export async function openKafkaStore(url: string, options: Partial<KafkaStoreOptions> = {}): Promise<KafkaEventStore> {
  return KafkaEventStore.open({ ...parseKafkaUrl(url), ...options })
}
