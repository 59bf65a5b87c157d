import { Schema } from "effect"
import { isFiniteNumber, isMinLength, isNonNegative, isPositive } from "./checks.js"
import { AreaId, BlockId, IncidentId, PatrolId } from "./ids.js"
import { CalendarEventKind, PatrolKind, Priority } from "./priority.js"
import {
  PatrolActivityEnded,
  PatrolActivityStarted,
  TaskAbandoned,
  TaskAssigned,
  TaskCompleted,
  TaskPaused,
  TaskStarted
} from "./events-patrol-work.js"

/**
 * The RLC feed's facts, as recorded by the real dispatch system and as emitted by the simulator.
 * `at` is an ISO 8601 timestamp with offset on the wire; in memory every event carries `t`,
 * the same instant as minutes since the Unix epoch (see time.ts), so one projection folds both.
 */
/** Every number of the feed is finite: JSON's 1e999 parses to Infinity, which a store would keep as null. */
const finite = Schema.Number.check(isFiniteNumber)
const at = { t: finite }
/** The fields of a patrol's fact about one incident. */
const patrolAtIncident = { ...at, incident: IncidentId, patrol: PatrolId }
/** The fields of a fact about one patrol's share of a planned block. */
const patrolInBlock = { ...at, block: BlockId, patrol: PatrolId }
/** A community officer's whole shift in `area`, from `t`, `minutes` long. */
const communityShift = { ...at, area: AreaId, minutes: finite.check(isPositive) }

export const IncidentRegistered = Schema.TaggedStruct("IncidentRegistered", {
  ...at,
  incident: IncidentId,
  area: AreaId,
  prio: Priority,
  /** Time on scene once arrived; known for recorded incidents, drawn for synthetic ones. */
  onSceneMinutes: finite.check(isNonNegative),
  unitsNeeded: Schema.Literals([1, 2])
})
export type IncidentRegistered = typeof IncidentRegistered.Type

export const PatrolDispatched = Schema.TaggedStruct("PatrolDispatched", {
  ...patrolAtIncident,
  prio: Priority
})
export type PatrolDispatched = typeof PatrolDispatched.Type

export const PatrolOnScene = Schema.TaggedStruct("PatrolOnScene", patrolAtIncident)
export type PatrolOnScene = typeof PatrolOnScene.Type

export const PatrolCleared = Schema.TaggedStruct("PatrolCleared", patrolAtIncident)
export type PatrolCleared = typeof PatrolCleared.Type

/** A prio-1 call took a patrol off a lower-priority job; the job waits for another patrol. */
export const PatrolRecalled = Schema.TaggedStruct("PatrolRecalled", {
  ...patrolAtIncident,
  byIncident: IncidentId
})
export type PatrolRecalled = typeof PatrolRecalled.Type

/** Prio 3 resolved by desk or phone, without a patrol. */
export const IncidentHandledOtherwise = Schema.TaggedStruct("IncidentHandledOtherwise", {
  ...at,
  incident: IncidentId
})
export type IncidentHandledOtherwise = typeof IncidentHandledOtherwise.Type

export const ShiftStarted = Schema.TaggedStruct("ShiftStarted", {
  ...at,
  patrol: PatrolId,
  area: AreaId,
  kind: PatrolKind
})
export type ShiftStarted = typeof ShiftStarted.Type

export const ShiftEnded = Schema.TaggedStruct("ShiftEnded", {
  ...at,
  patrol: PatrolId
})
export type ShiftEnded = typeof ShiftEnded.Type

export const PlannedBlockStarted = Schema.TaggedStruct("PlannedBlockStarted", {
  ...patrolInBlock,
  area: AreaId,
  plannedMinutes: finite.check(isPositive),
  /** E.g. a citizen-promise (medborgarlöfte) id. */
  tag: Schema.optionalKey(Schema.String),
  /** Minutes after its scheduled start that the block began, because its patrol was still on a job. */
  delayedMinutes: Schema.optionalKey(finite.check(isNonNegative))
})
export type PlannedBlockStarted = typeof PlannedBlockStarted.Type

export const PlannedBlockInterrupted = Schema.TaggedStruct("PlannedBlockInterrupted", {
  ...patrolInBlock,
  incident: IncidentId,
  prio: Priority
})
export type PlannedBlockInterrupted = typeof PlannedBlockInterrupted.Type

export const PlannedBlockResumed = Schema.TaggedStruct("PlannedBlockResumed", patrolInBlock)
export type PlannedBlockResumed = typeof PlannedBlockResumed.Type

/** The block reached its planned end (whether or not all of it was delivered). */
export const PlannedBlockCompleted = Schema.TaggedStruct("PlannedBlockCompleted", patrolInBlock)
export type PlannedBlockCompleted = typeof PlannedBlockCompleted.Type

/** An interrupted block that will not resume: the remnant is too short, or the rules do not resume. */
export const PlannedBlockAbandoned = Schema.TaggedStruct("PlannedBlockAbandoned", patrolInBlock)
export type PlannedBlockAbandoned = typeof PlannedBlockAbandoned.Type

/** Why planned time found no patrol: none of its kind on duty, the reserve held them back, or fewer free of other blocks than it asks for. */
export const UnstaffedReason = Schema.Literals(["nobodyOnDuty", "reserve", "tooFewPatrols"])
export type UnstaffedReason = typeof UnstaffedReason.Type

/**
 * Planned time no patrol was given: one patrol's share of a block (or the rest of a block whose patrol went off
 * duty) at its scheduled start, so the plan is still counted. Never delivered; it counts against survival.
 */
export const PlannedBlockUnstaffed = Schema.TaggedStruct("PlannedBlockUnstaffed", {
  ...at,
  block: BlockId,
  area: AreaId,
  kind: PatrolKind,
  plannedMinutes: finite.check(isPositive),
  tag: Schema.optionalKey(Schema.String),
  reason: UnstaffedReason
})
export type PlannedBlockUnstaffed = typeof PlannedBlockUnstaffed.Type

/** The patrol is taken by a dated event (its occurrence `calendarEvent`) until `PatrolReleased`: neither free nor in planned work. */
export const PatrolCommitted = Schema.TaggedStruct("PatrolCommitted", {
  ...at,
  patrol: PatrolId,
  calendarEvent: Schema.String.check(isMinLength(1)),
  kind: CalendarEventKind
})
export type PatrolCommitted = typeof PatrolCommitted.Type

export const PatrolReleased = Schema.TaggedStruct("PatrolReleased", {
  ...at,
  patrol: PatrolId,
  calendarEvent: Schema.String.check(isMinLength(1))
})
export type PatrolReleased = typeof PatrolReleased.Type

/** The patrol leaves its planned block for a dated event that interrupts planned work (the work "had to give way"). */
export const PlannedBlockGaveWay = Schema.TaggedStruct("PlannedBlockGaveWay", {
  ...patrolInBlock,
  calendarEvent: Schema.String.check(isMinLength(1))
})
export type PlannedBlockGaveWay = typeof PlannedBlockGaveWay.Type

/**
 * A community officer's whole shift (from `t`, `minutes` long) taken from the mission in `area`: into that area's
 * IGV (`igv`), a neighbouring area's (`neighbourIgv`, `toArea`) or another duty (`otherDuty`, `duty`). Into IGV,
 * the shift is worked as one more IGV patrol of `toArea`; in every case the officer is off the community roster.
 */
export const CommunityShiftTaken = Schema.TaggedStruct("CommunityShiftTaken", {
  ...communityShift,
  into: Schema.Literals(["igv", "neighbourIgv", "otherDuty"]),
  toArea: Schema.optionalKey(AreaId),
  duty: Schema.optionalKey(Schema.String)
})
export type CommunityShiftTaken = typeof CommunityShiftTaken.Type

/** A community officer of `area` away for a whole shift; `covered`: a substitute works it, so the mission goes on. */
export const CommunityOfficerAbsent = Schema.TaggedStruct("CommunityOfficerAbsent", {
  ...communityShift,
  reason: Schema.Literals(["training", "meeting", "leave"]),
  covered: Schema.Boolean
})
export type CommunityOfficerAbsent = typeof CommunityOfficerAbsent.Type

/** Every event kind of the feed, by its tag. */
export const EVENT_SCHEMAS = {
  IncidentRegistered,
  PatrolDispatched,
  PatrolOnScene,
  PatrolCleared,
  PatrolRecalled,
  IncidentHandledOtherwise,
  ShiftStarted,
  ShiftEnded,
  PlannedBlockStarted,
  PlannedBlockInterrupted,
  PlannedBlockResumed,
  PlannedBlockCompleted,
  PlannedBlockAbandoned,
  PlannedBlockUnstaffed,
  PatrolCommitted,
  PatrolReleased,
  PlannedBlockGaveWay,
  TaskAssigned,
  TaskStarted,
  TaskPaused,
  TaskCompleted,
  TaskAbandoned,
  PatrolActivityStarted,
  PatrolActivityEnded,
  CommunityShiftTaken,
  CommunityOfficerAbsent
} as const

export const IgvEvent = Schema.Union(Object.values(EVENT_SCHEMAS))
export type IgvEvent = typeof IgvEvent.Type
export type IgvEventType = IgvEvent["_tag"]

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as ReadonlyArray<IgvEventType>
