import { Schema } from "effect"
import { PatrolWorkTimeUse, TaskReport } from "./report-patrol-work.js"

/** A figure from one run, or with replications the mean and its 95 % confidence half-width. */
const Histogram = Schema.Array(
  Schema.Struct({
    /** Lower bound in minutes, inclusive. */
    fromMinutes: Schema.Finite,
    /** Upper bound in minutes, exclusive; null for the open last bin. */
    toMinutes: Schema.NullOr(Schema.Finite),
    count: Schema.Finite
  })
)

/** Figures over no data are `null` ("—" in text, "not measured" in history), never a made-up 0 or 100 %. */
const Figure = Schema.NullOr(Schema.Finite)

/** Planned hours no patrol was given, by why (see the `PlannedBlockUnstaffed` event). */
export const UnstaffedHours = Schema.Struct({
  /** No patrol of the block's kind on duty in its area. */
  nobodyOnDuty: Schema.Finite,
  /** Patrols on duty, but held back by the rules' reserve. */
  reserve: Schema.Finite,
  /** Fewer patrols on duty and free of other blocks than the block asks for. */
  tooFewPatrols: Schema.Finite
})

export const LineTimeReport = Schema.Struct({
  /** Everything planned inside the horizon: staffed + unstaffed. */
  plannedHours: Schema.Finite,
  /** Planned time given to a patrol. */
  staffedHours: Schema.Finite,
  /** Planned time no patrol was given; never delivered. */
  unstaffedHours: Schema.Finite,
  unstaffed: UnstaffedHours,
  /**
   * Planned time past the end of a simulated horizon (blocks that run over it): never simulated, so left out of
   * planned, unstaffed and survival, and named here so nothing planned disappears. 0 for a recorded feed; absent
   * in reports written before it was kept.
   */
  beyondHorizonHours: Schema.optionalKey(Schema.Finite),
  deliveredHours: Schema.Finite,
  /** delivered / planned, 0..1; null when nothing was planned. */
  survival: Figure,
  /** Blocks planned, one per patrol asked for: staffed + unstaffed. */
  blocksPlanned: Schema.Finite,
  blocksUnstaffed: Schema.Finite,
  /** Blocks that ran (some of the block was delivered) and were never interrupted. */
  blocksUninterrupted: Schema.Finite,
  /** Blocks that began late because their patrol was still on a job at the scheduled start. */
  blocksStartedLate: Schema.Finite,
  /** Planned time lost to late starts (part of planned − delivered). */
  lateStartHours: Schema.Finite,
  medianSegmentMinutes: Figure,
  segmentHistogram: Histogram
})

export const InterruptionReport = Schema.Struct({
  total: Schema.Finite,
  byPriority: Schema.Struct({ "1": Schema.Finite, "2": Schema.Finite, "3": Schema.Finite }),
  /** Null when nothing was planned. */
  per100PlannedHours: Figure,
  /** Blocks that gave way to a dated event (part of `total`); only when the run has dated events. */
  calendarEvents: Schema.optionalKey(Schema.Number)
})

/**
 * Per priority. Dispatch and arrival figures are over `n` = `dispatched` + `undispatched` calls: those still
 * waiting at the end enter with their wait so far, so an overloaded queue cannot look fast. Null when n = 0.
 */
export const ResponseReport = Schema.Struct({
  /** Calls registered, however they ended. */
  count: Schema.Finite,
  /** Calls a patrol was ordered to. */
  dispatched: Schema.Finite,
  /** Calls never given a patrol by the end (and not handled another way). */
  undispatched: Schema.Finite,
  /** Calls the dispatch and arrival figures are computed over: dispatched + undispatched. */
  n: Schema.Finite,
  targetMinutes: Schema.Finite,
  meanDispatchMinutes: Figure,
  p50DispatchMinutes: Figure,
  p90DispatchMinutes: Figure,
  p99DispatchMinutes: Figure,
  /** Share of the n calls ordered a patrol within the target. */
  withinTarget: Figure,
  /** Calls with a patrol on scene. */
  arrived: Schema.Finite,
  meanArrivalMinutes: Figure,
  p50ArrivalMinutes: Figure,
  p90ArrivalMinutes: Figure,
  p99ArrivalMinutes: Figure,
  /** Share of the n calls with a patrol on scene within the target (4 / 20 / 240 min). */
  arrivedWithinTarget: Figure,
  handledOtherwise: Schema.optionalKey(Schema.Finite)
})

export const TimeUse = Schema.Struct({
  prio1Hours: Schema.Finite,
  prio2Hours: Schema.Finite,
  prio3Hours: Schema.Finite,
  plannedHours: Schema.Finite,
  freeHours: Schema.Finite,
  totalHours: Schema.Finite,
  /** Share of on-duty time on prio 1 and 2: the report's 4–27 % figure; null with nobody on duty. */
  prio12Share: Figure,
  /** Time taken by dated events (operations, special events, kommenderingar); only when the run has them. */
  calendarEventHours: Schema.optionalKey(Schema.Number),
  ...PatrolWorkTimeUse.fields
})

export const TimeUseReport = Schema.Struct({
  ...TimeUse.fields,
  byKind: Schema.Struct({ igv: TimeUse, community: TimeUse })
})

const ShiftsAndHours = Schema.Struct({ shifts: Schema.Finite, hours: Schema.Finite })

/**
 * Community officers' rostered time and what took it (report 7.3–7.4); only when the run has community shifts
 * taken or absences. Rostered = on duty in the community pool + shifts taken + absences not covered.
 */
export const CommunityOfficerReport = Schema.Struct({
  rosteredHours: Schema.Finite,
  /** On duty in the community pool (overtime included). */
  onDutyHours: Schema.Finite,
  /** On duty in the pool, less calls (prio 1–3), their report writing and transports, and dated events. */
  ownMissionHours: Schema.Finite,
  /** ownMission / rostered: the report's 20 %, ~90 %, 56 %; null with nothing rostered. */
  ownMissionShare: Figure,
  shiftsTaken: Schema.Struct({ igv: ShiftsAndHours, neighbourIgv: ShiftsAndHours, otherDuty: ShiftsAndHours }),
  absences: Schema.Struct({ uncovered: ShiftsAndHours, covered: ShiftsAndHours })
})

export const ReportBody = Schema.Struct({
  lineTime: LineTimeReport,
  interruptions: InterruptionReport,
  response: Schema.Struct({ "1": ResponseReport, "2": ResponseReport, "3": ResponseReport }),
  timeUse: TimeUseReport,
  tasks: Schema.optionalKey(TaskReport),
  communityOfficers: Schema.optionalKey(CommunityOfficerReport)
})
export type ReportBody = typeof ReportBody.Type

export const TagReport = Schema.Struct({
  tag: Schema.String,
  /** staffed + unstaffed */
  plannedHours: Schema.Finite,
  staffedHours: Schema.Finite,
  unstaffedHours: Schema.Finite,
  unstaffed: UnstaffedHours,
  deliveredHours: Schema.Finite,
  /** delivered / planned; null when nothing was planned. */
  survival: Figure
})

export const Report = Schema.Struct({
  ...ReportBody.fields,
  byArea: Schema.Record(Schema.String, ReportBody),
  byTag: Schema.Array(TagReport),
  /** Events folded into this report. */
  events: Schema.Finite
})
export type Report = typeof Report.Type

/** With replications > 1: every numeric leaf of `mean` (over the replications where it is not null) has a 95 % confidence half-width at the same path in `halfWidth95`. */
export const ReplicatedReport = Schema.Struct({
  replications: Schema.Finite,
  mean: Report,
  halfWidth95: Report
})
export type ReplicatedReport = typeof ReplicatedReport.Type

/** Groups of figures a recorded window may lack the events for (see `HistoryReport.missing`). */
export const FigureGroup = Schema.Literals(["lineTime", "interruptions", "dispatch", "arrival", "timeUse"])
export type FigureGroup = typeof FigureGroup.Type

const HistoryResponse = Schema.Struct({
  ...ResponseReport.fields,
  dispatched: Figure,
  undispatched: Figure,
  n: Figure,
  arrived: Figure
})

export const HistoryBody = Schema.Struct({
  lineTime: Schema.NullOr(LineTimeReport),
  interruptions: Schema.NullOr(InterruptionReport),
  response: Schema.Struct({ "1": HistoryResponse, "2": HistoryResponse, "3": HistoryResponse }),
  timeUse: Schema.NullOr(TimeUseReport)
})
export type HistoryBody = typeof HistoryBody.Type

/**
 * The report of a recorded window. A store may hold only some event kinds (an incident-only feed has no
 * dispatches, shifts or blocks): each figure group whose events are absent is null ("not measured") and
 * named in `missing`, instead of reading as 0 % within target or 100 % survival.
 */
export const HistoryReport = Schema.Struct({
  ...HistoryBody.fields,
  byArea: Schema.Record(Schema.String, HistoryBody),
  byTag: Schema.Array(TagReport),
  events: Schema.Finite,
  /** Events in the window, by kind; only kinds present. */
  eventKinds: Schema.Record(Schema.String, Schema.Finite),
  /** Figure groups not measured, because the events they are folded from are absent from the window. */
  missing: Schema.Array(FigureGroup)
})
export type HistoryReport = typeof HistoryReport.Type
