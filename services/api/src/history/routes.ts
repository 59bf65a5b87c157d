import { Schema } from "effect"
import { HistoryReport } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { unknownAreaProblem } from "@igv/ingest"
import { ApiError } from "../errors.js"
import { instantParam, timeDescription } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import type { WindowReads } from "../reads/window-reads.js"

const HistoryQuery = Schema.Struct({
  from: Schema.String.annotate({ description: timeDescription("inclusive") }),
  to: Schema.String.annotate({ description: timeDescription("exclusive") }),
  area: Schema.optionalKey(Schema.String.annotate({ description: "one area; one the store holds no events of is a 400 listing those it does" }))
})

/** The window is read through the store's event-time index and folded on a read thread, off the event loop. */
export const historyRoutes = (store: EventStore, reads: WindowReads, maxWindowDays: number): ReadonlyArray<Route> => [
  route({
    method: "GET", url: "/history/report", tag: "history", permission: "history:read",
    summary: "What really happened in a stored feed window: the same report a run gives, from recorded dispatches and patrols, " +
      "with the event kinds the window holds; figures whose events are absent are null and named in `missing`",
    query: HistoryQuery,
    responses: { 200: { description: "The report of the window", schema: HistoryReport } },
    handler: async ({ query }) => {
      const from = instantParam(query.from, "query.from")!, to = instantParam(query.to, "query.to")!
      if (to <= from) throw new ApiError(400, "invalid_request", "the window must end after it starts", "query.to")
      const days = (to - from) / 1440
      if (days > maxWindowDays) throw new ApiError(400, "limit_exceeded", `limit scenarioDays is ${maxWindowDays}, the window spans ${Math.ceil(days)} days`, "query.to")
      const unknownArea = query.area === undefined ? undefined : await unknownAreaProblem(store, query.area)
      if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, "query.area")
      return ok(await reads.historyReport({ from, to, ...(query.area === undefined ? {} : { area: query.area }) }))
    }
  })
]
