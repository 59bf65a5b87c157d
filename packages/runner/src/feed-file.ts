import { createReadStream } from "node:fs"
import { decodeFeedRecord, type IncidentRegistered, type InputIssue } from "@igv/domain"
import { atLine, describeReadError, FeedInvalid, type LocatedIssue } from "./errors.js"
import { fastIncidentRow } from "./fast-row.js"
import { FeedFormatError, readFeed, type FeedFormat, type FeedReadOptions } from "./feed-rows.js"
import { tidyIssues } from "./tidy-issues.js"

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
  /** Incident rows repeated with the same content: replayed once (ingest counts them as duplicates too). */
  readonly duplicates: number
}

/** Stored issues are capped; the count is not. */
const MAX_ISSUES = 1000
/** What ingest and validate say of a second registration of an incident id with other content. */
export const CONFLICTING_ID = "id registered earlier with different content"

const sameIncident = (a: IncidentRegistered, b: IncidentRegistered): boolean =>
  a.t === b.t &&
  a.area === b.area &&
  a.prio === b.prio &&
  a.onSceneMinutes === b.onSceneMinutes &&
  a.unitsNeeded === b.unitsNeeded

/** Decode issues of a feed row, tidied, without the values (a feed may hold personal data). */
export const feedIssues = (issues: ReadonlyArray<InputIssue>): Array<InputIssue> =>
  tidyIssues(issues, { quoteValues: false })

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
  readonly droppedFields: Record<string, number> = Object.create(null) as Record<string, number>
  duplicates = 0
  private readonly seenIds = new Map<string, { line: number; event: IncidentRegistered }>()

  problem(line: number, path: string, message: string): void {
    this.issueCount++
    if (this.issues.length < MAX_ISSUES) this.issues.push({ line, path, message })
  }

  record(line: number, input: unknown): void {
    this.records++
    const decoded = fastResult(input) ?? decodeFeedRecord(input)
    if (!decoded.ok) {
      for (const i of feedIssues(decoded.issues)) this.problem(line, i.path, i.message)
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
      if (sameIncident(first.event, event)) this.duplicates++
      else this.problem(line, "id", `${CONFLICTING_ID} (line ${first.line})`)
      return
    }
    this.seenIds.set(event.incident, { line, event })
    this.incidents.push({ event, line })
  }
}

const readRows = async (file: string, reader: FeedReader, options: LoadFeedOptions): Promise<FeedFormat> => {
  const reading = await readFeed(createReadStream(file) as AsyncIterable<Buffer>, options)
  for await (const row of reading.rows) {
    if (row.kind === "record") reader.record(row.line, row.record)
    else {
      reader.records++
      reader.problem(row.line, row.kind === "rejected" ? row.path : "", row.message)
    }
  }
  return reading.format
}

/** A feed that cannot be read at all (no such file, neither NDJSON nor CSV) as its one issue. */
const unreadable = (e: unknown): LocatedIssue =>
  e instanceof FeedFormatError
    ? atLine({ path: "", message: e.message.replace(/^line \d+: /, "") }, e.line)
    : { path: "", message: describeReadError(e) }

/** How a feed file is read: its timestamps without an offset in `localTimeZone`, if given (see `FeedReadOptions`). */
export type LoadFeedOptions = Pick<FeedReadOptions, "localTimeZone">

/** Reads a recorded dispatch feed (NDJSON or CSV); rejects with `FeedInvalid`, every problem naming the file, line and field. */
export const loadFeed = async (file: string, options: LoadFeedOptions = {}): Promise<LoadedFeed> => {
  const reader = new FeedReader()
  let format: FeedFormat
  try {
    format = await readRows(file, reader, options)
  } catch (e) {
    throw new FeedInvalid({ file, issues: [unreadable(e)] })
  }
  if (reader.issues.length === 0 && reader.records === 0)
    reader.issues.push({ path: "", message: "the feed has no records" })
  if (reader.issues.length > 0)
    throw new FeedInvalid({ file, issues: reader.issues, unlisted: reader.issueCount - reader.issues.length })
  // Stable sort: equal registration times keep file order, so replay is deterministic.
  const sorted = reader.incidents.map((x, i) => ({ ...x, i })).sort((a, b) => a.event.t - b.event.t || a.i - b.i)
  return {
    file,
    format,
    incidents: sorted.map((x) => x.event),
    lines: sorted.map((x) => x.line),
    records: reader.records,
    otherEvents: reader.otherEvents,
    droppedFields: reader.droppedFields,
    duplicates: reader.duplicates
  }
}
