import {
  ANALYTICS_QUERIES,
  AnalyticsInputError,
  AnalyticsInputs,
  runAnalyticsQuery,
  SqlValueError,
  type Analytics
} from "@igv/analytics"
import type { Schema } from "effect"
import { ApiError, invalid } from "../errors.js"
import { ANALYTICS_RESULTS } from "./schemas.js"
import { ok, route, type Route } from "../http/route.js"

const SUMMARIES: Readonly<Record<(typeof ANALYTICS_QUERIES)[number], string>> = {
  interruptions: "Interruptions of planned time by area × hour of week × priority, over the runs named",
  survival: "Line-time survival across all runs of a scenario, by scenario version",
  sweep: "A sweep's KPI as a function of its varied parameter",
  "real-vs-simulated": "Recorded history against simulated runs for the same window, by area and priority",
  headline:
    "The report's headline split: prio 1+2 share of time at RLC's disposal, by area and month (recorded or simulated)"
}

/**
 * One GET route per ClickHouse query, present only when ClickHouse is configured. The query's input schema
 * (from @igv/analytics) validates the query string and documents it; lists are comma-separated (areas=a,b).
 */
export const analyticsRoutes = (a: Analytics): ReadonlyArray<Route> =>
  ANALYTICS_QUERIES.map((name) =>
    route<undefined, unknown>({
      method: "GET",
      url: `/analytics/${name}`,
      tag: "analytics",
      permission: "analytics:read",
      summary: SUMMARIES[name],
      query: AnalyticsInputs[name] as Schema.Codec<unknown, unknown>,
      responses: { 200: { description: "The query's rows", schema: ANALYTICS_RESULTS[name] } },
      handler: async ({ query }) => {
        try {
          return ok(await runAnalyticsQuery(a, name, query))
        } catch (e) {
          if (e instanceof AnalyticsInputError) throw invalid("query", e.issues)
          // A value the literal formatter cannot write (out of a ClickHouse type's range) is the request's fault.
          if (e instanceof SqlValueError) throw new ApiError(400, "invalid_request", e.message.slice(0, 200), "query")
          throw e
        }
      }
    })
  )
