import { statSync } from "node:fs"
import {
  balances,
  FeedFormatError,
  followFeed,
  ingestFile,
  openStoreUrl,
  PSEUDONYM_KEY_ENV,
  type IngestCounts,
  type IngestSummary
} from "@igv/ingest"
import { DEFAULT_STORE_URL } from "@igv/event-store-url"
import { FEED_TIME_ZONE_HELP, feedTimeZoneOption, flag, intOption, stringOption } from "../args.js"
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io, type OptionValues } from "../command.js"
import { cliEnvironment } from "../environment.js"
import { emit } from "../output.js"
import { progressBar } from "../progress.js"

export const STORE_HELP = `  --store URL         the event store: sqlite:PATH, a plain .db path, or kafka://host:port/topic
                      (default: $IGV_STORE, else ${DEFAULT_STORE_URL})`

export const storeUrlOf = (values: OptionValues): string =>
  stringOption(values, "store") ?? cliEnvironment().store ?? DEFAULT_STORE_URL

/** The end-of-run account: every row read is stored, a duplicate, or quarantined. */
export const countsText = (c: IngestCounts, source: string, storeUrl: string, seconds?: number): string => {
  const dropped = Object.entries(c.droppedFields)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} (${n})`)
  return [
    `${source}`,
    `  read         ${c.read}`,
    `  stored       ${c.stored}`,
    `  duplicates   ${c.duplicates}   (already in the store)`,
    `  quarantined  ${c.quarantined}${c.alreadyQuarantined > 0 ? `   (${c.alreadyQuarantined} already in the quarantine)` : ""}`,
    `  balance      ${balances(c) ? "ok" : "MISMATCH"}: read ${c.read} = stored ${c.stored} + duplicates ${c.duplicates} + quarantined ${c.quarantined}`,
    ...(dropped.length > 0
      ? [`  fields outside the feed schema, dropped (values never kept): ${dropped.join(", ")}`]
      : []),
    ...(seconds !== undefined && seconds > 0 ? [`  throughput   ${Math.round(c.read / seconds)} rows/s`] : []),
    ...(c.quarantined > 0
      ? [
          `  see the quarantine: igv quarantine list --store ${storeUrl}; correct and resubmit with igv quarantine resubmit`
        ]
      : [])
  ].join("\n")
}

const summaryJson = (s: IngestSummary) => JSON.stringify({ ...s, balanced: balances(s) }, null, 2)

async function follow(values: OptionValues, io: Io): Promise<number> {
  const from = stringOption(values, "from")
  if (from === undefined || !from.startsWith("kafka://"))
    throw new UsageError("--follow needs --from kafka://host:port/topic")
  const localTimes = feedTimeZoneOption(values)
  const storeUrl = storeUrlOf(values)
  const store = await openStoreUrl(storeUrl)
  try {
    const key = cliEnvironment().pseudonymKey
    let lastNote = 0
    const follower = await followFeed(store, {
      from,
      ...(key === undefined ? {} : { pseudonymKey: key }),
      ...localTimes,
      ...(stringOption(values, "group") === undefined ? {} : { group: stringOption(values, "group")! }),
      onBatch: (c) => {
        // A busy topic delivers many batches a second; a line every few seconds is enough to see it move.
        if (Date.now() - lastNote < 5_000) return
        lastNote = Date.now()
        io.stderr.write(
          `following ${from}: read ${c.read}, stored ${c.stored}, duplicates ${c.duplicates}, quarantined ${c.quarantined}\n`
        )
      }
    })
    io.stderr.write(
      `following ${from} into ${storeUrl}${key === undefined ? "" : " (incident ids pseudonymised)"}; stop with Ctrl-C\n`
    )
    const stop = () => void follower.stop()
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
    await follower.done
    process.off("SIGINT", stop)
    process.off("SIGTERM", stop)
    const text = flag(values, "json")
      ? JSON.stringify({ ...follower.counts, source: from, balanced: balances(follower.counts) }, null, 2)
      : countsText(follower.counts, from, storeUrl)
    await emit(io, text, stringOption(values, "out"))
    return balances(follower.counts) ? EXIT_OK : EXIT_FAILURE
  } finally {
    await store.close()
  }
}

export const ingest: Command = {
  name: "ingest",
  summary:
    "store a recorded RLC feed (NDJSON or CSV, any size) or follow a live feed topic; bad rows go to the quarantine",
  help: `Usage: igv ingest FILE [--store URL] [options]
       igv ingest --follow --from kafka://host:port/topic [--store URL] [options]

Streams a dispatch feed into the event store in constant memory: NDJSON feed events
({"type":"IncidentRegistered","at":"2024-03-01T08:00:00+01:00",...}) or incident rows, or RFC 4180
CSV with a header; the format comes from the content, not the file name (input that is neither is
refused before anything is stored). Every row ends up in exactly one place, and the counts printed
at the end balance: read = stored + duplicates + quarantined.
  - stored: the event is new. Its id is a hash of its content, so re-ingesting a file, or a row
    that appears twice, stores nothing twice ("duplicates").
  - quarantined: the row could not become an event (bad JSON or quoting, wrong types or column
    count, missing fields, unknown priority, a number not in plain decimal, a time without offset,
    invalid UTF-8, a record over 64 KiB, an incident id registered earlier in the input with other
    content). Kept with file, line and reason; list, correct, resubmit or drop with "igv quarantine".
Only fields of the feed schema are kept, in events and in the quarantine; others (names, addresses,
free text) are dropped and counted by field name. Only a row that cannot be split into fields at
all is quarantined as read. With ${PSEUDONYM_KEY_ENV} set, incident ids are replaced by a keyed
HMAC-SHA256 pseudonym before anything is stored; without it the store holds raw incident ids.
Late and out-of-order events are stored as they come; replay orders them by event time.
A file is decoded in a worker thread beside the store writes on a machine with two or more cores;
IGV_DECODE_WORKER=0 keeps decoding in-thread (1 forces the worker).

Options:
${STORE_HELP}
  --batch N           events per atomic store append (default 2000)
  --follow            consume a live feed topic (NDJSON rows per message) until stopped (Ctrl-C,
                      SIGTERM); offsets are committed only after the rows are stored
  --from URL          the topic to follow: kafka://host:port/topic
  --group NAME        consumer group for --follow (default igv-ingest-<topic>)
${FEED_TIME_ZONE_HELP}
                      (quarantined); a row quarantined for another reason keeps its time with the
                      offset, so its correction resubmits as it is.
  --json              print the counts as JSON
  --out FILE          write the counts to FILE

Examples:
  igv ingest simulations/feeds/sample.csv --store sqlite:./data/igv.db
  igv ingest export-from-excel.csv --time-zone Europe/Stockholm
  ${PSEUDONYM_KEY_ENV}=... igv ingest rlc-2024.ndjson --store kafka://127.0.0.1:9092/igv-store
  igv ingest --follow --from kafka://127.0.0.1:9092/rlc-feed --store sqlite:./data/igv.db

Exit codes: 0 done (quarantined rows are not a failure: they are kept), 2 bad command line, 1 anything else.`,
  options: {
    store: { type: "string" },
    batch: { type: "string" },
    follow: { type: "boolean" },
    from: { type: "string" },
    group: { type: "string" },
    "time-zone": { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" }
  },
  positionals: { min: 0, max: 1 },
  run: async ({ values, positionals }, io) => {
    if (flag(values, "follow")) {
      if (positionals.length > 0) throw new UsageError("give either FILE or --follow, not both")
      return follow(values, io)
    }
    const file = positionals[0]
    if (file === undefined) throw new UsageError("expected the feed FILE to ingest (or --follow --from kafka://...)")
    let size: number
    try {
      size = statSync(file).size
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`)
    }
    const batchSize = intOption(values, "batch", 1, 100_000)
    const localTimes = feedTimeZoneOption(values)
    const storeUrl = storeUrlOf(values)
    const store = await openStoreUrl(storeUrl)
    const bar = progressBar(io, "ingesting")
    let summary: IngestSummary
    try {
      const { pseudonymKey: key, decodeWorker } = cliEnvironment()
      let latest: IngestCounts | undefined
      summary = await ingestFile(store, file, {
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(key === undefined ? {} : { pseudonymKey: key }),
        ...localTimes,
        ...(decodeWorker === undefined ? {} : { worker: decodeWorker }),
        onBatch: (c) => {
          latest = c
        },
        onBytes: (bytes) =>
          bar.update(size === 0 ? 1 : bytes / size, latest === undefined ? undefined : `${latest.read} rows`)
      })
    } catch (e) {
      bar.clear()
      if (e instanceof FeedFormatError) throw new UsageError(`${file}: ${e.message}; nothing was stored`)
      throw e
    } finally {
      await store.close()
    }
    bar.finish(
      `ingested ${summary.read} rows into ${storeUrl}${summary.pseudonymised ? " (incident ids pseudonymised)" : ""}`
    )
    const text = flag(values, "json")
      ? summaryJson(summary)
      : countsText(summary, file, storeUrl, summary.elapsedMs / 1000)
    await emit(io, text, stringOption(values, "out"))
    return balances(summary) ? EXIT_OK : EXIT_FAILURE
  }
}
