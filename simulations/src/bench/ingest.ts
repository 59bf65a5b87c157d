/**
 * Ingest and replay benchmark: 1 million feed events (250,000 incidents: registration, dispatch, arrival,
 * clearance; a tenth carrying caller names and addresses that are dropped) as an NDJSON file, ingested into
 * SQLite and into Kafka through the same code path as `igv ingest`, then replayed (stored incidents by event time,
 * and the history report). Targets: 100,000 events/s into SQLite, 50,000/s into Kafka.
 * Run after `pnpm build` with a broker on 127.0.0.1:9092 (pnpm bench starts one):
 *   node simulations/dist/src/bench/ingest.js [events] [--no-kafka] [--worker | --in-thread]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import type { EventStore } from "@igv/event-store"
import { openKafkaStore } from "@igv/event-store-kafka"
import { openSqliteStore } from "@igv/event-store-sqlite"
import { kafkaBrokers } from "@igv/test-env"
import {
  attachQuarantine,
  decodeInWorkerByDefault,
  HistoryView,
  ingestFile,
  readIncidents,
  syntheticFeedLines,
  type IngestSummary
} from "@igv/ingest"

const events = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000)
const skipKafka = process.argv.includes("--no-kafka")
/** --worker / --in-thread force where files are decoded; by default as `igv ingest` decides (a worker with two or more cores). */
const worker = process.argv.includes("--worker")
  ? true
  : process.argv.includes("--in-thread")
    ? false
    : decodeInWorkerByDefault()
const dir = mkdtempSync(join(tmpdir(), "igv-bench-ingest-"))

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)
const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(0)} MiB`
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en-US")}/s`

async function writeFeed(path: string): Promise<void> {
  const out = createWriteStream(path)
  let buffer = ""
  for (const line of syntheticFeedLines({ incidents: Math.ceil(events / 4), seed: 1, personalDataShare: 0.1 })) {
    buffer += `${line}\n`
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()))
      buffer = ""
    }
  }
  out.write(buffer)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
}

async function measureIngest(label: string, store: EventStore, path: string, target?: number): Promise<IngestSummary> {
  peakRss = process.memoryUsage().rss
  const cpu0 = process.cpuUsage()
  const s = await ingestFile(store, path, { batchSize: 5000, worker })
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const verdict =
    target === undefined
      ? ""
      : s.read / (s.elapsedMs / 1000) >= target
        ? ` (target ${target.toLocaleString("en-US")}/s: met)`
        : ` (target ${target.toLocaleString("en-US")}/s: NOT met)`
  console.log(
    `${label.padEnd(34)} ${s.read} rows in ${(s.elapsedMs / 1000).toFixed(1)} s = ${rate(s.read, s.elapsedMs)}${verdict}; stored ${s.stored}, duplicates ${s.duplicates}, quarantined ${s.quarantined}; peak RSS ${mib(peakRss)}; CPU ${cpuSeconds.toFixed(1)} s of this process (${rate(s.read, cpuSeconds * 1000)} per CPU-second)`
  )
  return s
}

async function measureReplay(label: string, store: EventStore): Promise<void> {
  let t0 = performance.now()
  const incidents = await readIncidents(store)
  let ms = performance.now() - t0
  console.log(
    `${label.padEnd(34)} readIncidents: ${incidents.length} incidents (of ${events} events read) in ${(ms / 1000).toFixed(1)} s = ${rate(events, ms)} events read`
  )
  t0 = performance.now()
  const view = HistoryView.open(undefined)
  await view.catchUp(store)
  const report = view.report()
  ms = performance.now() - t0
  console.log(
    `${label.padEnd(34)} history (read, order, fold): ${report.events} events in ${(ms / 1000).toFixed(1)} s = ${rate(report.events, ms)}`
  )
}

const feed = join(dir, "feed.ndjson")
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; ${events} feed events; decoding ${worker ? "in a worker thread" : "on the main thread"}`
)
let t0 = performance.now()
await writeFeed(feed)
console.log(
  `${"generated feed".padEnd(34)} ${mib(statSync(feed).size)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`
)

const sqlite = await openSqliteStore(join(dir, "igv.db"))
attachQuarantine(sqlite, join(dir, "igv.db"))
await measureIngest("ingest into SQLite", sqlite, feed, 100_000)
await measureIngest("re-ingest into SQLite (all dupes)", sqlite, feed)
await measureReplay("replay from SQLite", sqlite)
await sqlite.close()

if (!skipKafka)
  try {
    const url = `kafka://${kafkaBrokers.join(",")}/igv-bench-ingest-${Date.now().toString(36)}?partitions=8`
    t0 = performance.now()
    const kafka = await openKafkaStore(url)
    attachQuarantine(kafka, join(dir, "kafka-quarantine.db"))
    await measureIngest("ingest into Kafka", kafka, feed, 50_000)
    await measureReplay("replay from Kafka", kafka)
    await kafka.close()
    t0 = performance.now()
    const reopened = await openKafkaStore(url)
    console.log(`${"reopen Kafka store (index rebuild)".padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    await reopened.close()
  } catch (e) {
    console.log(
      `Kafka part failed (is a broker on ${kafkaBrokers.join(",")}? pnpm bench starts one): ${(e as Error).message}`
    )
    process.exitCode = 1
  }
clearInterval(sampler)
rmSync(dir, { recursive: true, force: true })
