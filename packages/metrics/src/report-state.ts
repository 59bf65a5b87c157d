import { TARGET_MINUTES } from "@igv/domain"
import type { PatrolKind } from "@igv/domain"
import type { LocalHours } from "./local-hours.js"
import { OpenIncidents } from "./open-incidents.js"
import { newClock } from "./patrol-time.js"
import type { PatrolClock } from "./patrol-time.js"
import { type OpenTask, type TaskAcc, newTaskAcc } from "./report-tasks.js"
import { type CommunityShiftAcc, newCommunityShiftAcc } from "./report-community.js"
import { SampleBuffer } from "./stats.js"

// The report's accumulators: per area (figures add up over areas at finish), per tag, and the
// open incidents, blocks and patrol clocks the feed is in the middle of.

export interface ResponseAcc {
  registered: number
  handledOtherwise: number
  recalled: number
  /** Registration to first dispatch, per incident that got a patrol. */
  readonly waits: SampleBuffer
  withinTarget: number
  /** Registration to first patrol on scene, per incident that had one. */
  readonly arrivals: SampleBuffer
  arrivedWithinTarget: number
}

/** Index of each reason in the unstaffed-minutes arrays. */
export const UNSTAFFED_REASONS = ["nobodyOnDuty", "reserve", "tooFewPatrols"] as const
export const reasonIndex = (reason: (typeof UNSTAFFED_REASONS)[number]): number => UNSTAFFED_REASONS.indexOf(reason)

export interface AreaAcc {
  readonly area: string
  /** Staffed and unstaffed, inside the horizon. */
  plannedMinutes: number
  /** Planned minutes no patrol was given, by reason (UNSTAFFED_REASONS). */
  readonly unstaffedMinutes: Float64Array
  blocksUnstaffed: number
  /** Planned minutes past the horizon's end: in no other figure. */
  beyondHorizonMinutes: number
  deliveredMinutes: number
  blocksPlanned: number
  blocksUninterrupted: number
  blocksInterrupted: number
  blocksAbandoned: number
  blocksStartedLate: number
  /** Planned minutes before a late block began (its patrol still on a job at the scheduled start). */
  lateStartMinutes: number
  readonly segments: SampleBuffer
  /** Interruptions by priority 1..3 (index 0..2). */
  readonly interruptions: Float64Array
  /** Blocks that gave way to a dated event. */
  gaveWay: number
  /** Interruptions by local hour of day. */
  readonly interruptionsByHour: Float64Array
  /** Planned and delivered block minutes by local hour of day (a block's plan is spread when it ends). */
  readonly plannedByHour: Float64Array
  readonly deliveredByHour: Float64Array
  readonly response: readonly [ResponseAcc, ResponseAcc, ResponseAcc]
  readonly tasks: TaskAcc
  readonly communityShifts: CommunityShiftAcc
}

export interface TagAcc {
  readonly tag: string
  plannedMinutes: number
  readonly unstaffedMinutes: Float64Array
  deliveredMinutes: number
  blocksPlanned: number
  blocksUninterrupted: number
}

export interface BlockAcc {
  readonly clock: PatrolClock
  readonly area: AreaAcc
  readonly tag: TagAcc | undefined
  /** When the block was scheduled to start: its actual start minus `delayedMinutes`. */
  readonly scheduledStart: number
  readonly plannedMinutes: number
  active: boolean
  segmentStart: number
  interruptions: number
  /** Minutes delivered in closed segments: a block that delivered nothing never ran. */
  delivered: number
}

export interface State {
  events: number
  lastT: number
  readonly areas: Map<string, AreaAcc>
  readonly tags: Map<string, TagAcc>
  readonly patrols: Map<string, PatrolClock>
  /** The same clocks by the simulator's patrol key (see EventSink), once a call has given it. */
  readonly patrolsByKey: Array<PatrolClock | undefined>
  readonly incidents: OpenIncidents
  readonly blocks: Map<string, BlockAcc>
  readonly hours: LocalHours
  /** The end of a simulated run's horizon: planned time past it is kept apart. Infinity for a recorded feed. */
  readonly horizonEnd: number
  /** The feed has dated events: the report then shows their time and interruptions, even where they are 0. */
  calendarEvents: boolean
  /** Tasks handed out and not yet completed or abandoned; tasks being worked (for the patrol clocks). */
  readonly tasks: Map<string, OpenTask>
  readonly workingTasks: Set<string>
  /** Task or time-around-jobs events were folded: the report shows their figures even without the option. */
  patrolWorkSeen: boolean
  /** Community shifts taken or absences were folded: the report shows the community officers' figures. */
  communityShiftsSeen: boolean
}

export const newResponse = (): ResponseAcc => ({
  registered: 0,
  handledOtherwise: 0,
  recalled: 0,
  waits: new SampleBuffer(),
  withinTarget: 0,
  arrivals: new SampleBuffer(),
  arrivedWithinTarget: 0
})

export const newArea = (area: string): AreaAcc => ({
  area,
  plannedMinutes: 0,
  unstaffedMinutes: new Float64Array(3),
  blocksUnstaffed: 0,
  beyondHorizonMinutes: 0,
  deliveredMinutes: 0,
  blocksPlanned: 0,
  blocksUninterrupted: 0,
  blocksInterrupted: 0,
  blocksAbandoned: 0,
  blocksStartedLate: 0,
  lateStartMinutes: 0,
  segments: new SampleBuffer(),
  interruptions: new Float64Array(3),
  gaveWay: 0,
  interruptionsByHour: new Float64Array(24),
  plannedByHour: new Float64Array(24),
  deliveredByHour: new Float64Array(24),
  response: [newResponse(), newResponse(), newResponse()],
  tasks: newTaskAcc(),
  communityShifts: newCommunityShiftAcc()
})

export const newTag = (tag: string): TagAcc => ({
  tag,
  plannedMinutes: 0,
  unstaffedMinutes: new Float64Array(3),
  deliveredMinutes: 0,
  blocksPlanned: 0,
  blocksUninterrupted: 0
})

export const tagOf = (s: State, tag: string): TagAcc => {
  let t = s.tags.get(tag)
  if (t === undefined) {
    t = newTag(tag)
    s.tags.set(tag, t)
  }
  return t
}

export const areaOf = (s: State, area: string): AreaAcc => {
  let a = s.areas.get(area)
  if (a === undefined) {
    a = newArea(area)
    s.areas.set(area, a)
  }
  return a
}

export const clockOf = (s: State, patrol: string, area: string, kind: PatrolKind = "igv"): PatrolClock => {
  let c = s.patrols.get(patrol)
  if (c === undefined) {
    c = newClock(patrol, area, kind)
    s.patrols.set(patrol, c)
    areaOf(s, area)
  }
  return c
}

/** The patrol's clock (a new one in `area` if the feed has not named the patrol before), by its key when the call gives one. */
export const keyedClockOf = (s: State, patrol: string, key: number | undefined, area: string): PatrolClock =>
  key === undefined ? clockOf(s, patrol, area) : (s.patrolsByKey[key] ??= clockOf(s, patrol, area))

/** The patrol's clock if the feed has named the patrol before, by its key when the call gives one. */
export const knownClockOf = (s: State, patrol: string, key: number | undefined): PatrolClock | undefined =>
  (key === undefined ? undefined : s.patrolsByKey[key]) ?? s.patrols.get(patrol)

export const TARGETS = [TARGET_MINUTES[1], TARGET_MINUTES[2], TARGET_MINUTES[3]] as const

export const newState = (hours: LocalHours, horizonEnd: number): State => ({
  events: 0,
  lastT: Number.NEGATIVE_INFINITY,
  areas: new Map(),
  tags: new Map(),
  patrols: new Map(),
  patrolsByKey: [],
  incidents: new OpenIncidents(),
  blocks: new Map(),
  hours,
  horizonEnd,
  calendarEvents: false,
  tasks: new Map(),
  workingTasks: new Set(),
  patrolWorkSeen: false,
  communityShiftsSeen: false
})
