import type { Report } from "@igv/domain"
import { formatFigure, formatValue, type Unit } from "./figures.js"
import { table } from "./table.js"

/** A report to show: one run's figures, or replication means with their 95 % half-widths. */
export interface ReportView {
  readonly value: Report
  readonly halfWidth?: Report
}

type Body = Report["byArea"][string]
type Get<T> = (r: T) => number

const PRIOS = ["1", "2", "3"] as const

/** Reads the same figure from the value and (if any) the half-width report. */
const figure = <T>(value: T, halfWidth: T | undefined) => (get: Get<T>, unit: Unit): string =>
  formatFigure(get(value), unit, halfWidth === undefined ? undefined : get(halfWidth))

/** Figures the metrics report carries beyond the domain contract, when present. */
interface LateStarts { readonly blocksStartedLate?: number; readonly lateStartHours?: number }
const late = (r: Body): LateStarts => r.lineTime as LateStarts

const lineTime = (value: Body, f: ReturnType<typeof figure<Body>>) => table(["Planned line time", ""], [
  ["planned hours", f((r) => r.lineTime.plannedHours, "h")],
  ["delivered hours", f((r) => r.lineTime.deliveredHours, "h")],
  ["survival (delivered / planned)", f((r) => r.lineTime.survival, "%")],
  ["blocks planned", f((r) => r.lineTime.blocksPlanned, "n")],
  ["blocks never interrupted", f((r) => r.lineTime.blocksUninterrupted, "n")],
  ...(late(value).blocksStartedLate === undefined ? [] : [
    ["blocks started late (patrol still on a job)", f((r) => late(r).blocksStartedLate ?? 0, "n")],
    ["hours lost to late starts", f((r) => late(r).lateStartHours ?? 0, "h")]
  ]),
  ["median uninterrupted segment, min", f((r) => r.lineTime.medianSegmentMinutes, "min")]
])

const segments = (view: ReportView) => {
  const bins = view.value.lineTime.segmentHistogram
  if (bins.length === 0) return undefined
  const f = figure(view.value, view.halfWidth)
  return table(["Uninterrupted segments, min", "count"], bins.map((b, i) => [
    b.toMinutes === null ? `${b.fromMinutes}+` : `${b.fromMinutes}–${b.toMinutes}`,
    f((r) => r.lineTime.segmentHistogram[i]?.count ?? 0, "n")
  ]))
}

const interruptions = (f: ReturnType<typeof figure<Body>>) => table(["Interruptions of planned blocks", ""], [
  ["total", f((r) => r.interruptions.total, "n")],
  ...PRIOS.map((p) => [`by prio ${p}`, f((r) => r.interruptions.byPriority[p], "n")]),
  ["per 100 planned hours", f((r) => r.interruptions.per100PlannedHours, "x")]
])

const response = (f: ReturnType<typeof figure<Body>>, targets: Body["response"]) => {
  const row = (label: string, get: (r: Body["response"]["1"]) => number, unit: Unit) =>
    [label, ...PRIOS.map((p) => f((r) => get(r.response[p]), unit))]
  return table(["Response (registered → patrol ordered)", "prio 1", "prio 2", "prio 3"], [
    row("incidents", (r) => r.count, "n"),
    ["target, min", ...PRIOS.map((p) => formatValue(targets[p].targetMinutes, "n"))],
    row("dispatched within target", (r) => r.withinTarget, "%"),
    row("mean dispatch, min", (r) => r.meanDispatchMinutes, "min"),
    row("p50 dispatch, min", (r) => r.p50DispatchMinutes, "min"),
    row("p90 dispatch, min", (r) => r.p90DispatchMinutes, "min"),
    row("p99 dispatch, min", (r) => r.p99DispatchMinutes, "min"),
    row("mean arrival, min", (r) => r.meanArrivalMinutes, "min"),
    ["handled another way", "", "", f((r) => r.response["3"].handledOtherwise ?? 0, "n")]
  ])
}

const timeUse = (view: ReportView) => {
  const f = figure(view.value, view.halfWidth)
  type T = Report["timeUse"]["byKind"]["igv"]
  const row = (label: string, get: (t: T) => number, unit: Unit) => [
    label,
    f((r) => get(r.timeUse), unit),
    f((r) => get(r.timeUse.byKind.igv), unit),
    f((r) => get(r.timeUse.byKind.community), unit)
  ]
  return table(["Time use, hours on duty", "all", "IGV patrols", "community officers"], [
    row("prio 1 jobs", (t) => t.prio1Hours, "h"),
    row("prio 2 jobs", (t) => t.prio2Hours, "h"),
    row("prio 3 jobs", (t) => t.prio3Hours, "h"),
    row("planned blocks", (t) => t.plannedHours, "h"),
    row("free (base assignment, waiting)", (t) => t.freeHours, "h"),
    row("total on duty", (t) => t.totalHours, "h"),
    row("prio 1+2 share", (t) => t.prio12Share, "%")
  ])
}

const byArea = (view: ReportView) => {
  const areas = Object.keys(view.value.byArea).sort()
  if (areas.length === 0) return undefined
  return table(["By area", "planned h", "delivered h", "survival", "interruptions", "prio 1 in target", "prio 2 in target", "prio 1+2 share"],
    areas.map((area) => {
      const f = figure<Body>(view.value.byArea[area]!, view.halfWidth?.byArea[area])
      return [
        area,
        f((r) => r.lineTime.plannedHours, "h"),
        f((r) => r.lineTime.deliveredHours, "h"),
        f((r) => r.lineTime.survival, "%"),
        f((r) => r.interruptions.total, "n"),
        f((r) => r.response["1"].withinTarget, "%"),
        f((r) => r.response["2"].withinTarget, "%"),
        f((r) => r.timeUse.prio12Share, "%")
      ]
    }))
}

const byTag = (view: ReportView) => {
  if (view.value.byTag.length === 0) return undefined
  return table(["By tag (e.g. citizen promise)", "planned h", "delivered h", "survival"],
    view.value.byTag.map((t, i) => {
      const hw = view.halfWidth?.byTag[i]
      const f = figure(t, hw?.tag === t.tag ? hw : undefined)
      return [t.tag, f((x) => x.plannedHours, "h"), f((x) => x.deliveredHours, "h"), f((x) => x.survival, "%")]
    }))
}

/** The readable report: line time, interruptions, response per priority, time use, by area, by tag. */
export const reportTable = (title: string, view: ReportView): string => {
  const f = figure<Body>(view.value, view.halfWidth)
  return [title, lineTime(view.value, f), segments(view), interruptions(f), response(f, view.value.response), timeUse(view), byArea(view), byTag(view)]
    .filter((s): s is string => s !== undefined)
    .join("\n\n")
}
