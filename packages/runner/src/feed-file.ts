import { createReadStream } from "node:fs"
import { open } from "node:fs/promises"
import { extname } from "node:path"
import { createInterface } from "node:readline"
import { Effect } from "effect"
import { csvRecord, decodeFeedRecord, INCIDENT_ROW_COLUMNS, splitCsvLine, type IncidentRegistered } from "@igv/domain"
import { describeReadError, FeedInvalid, type LocatedIssue } from "./errors.js"
import { findJsonSyntaxError } from "./json-syntax.js"
import { fastIncidentRow } from "./fast-row.js"
import { tidyIssues } from "./tidy-issues.js"
import { runOrThrow } from "./scenario-file.js"

export type FeedFormat = "ndjson" | "csv"

export interface LoadedFeed {
  readonly file: string
  readonly format: FeedFormat
  /** Incidents to replay, by registration time (file order among equal times). */
  readonly incidents: ReadonlyArray<IncidentRegistered>
  /** The file line of each incident, in the same order. */
  readonly lines: ReadonlyArray<number>
  /** Data records read (lines that are not blank or the CSV header). */
  readonly records: number
  /** Other events of a recorded feed (dispatches, shifts…), by type; counted, not replayed. */
  readonly otherEvents: Readonly<Record<string, number>>
  /** Fields outside the schema dropped at decode (names, addresses, free text): records per field name. Values are never kept. */
  readonly droppedFields: Readonly<Record<string, number>>
}

/** Stored issues are capped; the count is not. */
const MAX_ISSUES = 1000
const REQUIRED_CSV_COLUMNS = INCIDENT_ROW_COLUMNS.filter((c) => c !== "unitsNeeded")

const formatByExtension = (file: string): FeedFormat | undefined => {
  const ext = extname(file).toLowerCase()
  if (ext === ".ndjson" || ext === ".jsonl" || ext === ".json") return "ndjson"
  if (ext === ".csv") return "csv"
  return undefined
}

/** NDJSON or CSV: by extension, otherwise by whether the first non-blank line is a JSON object. */
export const detectFeedFormat = async (file: string): Promise<FeedFormat> => {
  const known = formatByExtension(file)
  if (known !== undefined) return known
  const handle = await open(file, "r")
  try {
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "ndjson" : "csv"
  } finally {
    await handle.close()
  }
}

const fastResult = (input: unknown) => {
  const value = fastIncidentRow(input)
  return value === undefined ? undefined : { ok: true as const, value }
}

class FeedReader {
  readonly incidents: Array<{ event: IncidentRegistered; line: number }> = []
  readonly issues: Array<LocatedIssue> = []
  issueCount = 0
  records = 0
  readonly otherEvents: Record<string, number> = {}
  readonly droppedFields: Record<string, number> = {}
  private readonly seenIds = new Map<string, number>()

  problem(line: number, path: string, message: string): void {
    this.issueCount++
    if (this.issues.length < MAX_ISSUES) this.issues.push({ line, path, message })
  }

  record(line: number, input: unknown): void {
    this.records++
    const decoded = fastResult(input) ?? decodeFeedRecord(input)
    if (!decoded.ok) {
      for (const i of tidyIssues(decoded.issues)) this.problem(line, i.path, i.message)
      return
    }
    const { event, droppedFields } = decoded.value
    for (const f of droppedFields) this.droppedFields[f] = (this.droppedFields[f] ?? 0) + 1
    if (event._tag !== "IncidentRegistered") {
      this.otherEvents[event._tag] = (this.otherEvents[event._tag] ?? 0) + 1
      return
    }
    const first = this.seenIds.get(event.incident)
    if (first !== undefined) {
      this.problem(line, "id", `incident ${JSON.stringify(event.incident)} is registered twice (first on line ${first})`)
      return
    }
    this.seenIds.set(event.incident, line)
    this.incidents.push({ event, line })
  }
}

const readLines = async (file: string, onLine: (text: string, line: number) => void): Promise<void> => {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })
  let n = 0
  for await (const text of lines) {
    n++
    onLine(n === 1 ? text.replace(/^\uFEFF/, "") : text, n)
  }
}

const readNdjson = (file: string, reader: FeedReader) =>
  readLines(file, (text, line) => {
    if (text.trim() === "") return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      // Our own message: V8's quotes the line, which may hold personal data.
      const e = findJsonSyntaxError(text)
      reader.records++
      reader.problem(line, "", e === undefined ? "not valid JSON" : `not valid JSON (column ${e.offset + 1}): ${e.message}`)
      return
    }
    reader.record(line, value)
  })

const readCsv = async (file: string, reader: FeedReader) => {
  let header: Array<string> | undefined
  await readLines(file, (text, line) => {
    if (text.trim() === "") return
    if (header === undefined) {
      header = splitCsvLine(text).map((h) => h.trim())
      const missing = REQUIRED_CSV_COLUMNS.filter((c) => !header!.includes(c))
      if (missing.length > 0 && !header.includes("type")) {
        reader.problem(line, "", `the CSV header lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected ${INCIDENT_ROW_COLUMNS.join(",")})`)
      }
      return
    }
    const cells = splitCsvLine(text).length
    if (cells !== header.length) {
      reader.records++
      reader.problem(line, "", `expected ${header.length} columns as in the header, found ${cells}`)
      return
    }
    reader.record(line, csvRecord(header, text))
  })
}

/** Reads a recorded dispatch feed (NDJSON or CSV); every problem names the file, line and field. */
export const loadFeedEffect = (file: string): Effect.Effect<LoadedFeed, FeedInvalid> =>
  Effect.tryPromise({
    try: async () => {
      const format = await detectFeedFormat(file)
      const reader = new FeedReader()
      await (format === "ndjson" ? readNdjson(file, reader) : readCsv(file, reader))
      return { format, reader }
    },
    catch: (e) => new FeedInvalid({ file, issues: [{ path: "", message: describeReadError(e) }] })
  }).pipe(Effect.flatMap(({ format, reader }) => {
    if (reader.issueCount > reader.issues.length) {
      reader.issues.push({ path: "", message: `… ${reader.issueCount - reader.issues.length} more problems not listed` })
    }
    if (reader.issues.length === 0 && reader.records === 0) reader.issues.push({ path: "", message: "the feed has no records" })
    if (reader.issues.length > 0) return Effect.fail(new FeedInvalid({ file, issues: reader.issues }))
    // Stable sort: equal registration times keep file order, so replay is deterministic.
    const sorted = reader.incidents.map((x, i) => ({ ...x, i })).sort((a, b) => a.event.t - b.event.t || a.i - b.i)
    return Effect.succeed<LoadedFeed>({
      file, format,
      incidents: sorted.map((x) => x.event),
      lines: sorted.map((x) => x.line),
      records: reader.records,
      otherEvents: reader.otherEvents,
      droppedFields: reader.droppedFields
    })
  }))

/** Promise form of `loadFeedEffect`; rejects with `FeedInvalid`. */
export const loadFeed = (file: string): Promise<LoadedFeed> => runOrThrow(loadFeedEffect(file))
