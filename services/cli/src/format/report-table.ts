import type { FigureGroup, HistoryBody, HistoryReport, Report } from "@igv/domain"
import { formatFigure, formatValue, type Unit } from "./figures.js"
import { tableOf, textBlocks, type Block } from "./table.js"
import type { Lang } from "./lang.js"

/**
 * A report to show: one run's figures, or replication means with their 95 % half-widths, or a recorded
 * window's report, whose figure groups may be null (not measured).
 */
export interface ReportView {
  readonly value: Report | HistoryReport
  readonly halfWidth?: Report
}

/** A report body whose figure groups may be missing; a simulated report's body is one too. */
type Body = HistoryBody
type Response = Body["response"]["1"]
type LineTime = NonNullable<Body["lineTime"]>
type Get<T> = (r: T) => number | null

const PRIOS = ["1", "2", "3"] as const

/** Reads the same figure from the value and (if any) the half-width report. */
const figure =
  <T>(value: T, halfWidth: T | undefined) =>
  (get: Get<T>, unit: Unit): string =>
    formatFigure(get(value), unit, halfWidth === undefined ? undefined : get(halfWidth))

type Figure<T> = ReturnType<typeof figure<T>>

/** Why a group is not measured: the event kinds it is folded from. */
const NOT_MEASURED: Readonly<Record<FigureGroup, string>> = {
  lineTime: "no planned-block events (PlannedBlockStarted, PlannedBlockUnstaffed)",
  interruptions: "no PlannedBlockStarted events",
  dispatch: "no PatrolDispatched events",
  arrival: "no PatrolOnScene events",
  timeUse: "no ShiftStarted events"
}

const notMeasured = (title: string, group: FigureGroup) =>
  `${title}\nnot measured: the window holds ${NOT_MEASURED[group]}`

/** Figures the metrics report carries beyond the domain contract, when present. */
interface LateStarts {
  readonly blocksStartedLate?: number
  readonly lateStartHours?: number
}
const late = (r: Body): LateStarts => (r.lineTime ?? {}) as LateStarts

const lineTime = (value: Body, f: Figure<Body>) => {
  if (value.lineTime === null) return notMeasured("Planned line time", "lineTime")
  const l = (get: (x: LineTime) => number | null, unit: Unit) => f((r) => get(r.lineTime!), unit)
  return tableOf(
    ["Planned line time", ""],
    [
      ["planned hours (staffed + unstaffed)", l((x) => x.plannedHours, "h")],
      ["  staffed (given to a patrol)", l((x) => x.staffedHours, "h")],
      ["  unstaffed (no patrol given, never delivered)", l((x) => x.unstaffedHours, "h")],
      ["    nobody of its kind on duty", l((x) => x.unstaffed.nobodyOnDuty, "h")],
      ["    patrols held back by the reserve", l((x) => x.unstaffed.reserve, "h")],
      ["    too few patrols free of other blocks", l((x) => x.unstaffed.tooFewPatrols, "h")],
      ...((value.lineTime.beyondHorizonHours ?? 0) > 0
        ? [
            [
              "planned past the horizon's end (not simulated, in no figure here)",
              l((x) => x.beyondHorizonHours ?? 0, "h")
            ]
          ]
        : []),
      ["delivered hours", l((x) => x.deliveredHours, "h")],
      ["survival (delivered / planned)", l((x) => x.survival, "%")],
      ["blocks planned", l((x) => x.blocksPlanned, "n")],
      ["blocks unstaffed", l((x) => x.blocksUnstaffed, "n")],
      ["blocks that ran and were never interrupted", l((x) => x.blocksUninterrupted, "n")],
      ...(late(value).blocksStartedLate === undefined
        ? []
        : [
            ["blocks started late (patrol still on a job)", f((r) => late(r).blocksStartedLate ?? 0, "n")],
            ["hours lost to late starts", f((r) => late(r).lateStartHours ?? 0, "h")]
          ]),
      ["median uninterrupted segment, min", l((x) => x.medianSegmentMinutes, "min")]
    ]
  )
}

const segments = (view: ReportView) => {
  const bins = view.value.lineTime?.segmentHistogram ?? []
  if (bins.length === 0) return undefined
  const f = figure<Body>(view.value, view.halfWidth)
  return tableOf(
    ["Uninterrupted segments, min", "count"],
    bins.map((b, i) => [
      b.toMinutes === null ? `${b.fromMinutes}+` : `${b.fromMinutes}–${b.toMinutes}`,
      f((r) => r.lineTime?.segmentHistogram[i]?.count ?? 0, "n")
    ]),
    [0]
  )
}

const interruptions = (value: Body, f: Figure<Body>) => {
  if (value.interruptions === null) return notMeasured("Interruptions of planned blocks", "interruptions")
  return tableOf(
    ["Interruptions of planned blocks", ""],
    [
      ["total", f((r) => r.interruptions!.total, "n")],
      ...PRIOS.map((p) => [`by prio ${p}`, f((r) => r.interruptions!.byPriority[p], "n")]),
      ...(value.interruptions.calendarEvents === undefined
        ? []
        : [["gave way to dated events", f((r) => r.interruptions!.calendarEvents ?? 0, "n")]]),
      ["per 100 planned hours", f((r) => r.interruptions!.per100PlannedHours, "x")]
    ]
  )
}

/**
 * One line when calls were never dispatched, so an overloaded run cannot be read off its (censored) waits alone.
 * Undefined when every call that needed a patrol got one, or when dispatches were not measured.
 */
export const undispatchedNote = (value: Body): string | undefined => {
  let never = 0,
    needing = 0
  for (const p of PRIOS) {
    const r = value.response[p]
    if (r.undispatched === null || r.n === null) return undefined
    never += r.undispatched
    needing += r.n
  }
  if (never === 0) return undefined
  const byPrio = PRIOS.map((p) => `prio ${p}: ${formatValue(value.response[p].undispatched, "n")}`).join(", ")
  return (
    `NEVER DISPATCHED: ${formatValue(never, "n")} of ${formatValue(needing, "n")} calls that needed a patrol ` +
    `(${formatValue(never / needing, "%")}; ${byPrio}). Their waits so far are in the dispatch and arrival figures below, and none counts as within target.`
  )
}

const response = (value: Body, f: Figure<Body>) => {
  const row = (label: string, get: (r: Response) => number | null | undefined, unit: Unit) => [
    label,
    ...PRIOS.map((p) => f((r) => get(r.response[p]) ?? null, unit))
  ]
  const dispatch = value.response["1"].n !== null
  const arrival = value.response["1"].arrived !== null
  const rows = [
    row("incidents registered", (r) => r.count, "n"),
    row("handled another way", (r) => r.handledOtherwise ?? 0, "n"),
    ...(dispatch
      ? [
          row("never dispatched (no patrol by the end)", (r) => r.undispatched, "n"),
          row("figures below over n calls (dispatched + never)", (r) => r.n, "n"),
          ["target, min", ...PRIOS.map((p) => formatValue(value.response[p].targetMinutes, "n"))],
          row("dispatched within target", (r) => r.withinTarget, "%"),
          row("mean dispatch, min", (r) => r.meanDispatchMinutes, "min"),
          row("p50 dispatch, min", (r) => r.p50DispatchMinutes, "min"),
          row("p90 dispatch, min", (r) => r.p90DispatchMinutes, "min"),
          row("p99 dispatch, min", (r) => r.p99DispatchMinutes, "min")
        ]
      : []),
    ...(arrival
      ? [
          row("patrol on scene", (r) => r.arrived, "n"),
          row("on scene within target", (r) => r.arrivedWithinTarget, "%"),
          row("mean arrival, min", (r) => r.meanArrivalMinutes, "min"),
          row("p50 arrival, min", (r) => r.p50ArrivalMinutes, "min"),
          row("p90 arrival, min", (r) => r.p90ArrivalMinutes, "min"),
          row("p99 arrival, min", (r) => r.p99ArrivalMinutes, "min")
        ]
      : [])
  ]
  const missing = [
    dispatch ? undefined : notMeasured("dispatch:", "dispatch"),
    arrival ? undefined : notMeasured("arrival:", "arrival")
  ]
    .filter((s): s is string => s !== undefined)
    .map((s) => s.replace("\n", " "))
  const note = undispatchedNote(value)
  return [
    ...(note === undefined ? [] : [note]),
    tableOf(["Response (registered → patrol ordered → on scene)", "prio 1", "prio 2", "prio 3"], rows),
    ...missing
  ]
}

const timeUse = (view: ReportView) => {
  if (view.value.timeUse === null) return notMeasured("Time use, hours on duty", "timeUse")
  const f = figure<Body>(view.value, view.halfWidth)
  type T = NonNullable<Body["timeUse"]>["byKind"]["igv"]
  const row = (label: string, get: (t: T) => number | null, unit: Unit) => [
    label,
    f((r) => get(r.timeUse!), unit),
    f((r) => get(r.timeUse!.byKind.igv), unit),
    f((r) => get(r.timeUse!.byKind.community), unit)
  ]
  const work = view.value.timeUse.taskHours !== undefined
  return tableOf(
    ["Time use, hours on duty", "all", "IGV patrols", "community officers"],
    [
      row("prio 1 jobs", (t) => t.prio1Hours, "h"),
      row("prio 2 jobs", (t) => t.prio2Hours, "h"),
      row("prio 3 jobs", (t) => t.prio3Hours, "h"),
      row("planned blocks", (t) => t.plannedHours, "h"),
      ...(view.value.timeUse.calendarEventHours === undefined
        ? []
        : [row("dated events (operations, special events, kommenderingar)", (t) => t.calendarEventHours ?? 0, "h")]),
      ...(work
        ? [
            row("tasks (group chief's list)", (t) => t.taskHours ?? 0, "h"),
            row("  led line work (blocks + tasks)", (t) => t.ledLineHours ?? 0, "h"),
            row("briefing", (t) => t.briefingHours ?? 0, "h"),
            row("meals", (t) => t.mealHours ?? 0, "h"),
            row("report writing", (t) => t.reportWritingHours ?? 0, "h"),
            row("transports", (t) => t.transportHours ?? 0, "h"),
            row("free, unled", (t) => t.freeHours, "h"),
            row("  self-initiated prevention (assumed share)", (t) => t.selfInitiatedHours ?? null, "h"),
            row("  standby, waiting for jobs", (t) => t.standbyHours ?? null, "h")
          ]
        : [row("free (base assignment, waiting)", (t) => t.freeHours, "h")]),
      row("total on duty", (t) => t.totalHours, "h"),
      row("prio 1+2 share", (t) => t.prio12Share, "%")
    ]
  )
}

/** A part of the report a run may not have (tasks, community officers' shifts): its table, or none. */
type OptionalPart = "tasks" | "communityOfficers"
type PartRow<K extends OptionalPart> = (
  label: string,
  get: (part: NonNullable<Report[K]>) => number | null,
  unit: Unit
) => ReadonlyArray<string>

const optionalPart = <K extends OptionalPart>(
  view: ReportView,
  key: K,
  title: string,
  rows: (row: PartRow<K>) => ReadonlyArray<ReadonlyArray<string>>
) => {
  if (!(key in view.value) || (view.value as Report)[key] === undefined) return undefined
  const f = figure<Report>(view.value as Report, view.halfWidth)
  const row: PartRow<K> = (label, get, unit) => [
    label,
    f((r) => {
      const part = r[key]
      return part === undefined ? null : get(part as NonNullable<Report[K]>)
    }, unit)
  ]
  return tableOf([title, ""], rows(row))
}

/** The group chief's tasks, when the scenario hands any out. */
const tasks = (view: ReportView) =>
  optionalPart(view, "tasks", "Tasks (the group chief's list)", (row) => [
    row("assigned at duty start", (t) => t.assigned, "n"),
    row("completed", (t) => t.completed, "n"),
    row("abandoned (duty ended, or not resumed)", (t) => t.abandoned, "n"),
    row("assigned hours", (t) => t.assignedHours, "h"),
    row("worked hours", (t) => t.workedHours, "h"),
    row("worked / assigned", (t) => t.survival, "%"),
    row("interrupted by calls", (t) => t.interruptions.total, "n"),
    ...PRIOS.map((p) => row(`  by prio ${p}`, (t) => t.interruptions.byPriority[p], "n"))
  ])

/** Community officers' rostered time, the shifts taken from it and the own-mission share, when shifts are taken. */
const communityOfficers = (view: ReportView) =>
  optionalPart(view, "communityOfficers", "Community officers' rostered time", (row) => [
    row("rostered hours", (c) => c.rosteredHours, "h"),
    row("  on duty in the community pool", (c) => c.onDutyHours, "h"),
    row("    own mission (less calls, their reports and transports, dated events)", (c) => c.ownMissionHours, "h"),
    row("  shifts taken into the area's IGV", (c) => c.shiftsTaken.igv.hours, "h"),
    row("  shifts taken into a neighbour's IGV", (c) => c.shiftsTaken.neighbourIgv.hours, "h"),
    row("  shifts taken into other duties", (c) => c.shiftsTaken.otherDuty.hours, "h"),
    row("  absent, not covered", (c) => c.absences.uncovered.hours, "h"),
    row("absent, covered by a substitute (on duty above)", (c) => c.absences.covered.hours, "h"),
    row("own-mission share of rostered time", (c) => c.ownMissionShare, "%")
  ])

const byArea = (view: ReportView) => {
  const areas = Object.keys(view.value.byArea).sort()
  if (areas.length === 0) return undefined
  return tableOf(
    [
      "By area",
      "planned h",
      "unstaffed h",
      "delivered h",
      "survival",
      "interruptions",
      "never dispatched",
      "prio 1 in target",
      "prio 2 in target",
      "prio 1+2 share"
    ],
    areas.map((area) => {
      const f = figure<Body>(view.value.byArea[area]!, view.halfWidth?.byArea[area])
      const undispatched = (r: Body) => {
        const counts = PRIOS.map((p) => r.response[p].undispatched)
        return counts.some((c) => c === null) ? null : counts.reduce((a, b) => a! + b!, 0)
      }
      return [
        area,
        f((r) => r.lineTime?.plannedHours ?? null, "h"),
        f((r) => r.lineTime?.unstaffedHours ?? null, "h"),
        f((r) => r.lineTime?.deliveredHours ?? null, "h"),
        f((r) => r.lineTime?.survival ?? null, "%"),
        f((r) => r.interruptions?.total ?? null, "n"),
        f(undispatched, "n"),
        f((r) => r.response["1"].withinTarget, "%"),
        f((r) => r.response["2"].withinTarget, "%"),
        f((r) => r.timeUse?.prio12Share ?? null, "%")
      ]
    }),
    [0]
  )
}

const byTag = (view: ReportView) => {
  if (view.value.byTag.length === 0) return undefined
  return tableOf(
    ["By tag (e.g. citizen promise)", "planned h", "unstaffed h", "delivered h", "survival"],
    view.value.byTag.map((t, i) => {
      const hw = view.halfWidth?.byTag[i]
      const f = figure(t, hw?.tag === t.tag ? hw : undefined)
      return [
        t.tag,
        f((x) => x.plannedHours, "h"),
        f((x) => x.unstaffedHours, "h"),
        f((x) => x.deliveredHours, "h"),
        f((x) => x.survival, "%")
      ]
    }),
    [0]
  )
}

/** For a recorded window: which event kinds it holds and which figure groups it cannot measure. */
const coverage = (value: Report | HistoryReport) => {
  if (!("eventKinds" in value)) return undefined
  const kinds = Object.entries(value.eventKinds).map(([kind, n]) => `${kind} ${n}`)
  return [
    `event kinds in the window: ${kinds.length === 0 ? "none" : kinds.join(", ")}`,
    value.missing.length === 0
      ? "every figure group has its events"
      : `not measured (their events are absent from the window): ${value.missing.join(", ")}`
  ].join("\n")
}

/** The report's blocks: line time, interruptions, response per priority, time use, by area, by tag. */
export const reportBlocks = (title: string, view: ReportView): ReadonlyArray<Block> => {
  const f = figure<Body>(view.value, view.halfWidth)
  return [
    title,
    coverage(view.value),
    lineTime(view.value, f),
    segments(view),
    interruptions(view.value, f),
    tasks(view),
    communityOfficers(view),
    ...response(view.value, f),
    timeUse(view),
    byArea(view),
    byTag(view)
  ].filter((b): b is Block => b !== undefined)
}

/** The readable report. */
export const reportTable = (title: string, view: ReportView, lang: Lang = "en"): string =>
  textBlocks(reportBlocks(title, view), lang)
