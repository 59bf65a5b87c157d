import type { ComparisonRow } from "@igv/metrics"
import { formatFigure, formatHalfWidth, formatSigned, NO_DATA, type Unit } from "./figures.js"
import { tableOf, type Table } from "./table.js"

/** The figures a planner reads first, in reading order. */
const HEADLINES: ReadonlyArray<readonly [path: string, label: string, unit: Unit]> = [
  ["lineTime.plannedHours", "planned line time (staffed + unstaffed), h", "h"],
  ["lineTime.unstaffedHours", "  unstaffed (no patrol given), h", "h"],
  ["lineTime.unstaffed.nobodyOnDuty", "    nobody of its kind on duty, h", "h"],
  ["lineTime.unstaffed.reserve", "    held back by the reserve, h", "h"],
  ["lineTime.unstaffed.tooFewPatrols", "    too few patrols free, h", "h"],
  ["lineTime.deliveredHours", "delivered line time, h", "h"],
  ["lineTime.survival", "line-time survival", "%"],
  ["lineTime.blocksUninterrupted", "blocks that ran, never interrupted", "n"],
  ["lineTime.blocksStartedLate", "blocks started late (patrol on a job)", "n"],
  ["lineTime.lateStartHours", "hours lost to late starts", "h"],
  ["lineTime.medianSegmentMinutes", "median uninterrupted segment, min", "min"],
  ["interruptions.total", "interruptions", "n"],
  ["interruptions.byPriority.1", "  by prio 1", "n"],
  ["interruptions.byPriority.2", "  by prio 2", "n"],
  ["interruptions.byPriority.3", "  by prio 3", "n"],
  ["interruptions.per100PlannedHours", "interruptions per 100 planned h", "x"],
  ["response.1.undispatched", "prio 1 never dispatched", "n"],
  ["response.1.n", "prio 1 calls the figures are over (n)", "n"],
  ["response.1.withinTarget", "prio 1 ordered within 4 min", "%"],
  ["response.1.p90DispatchMinutes", "prio 1 p90 dispatch, min", "min"],
  ["response.1.arrivedWithinTarget", "prio 1 on scene within 4 min", "%"],
  ["response.1.meanArrivalMinutes", "prio 1 mean arrival, min", "min"],
  ["response.1.p90ArrivalMinutes", "prio 1 p90 arrival, min", "min"],
  ["response.2.undispatched", "prio 2 never dispatched", "n"],
  ["response.2.n", "prio 2 calls the figures are over (n)", "n"],
  ["response.2.withinTarget", "prio 2 ordered within 20 min", "%"],
  ["response.2.p90DispatchMinutes", "prio 2 p90 dispatch, min", "min"],
  ["response.2.arrivedWithinTarget", "prio 2 on scene within 20 min", "%"],
  ["response.2.p90ArrivalMinutes", "prio 2 p90 arrival, min", "min"],
  ["response.3.undispatched", "prio 3 never dispatched", "n"],
  ["response.3.n", "prio 3 calls the figures are over (n)", "n"],
  ["response.3.withinTarget", "prio 3 ordered within 4 h", "%"],
  ["response.3.meanDispatchMinutes", "prio 3 mean dispatch, min", "min"],
  ["response.3.p90DispatchMinutes", "prio 3 p90 dispatch, min", "min"],
  ["response.3.arrivedWithinTarget", "prio 3 on scene within 4 h", "%"],
  ["response.3.handledOtherwise", "prio 3 handled another way", "n"],
  ["timeUse.byKind.igv.prio12Share", "prio 1+2 share of IGV time (report: 4–27 %)", "%"],
  ["timeUse.prio12Share", "prio 1+2 share, IGV and community", "%"],
  ["timeUse.byKind.igv.freeHours", "IGV free time (base assignment), h", "h"],
  ["timeUse.byKind.community.plannedHours", "community officers in planned blocks, h", "h"],
  ["timeUse.byKind.community.prio3Hours", "community officers on prio 3 jobs, h", "h"]
]

/** Per tag: survival, and the planned and unstaffed hours beside it, so a survival gained by planning less shows. */
const TAG_FIGURES: ReadonlyArray<readonly [figure: string, label: (tag: string) => string, unit: Unit]> = [
  ["plannedHours", (tag) => `planned h of ${tag}`, "h"],
  ["unstaffedHours", (tag) => `  unstaffed h of ${tag}`, "h"],
  ["survival", (tag) => `  survival of ${tag}`, "%"]
]

/** A unit for any path, for `--all`. */
const unitOf = (path: string): Unit =>
  /survival|[wW]ithinTarget|Share/.test(path)
    ? "%"
    : /Hours$|\.unstaffed\./.test(path)
      ? "h"
      : /Minutes$/.test(path)
        ? "min"
        : /per100/.test(path)
          ? "x"
          : "n"

export interface CompareLabels {
  readonly a: string
  readonly b: string
}

/**
 * Side by side: A, B, the paired delta B − A with its 95 % half-width, and whether the delta is
 * significant. Headline figures first, then each tag's survival; `all` lists every figure.
 */
export const compareTable = (rows: ReadonlyArray<ComparisonRow>, labels: CompareLabels, all = false): Table => {
  const byPath = new Map(rows.map((r) => [r.path, r]))
  const chosen: Array<readonly [ComparisonRow, string, Unit]> = all
    ? rows.map((r) => [r, r.path, unitOf(r.path)] as const)
    : [
        ...HEADLINES.flatMap(([path, label, unit]) => {
          const r = byPath.get(path)
          return r === undefined ? [] : [[r, label, unit] as const]
        }),
        ...rows.flatMap((r) => {
          const tag = /^byTag\[(.*)\]\.survival$/.exec(r.path)?.[1]
          if (tag === undefined) return []
          return TAG_FIGURES.flatMap(([figure, label, unit]) => {
            const row = byPath.get(`byTag[${tag}].${figure}`)
            return row === undefined ? [] : [[row, label(tag), unit] as const]
          })
        })
      ]
  return tableOf(
    ["", labels.a, labels.b, "delta B − A", "significant"],
    chosen.map(([r, label, unit]) => [
      label,
      formatFigure(r.a, unit, undefined, true),
      formatFigure(r.b, unit, undefined, true),
      r.delta === null ? NO_DATA : `${formatSigned(r.delta, unit)} ± ${formatHalfWidth(r.halfWidth, unit)}`,
      r.delta === null ? NO_DATA : r.significant ? "yes" : "no"
    ])
  )
}
