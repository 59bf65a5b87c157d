import type { IgvEvent, PatrolKind } from "@igv/domain"
import {
  BRIEFING,
  CALENDAR,
  FREE,
  MEAL,
  ON_DUTY,
  PLANNED,
  PRIO1,
  PRIO2,
  PRIO3,
  REPORT_WRITING,
  TASK,
  TRANSPORT,
  blockActivity,
  commitment,
  jobEnded,
  jobStarted,
  minutesAt,
  newClock,
  patrolWorkClock,
  shiftEnded,
  startDuty
} from "./patrol-time.js"
import type { PatrolClock } from "./patrol-time.js"
import type { Projection } from "./projection.js"

/** One patrol slot's time use over the feed, in minutes. */
export interface PatrolTimeRecord {
  readonly patrol: string
  readonly area: string
  readonly kind: PatrolKind
  readonly prio1Minutes: number
  readonly prio2Minutes: number
  readonly prio3Minutes: number
  readonly plannedMinutes: number
  readonly freeMinutes: number
  /** On dated events (operations, special events, kommenderingar). */
  readonly calendarEventMinutes: number
  /** On the group chief's tasks, and time around jobs. */
  readonly taskMinutes: number
  readonly briefingMinutes: number
  readonly mealMinutes: number
  readonly reportWritingMinutes: number
  readonly transportMinutes: number
  /** Measured from duty start to duty end on its own; the categories above sum to it. */
  readonly onDutyMinutes: number
}

interface State {
  lastT: number
  readonly patrols: Map<string, PatrolClock>
  /** Which patrol holds each block, and whether the block is active. */
  readonly blocks: Map<string, { readonly clock: PatrolClock; active: boolean }>
  readonly incidentArea: Map<string, string>
  readonly workingTasks: Set<string>
}

const clockOf = (s: State, patrol: string, area: string, kind: PatrolKind = "igv"): PatrolClock => {
  let c = s.patrols.get(patrol)
  if (c === undefined) {
    c = newClock(patrol, area, kind)
    s.patrols.set(patrol, c)
  }
  return c
}

/**
 * Time use per patrol slot: the same clock the report aggregates by area and kind, exposed so
 * that time conservation can be checked patrol by patrol.
 */
export const patrolTimeLog: Projection<unknown, ReadonlyArray<PatrolTimeRecord>> = {
  initial: (): State => ({
    lastT: 0,
    patrols: new Map(),
    blocks: new Map(),
    incidentArea: new Map(),
    workingTasks: new Set()
  }),
  evolve: (state, e: IgvEvent) => {
    const s = state as State
    s.lastT = e.t
    switch (e._tag) {
      case "ShiftStarted": {
        const c = clockOf(s, e.patrol, e.area, e.kind)
        if (!c.onDuty) {
          c.area = e.area
          c.kind = e.kind
        }
        startDuty(c, e.t)
        break
      }
      case "ShiftEnded": {
        const c = s.patrols.get(e.patrol)
        if (c !== undefined) shiftEnded(c, e.t)
        break
      }
      case "IncidentRegistered":
        s.incidentArea.set(e.incident, e.area)
        break
      case "PatrolDispatched":
        jobStarted(clockOf(s, e.patrol, s.incidentArea.get(e.incident) ?? "unknown"), e.incident, e.prio, e.t)
        break
      case "PatrolCleared":
      case "PatrolRecalled": {
        const c = s.patrols.get(e.patrol)
        if (c !== undefined) jobEnded(c, e.incident, e.t)
        if (e._tag === "PatrolCleared") s.incidentArea.delete(e.incident)
        break
      }
      case "IncidentHandledOtherwise":
        s.incidentArea.delete(e.incident)
        break
      case "PatrolOnScene":
        break
      case "PlannedBlockStarted": {
        const clock = clockOf(s, e.patrol, e.area)
        const old = s.blocks.get(e.block)
        if (old?.active === true) blockActivity(old.clock, -1, e.t)
        s.blocks.set(e.block, { clock, active: true })
        blockActivity(clock, 1, e.t)
        break
      }
      case "PlannedBlockInterrupted":
      case "PlannedBlockGaveWay":
      case "PlannedBlockCompleted":
      case "PlannedBlockAbandoned": {
        const b = s.blocks.get(e.block)
        if (b === undefined) break
        if (b.active) {
          b.active = false
          blockActivity(b.clock, -1, e.t)
        }
        if (e._tag === "PlannedBlockCompleted" || e._tag === "PlannedBlockAbandoned") s.blocks.delete(e.block)
        break
      }
      case "PatrolCommitted":
      case "PatrolReleased": {
        const c = s.patrols.get(e.patrol)
        if (c !== undefined) commitment(c, e._tag === "PatrolCommitted" ? 1 : -1, e.t)
        break
      }
      case "PlannedBlockResumed": {
        const b = s.blocks.get(e.block)
        if (b === undefined || b.active) break
        b.active = true
        blockActivity(b.clock, 1, e.t)
        break
      }
      default:
        patrolWorkClock((patrol) => clockOf(s, patrol, "unknown"), s.workingTasks, e)
    }
    return s
  },
  finish: (state) => {
    const s = state as State
    return [...s.patrols.values()]
      .sort((a, b) => (a.patrol < b.patrol ? -1 : a.patrol > b.patrol ? 1 : 0))
      .map((c) => {
        const m = minutesAt(c, s.lastT)
        return {
          patrol: c.patrol,
          area: c.area,
          kind: c.kind,
          prio1Minutes: m[PRIO1]!,
          prio2Minutes: m[PRIO2]!,
          prio3Minutes: m[PRIO3]!,
          plannedMinutes: m[PLANNED]!,
          freeMinutes: m[FREE]!,
          calendarEventMinutes: m[CALENDAR]!,
          taskMinutes: m[TASK]!,
          briefingMinutes: m[BRIEFING]!,
          mealMinutes: m[MEAL]!,
          reportWritingMinutes: m[REPORT_WRITING]!,
          transportMinutes: m[TRANSPORT]!,
          onDutyMinutes: m[ON_DUTY]!
        }
      })
  }
}
