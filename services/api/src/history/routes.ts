import { Schema } from "effect"
import { DEFAULT_TIME_ZONE, Report, type IgvEvent } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { byEventTime, feedEventOf, inTime, unknownAreaProblem, type ReplayWindow } from "@igv/ingest"
import { fold, reportProjection } from "@igv/metrics"
import { ApiError } from "../errors.js"
import { instantParam, timeDescription } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"

const HistoryQuery = Schema.Struct({
  from: Schema.String.annotations({ description: timeDescription("inclusive") }),
  to: Schema.String.annotations({ description: timeDescription("exclusive") }),
  area: Schema.optional(Schema.String.annotations({ description: "one area; one the store holds no events of is a 400 listing those it does" }))
})

/** Every stored feed event of a window, by event time (late arrivals in their place). */
export const feedWindow = async (store: EventStore, window: ReplayWindow): Promise<Array<IgvEvent>> => {
  const source = window.area === undefined ? store.readAll() : store.readStream(`area-${window.area}`)
  const out: Array<IgvEvent> = []
  for await (const stored of source) {
    const event = feedEventOf(stored)
    if (event !== undefined && inTime(window, event.t)) out.push(event)
  }
  return byEventTime(out)
}

export const historyRoutes = (store: EventStore, maxWindowDays: number): ReadonlyArray<Route> => [
  route({
    method: "GET", url: "/history/report", tag: "history", permission: "history:read",
    summary: "What really happened in a stored feed window: the same report a run gives, from recorded dispatches and patrols",
    query: HistoryQuery,
    responses: { 200: { description: "The report of the window", schema: Report } },
    handler: async ({ query }) => {
      const from = instantParam(query.from, "query.from")!, to = instantParam(query.to, "query.to")!
      if (to <= from) throw new ApiError(400, "invalid_request", "the window must end after it starts", "query.to")
      const days = (to - from) / 1440
      if (days > maxWindowDays) throw new ApiError(400, "limit_exceeded", `limit scenarioDays is ${maxWindowDays}, the window spans ${Math.ceil(days)} days`, "query.to")
      const unknownArea = query.area === undefined ? undefined : await unknownAreaProblem(store, query.area)
      if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, "query.area")
      const events = await feedWindow(store, { from, to, ...(query.area === undefined ? {} : { area: query.area }) })
      return ok(fold(reportProjection({ timeZone: DEFAULT_TIME_ZONE }), events))
    }
  })
]
