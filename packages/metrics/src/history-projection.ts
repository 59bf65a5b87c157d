import type { FigureGroup, HistoryBody, IgvEventType } from "@igv/domain"
import type { Projection } from "./projection.js"
import {
  reportProjection,
  type MetricsBody,
  type MetricsReport,
  type RecordedFeed,
  type ReportOptions
} from "./report-projection.js"

/** The event kinds each figure group is folded from: without any of them in the window, the group is not measured. */
const NEEDS: ReadonlyArray<readonly [FigureGroup, ReadonlyArray<IgvEventType>]> = [
  ["lineTime", ["PlannedBlockStarted", "PlannedBlockUnstaffed"]],
  ["interruptions", ["PlannedBlockStarted"]],
  ["dispatch", ["PatrolDispatched"]],
  ["arrival", ["PatrolOnScene"]],
  ["timeUse", ["ShiftStarted"]]
]

/** `HistoryReport` with this package's extra figures where they were measured. */
export interface HistoryMetricsReport extends Omit<MetricsReport, keyof MetricsBody | "byArea"> {
  readonly lineTime: MetricsBody["lineTime"] | null
  readonly interruptions: MetricsBody["interruptions"] | null
  readonly response: HistoryBody["response"]
  readonly timeUse: MetricsBody["timeUse"] | null
  readonly byArea: {
    readonly [area: string]: Omit<HistoryMetricsReport, "byArea" | "byTag" | "events" | "eventKinds" | "missing">
  }
  readonly eventKinds: { readonly [kind: string]: number }
  readonly missing: ReadonlyArray<FigureGroup>
}

interface HistoryState {
  readonly kinds: Map<string, number>
  report: unknown
}

const DISPATCH_FIGURES = [
  "dispatched",
  "undispatched",
  "n",
  "meanDispatchMinutes",
  "p50DispatchMinutes",
  "p90DispatchMinutes",
  "p99DispatchMinutes",
  "withinTarget"
] as const
const ARRIVAL_FIGURES = [
  "arrived",
  "meanArrivalMinutes",
  "p50ArrivalMinutes",
  "p90ArrivalMinutes",
  "p99ArrivalMinutes",
  "arrivedWithinTarget"
] as const

const withoutMissing = (body: MetricsBody, missing: ReadonlySet<FigureGroup>) => {
  const response = (r: MetricsBody["response"]["1"]) => {
    const out: Record<string, unknown> = { ...r }
    if (missing.has("dispatch")) for (const k of DISPATCH_FIGURES) out[k] = null
    if (missing.has("arrival")) for (const k of ARRIVAL_FIGURES) out[k] = null
    return out as HistoryBody["response"]["1"]
  }
  return {
    lineTime: missing.has("lineTime") ? null : body.lineTime,
    interruptions: missing.has("interruptions") ? null : body.interruptions,
    response: {
      "1": response(body.response["1"]),
      "2": response(body.response["2"]),
      "3": response(body.response["3"])
    },
    timeUse: missing.has("timeUse") ? null : body.timeUse
  }
}

/**
 * The report of a recorded window: the same fold as a simulation's, plus which event kinds the window holds,
 * with every figure group whose events are absent set to null and named in `missing`.
 */
export const historyProjection = (
  options: RecordedFeed & ReportOptions = {}
): Projection<unknown, HistoryMetricsReport> => {
  const inner = reportProjection({ recordedFeed: options }, options)
  return {
    initial: (): HistoryState => ({ kinds: new Map(), report: inner.initial() }),
    evolve: (state, e) => {
      const s = state as HistoryState
      s.kinds.set(e._tag, (s.kinds.get(e._tag) ?? 0) + 1)
      s.report = inner.evolve(s.report, e)
      return s
    },
    finish: (state) => {
      const s = state as HistoryState
      const report = inner.finish(s.report)
      const missingList = NEEDS.filter(([, kinds]) => !kinds.some((k) => s.kinds.has(k))).map(([group]) => group)
      const missing = new Set(missingList)
      const byArea: Record<string, ReturnType<typeof withoutMissing>> = {}
      for (const [area, body] of Object.entries(report.byArea)) byArea[area] = withoutMissing(body, missing)
      return {
        ...withoutMissing(report, missing),
        byArea,
        byTag: report.byTag,
        events: report.events,
        eventKinds: Object.fromEntries([...s.kinds].sort(([a], [b]) => (a < b ? -1 : 1))),
        missing: missingList
      }
    }
  }
}
