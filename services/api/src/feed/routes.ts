import type { Readable } from "node:stream"
import { Schema } from "effect"
import { EVENT_TYPES, isMaxItems, isMaxLength, isMinLength, isValidTimeZone } from "@igv/domain"
import type { EventStore, WindowCursor } from "@igv/event-store"
import { dropQuarantine, FeedFormatError, ingestBytes, quarantineOf, unknownAreaProblem } from "@igv/ingest"
import type { Limits } from "../config.js"
import { ApiError } from "../errors.js"
import { instantParam, Page, PageQuery, pageSize, parseCursor, timeDescription } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import type { WindowReads } from "../reads/window-reads.js"

const IngestSummaryBody = Schema.Struct({
  source: Schema.String,
  read: Schema.Number,
  stored: Schema.Number,
  duplicates: Schema.Number,
  quarantined: Schema.Number,
  alreadyQuarantined: Schema.Number,
  droppedFields: Schema.Record(Schema.String, Schema.Number),
  pseudonymised: Schema.Boolean,
  elapsedMs: Schema.Number,
  /** read = stored + duplicates + quarantined. */
  balanced: Schema.Boolean
}).annotate({ identifier: "IngestSummary" })

const FeedEventBody = Schema.Struct({
  /** Cursor-able global position in the store (as a string: it may exceed 2^53). */
  position: Schema.String,
  type: Schema.Literals(EVENT_TYPES),
  /** ISO 8601 with offset, Europe/Stockholm. */
  at: Schema.String
}).annotate({
  identifier: "FeedEvent",
  description: "The wire form of a feed event: type, at, and the event's own fields"
})

const FeedEventsQuery = Schema.Struct({
  from: Schema.optionalKey(Schema.String.annotate({ description: timeDescription("inclusive") })),
  to: Schema.optionalKey(Schema.String.annotate({ description: timeDescription("exclusive") })),
  area: Schema.optionalKey(
    Schema.String.annotate({
      description:
        "the events of one area's stream; an area the store holds no events of is a 400 listing those it does"
    })
  ),
  type: Schema.optionalKey(Schema.Literals(EVENT_TYPES)),
  ...PageQuery
})

const QuarantineBody = Schema.Struct({
  quarantineId: Schema.String,
  quarantinedAt: Schema.String,
  source: Schema.String,
  line: Schema.Number,
  reason: Schema.String,
  raw: Schema.String,
  rawBase64: Schema.optionalKey(Schema.String),
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
  csvHeader: Schema.optionalKey(Schema.Array(Schema.String)),
  droppedFields: Schema.Array(Schema.String),
  pseudonymised: Schema.Boolean,
  /** The row could not be split into fields, so `raw` is the row as read (at most its first 4 KiB). */
  keptAsRead: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "QuarantinedRow" })

const DropBody = Schema.Struct({
  quarantineIds: Schema.optionalKey(Schema.Array(Schema.String.check(isMaxLength(100))).check(isMaxItems(1000))),
  all: Schema.optionalKey(Schema.Boolean)
})

const DropResult = Schema.Struct({
  dropped: Schema.Array(Schema.String),
  notOpen: Schema.Array(Schema.String)
}).annotate({ identifier: "QuarantineDropResult" })

/** A feed page's cursor, `<ms>.<position>`: the last event's event time in milliseconds and its store position. */
const parseWindowCursor = (cursor: string | undefined): WindowCursor | undefined => {
  if (cursor === undefined || cursor === "") return undefined
  const match = /^(-?[0-9]{1,16})\.([0-9]{1,30})$/.exec(cursor)
  if (match === null)
    throw new ApiError(400, "invalid_request", "cursor must be the nextCursor of a previous page", "query.cursor")
  return { occurredMs: Number(match[1]), position: BigInt(match[2]!) }
}

export interface FeedPrivacy {
  /** Incident ids are replaced by keyed pseudonyms before anything is stored. */
  readonly pseudonymKey: string | undefined
  /** Refuse feed ingest when no pseudonym key is set. */
  readonly requirePseudonyms: boolean
}

export const feedRoutes = (
  store: EventStore,
  reads: WindowReads,
  limits: Limits,
  privacy: FeedPrivacy
): ReadonlyArray<Route> => [
  route({
    method: "POST",
    url: "/feed",
    tag: "feed",
    permission: "feed:write",
    summary:
      "Ingest a feed, NDJSON or CSV as its content says (streamed, any size): valid rows are stored once, bad rows quarantined, counts balance",
    query: Schema.Struct({
      source: Schema.optionalKey(Schema.String.check(isMinLength(1), isMaxLength(200))).annotate({
        description:
          "Names the feed in the quarantine (e.g. the export's file name); rows re-sent under the same source are quarantined once. Default api:<key id>"
      }),
      timeZone: Schema.optionalKey(
        Schema.String.check(isMaxLength(64), Schema.makeFilter(isValidTimeZone, { message: "unknown IANA time zone" }))
      ).annotate({
        description:
          "Read timestamps without an offset (2024-03-25 10:00, as many exports write them) as local time in this IANA zone, e.g. Europe/Stockholm; a time in the hour the clocks skip or repeat is still quarantined. Without it such rows are quarantined: a local time is ambiguous across DST"
      })
    }),
    streamBody: {
      contentType: "application/x-ndjson",
      description:
        "One feed record per line: an event {type, at, ...} or an incident row {id, registeredAt, area, prio, onSceneMinutes, unitsNeeded}; or RFC 4180 CSV with a header naming those columns. The format is read from the content."
    },
    responses: {
      200: { description: "What happened to every row", schema: IngestSummaryBody },
      400: { description: "The body is neither NDJSON nor CSV with the needed header; nothing was stored" },
      403: { description: "IGV_REQUIRE_PSEUDONYMS is set and the service has no IGV_PSEUDONYM_KEY" },
      415: { description: "Not application/x-ndjson" }
    },
    handler: async ({ body, query, principal }) => {
      const stream = body as Readable | undefined
      if (stream === undefined || typeof (stream as Partial<Readable>).on !== "function") {
        throw new ApiError(
          415,
          "unsupported_media_type",
          "send the feed as application/x-ndjson",
          "headers.content-type"
        )
      }
      const { pseudonymKey } = privacy
      if (pseudonymKey === undefined && privacy.requirePseudonyms) {
        stream.resume()
        throw new ApiError(
          403,
          "pseudonyms_required",
          "this service takes feeds only with pseudonymised incident ids (IGV_REQUIRE_PSEUDONYMS=true), and IGV_PSEUDONYM_KEY is not set"
        )
      }
      const source = query.source ?? `api:${principal.keyId}`
      let summary: Awaited<ReturnType<typeof ingestBytes>>
      try {
        summary = await ingestBytes(store, stream as AsyncIterable<Buffer>, {
          source,
          ...(pseudonymKey === undefined ? {} : { pseudonymKey }),
          ...(query.timeZone === undefined ? {} : { localTimeZone: query.timeZone })
        })
      } catch (e) {
        if (e instanceof FeedFormatError)
          throw new ApiError(400, "not_a_feed", `${e.message}; nothing was stored`, "body")
        throw e
      }
      return ok({ ...summary, balanced: summary.read === summary.stored + summary.duplicates + summary.quarantined })
    }
  }),
  route({
    method: "GET",
    url: "/feed/events",
    tag: "feed",
    permission: "feed:read",
    summary: "Stored feed events by event time (ties in store order), filtered by time, area and type",
    description:
      "Read through the store's event-time index on a read thread: a page costs what it holds, however large the store. " +
      "A page may hold fewer rows than `limit` (at the window's edges); follow nextCursor until it is absent. " +
      "An area the store holds no events of is a 400 listing those it does.",
    query: FeedEventsQuery,
    responses: { 200: { description: "A page of events", schema: Page(FeedEventBody, "FeedEventPage") } },
    handler: async ({ query }) => {
      const size = pageSize(query.limit, limits)
      const after = parseWindowCursor(query.cursor)
      const from = instantParam(query.from, "query.from"),
        to = instantParam(query.to, "query.to")
      if (query.area !== undefined) {
        const unknownArea = await unknownAreaProblem(store, query.area)
        if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, "query.area")
      }
      const window = {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(query.area === undefined ? {} : { area: query.area })
      }
      const json = await reads.feedPage({
        window,
        types: query.type === undefined ? EVENT_TYPES : [query.type],
        limit: size,
        ...(after === undefined ? {} : { after })
      })
      return { status: 200, json: Buffer.from(json.buffer, json.byteOffset, json.byteLength) }
    }
  }),
  route({
    method: "GET",
    url: "/feed/quarantine",
    tag: "feed",
    permission: "feed:read",
    summary:
      "Rejected rows not yet resubmitted or dropped, with source, line and reason (only the schema's fields of a row that could be split)",
    query: Schema.Struct(PageQuery),
    responses: { 200: { description: "A page of quarantined rows", schema: Page(QuarantineBody, "QuarantinePage") } },
    handler: async ({ query }) => {
      const page = quarantineOf(store).page(Number(parseCursor(query.cursor)), pageSize(query.limit, limits))
      return ok({ items: page.entries, ...(page.next === undefined ? {} : { nextCursor: String(page.next) }) })
    }
  }),
  route({
    method: "POST",
    url: "/feed/quarantine/drop",
    tag: "feed",
    permission: "quarantine:drop",
    summary:
      "Delete quarantine entries for good (by id, or all open ones); the drop is recorded in the store without their content",
    body: DropBody,
    responses: { 200: { description: "The entries dropped, and the ids that were not open", schema: DropResult } },
    handler: async ({ body }) => {
      if ((body.all === true) === (body.quarantineIds !== undefined)) {
        throw new ApiError(400, "invalid_request", "give either quarantineIds or all: true", "body")
      }
      return ok(await dropQuarantine(store, body.all === true ? "all" : body.quarantineIds!))
    }
  })
]
