import { Schema } from "effect"
import { HistoryReport } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { timeDescription } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import type { WindowReads } from "../reads/window-reads.js"
import { checkedWindow } from "./window.js"

const HistoryQuery = Schema.Struct({
  from: Schema.String.annotate({ description: timeDescription("inclusive") }),
  to: Schema.String.annotate({ description: timeDescription("exclusive") }),
  area: Schema.optionalKey(
    Schema.String.annotate({ description: "one area; one the store holds no events of is a 400 listing those it does" })
  )
})

/** The window is read through the store's event-time index and folded on a read thread, off the event loop. */
export const historyRoutes = (store: EventStore, reads: WindowReads, maxWindowDays: number): ReadonlyArray<Route> => [
  route({
    method: "GET",
    url: "/history/report",
    tag: "history",
    permission: "history:read",
    summary:
      "What really happened in a stored feed window: the same report a run gives, from recorded dispatches and patrols, " +
      "with the event kinds the window holds; figures whose events are absent are null and named in `missing`",
    query: HistoryQuery,
    responses: { 200: { description: "The report of the window", schema: HistoryReport } },
    handler: async ({ query }) =>
      ok(await reads.historyReport(await checkedWindow(store, query, maxWindowDays, "query")))
  })
]
