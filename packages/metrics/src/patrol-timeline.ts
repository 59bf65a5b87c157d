import type { IgvEvent, PatrolKind, Priority, UnstaffedReason } from "@igv/domain"
import { interruptionLogIn, segmentLog, type InterruptionRecord } from "./logs.js"
import { combine, type Projection } from "./projection.js"

/** Which patrols and which stretch of time a timeline shows; records that overlap [from, to) are kept. */
export interface TimelineFilter {
  readonly patrols?: ReadonlyArray<string>
  readonly area?: string
  readonly from?: number
  readonly to?: number
}

export interface ShiftRecord {
  readonly patrol: string
  readonly area: string
  readonly kind: PatrolKind
  readonly startT: number
  /** The shift's end (after the last job it was on when it was due to end), or the feed's last event while it is still on. */
  readonly endT: number
}

/** One uninterrupted stretch of a planned block, with the block's tag. */
export interface BlockStretch {
  readonly patrol: string
  readonly block: string
  readonly tag?: string
  readonly startT: number
  readonly endT: number
}

/** A planned block as scheduled (one per patrol asked for): given to a patrol, or unstaffed (no patrol, with why). */
export interface PlannedRecord {
  readonly block: string
  readonly area: string
  readonly patrol?: string
  readonly tag?: string
  /** The scheduled start and end, whether it started late or not at all. */
  readonly startT: number
  readonly endT: number
  readonly unstaffed?: UnstaffedReason
}

/** One patrol's part in one call: the call's registration and this patrol's dispatch, arrival and clearing. */
export interface JobRecord {
  readonly patrol: string
  readonly incident: string
  readonly prio: Priority
  /** The call's area, whose rules it follows; absent when the feed holds no registration of the call. */
  readonly area?: string
  /** When the call was registered; absent when the feed holds no registration of it. */
  readonly registeredT?: number
  readonly dispatchedT: number
  readonly onSceneT?: number
  /** Cleared, or recalled to a more urgent call (`recalled`); absent while still on it at the feed's end. */
  readonly clearedT?: number
  readonly recalled?: true
  /** Where the bar ends: cleared, recalled, or the feed's last event. */
  readonly endT: number
}

/** An interruption with the call that caused it (this patrol's job on it). */
export interface TimelineInterruption extends InterruptionRecord {
  readonly call?: JobRecord
}

export interface PatrolTimeline {
  readonly patrols: ReadonlyArray<{ readonly patrol: string; readonly area: string; readonly kind: PatrolKind }>
  readonly shifts: ReadonlyArray<ShiftRecord>
  readonly planned: ReadonlyArray<PlannedRecord>
  readonly blocks: ReadonlyArray<BlockStretch>
  readonly jobs: ReadonlyArray<JobRecord>
  readonly interruptions: ReadonlyArray<TimelineInterruption>
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface State {
  lastT: number
  readonly registered: Map<string, { readonly t: number; readonly area: string }>
  readonly tags: Map<string, string>
  readonly planned: Array<PlannedRecord>
  readonly openShifts: Map<string, Mutable<ShiftRecord>>
  /** Shifts due to end that wait for their patrol's jobs to clear (as the time-use clock counts them). */
  readonly ending: Set<string>
  readonly shifts: Array<Mutable<ShiftRecord>>
  /** Open jobs by patrol and incident. */
  readonly openJobs: Map<string, Mutable<JobRecord>>
  readonly jobs: Array<Mutable<JobRecord>>
}

const jobKey = (patrol: string, incident: string) => `${patrol}\u0000${incident}`

const openJobsOf = (s: State, patrol: string): boolean => {
  for (const job of s.openJobs.values()) if (job.patrol === patrol) return true
  return false
}

const endShift = (s: State, patrol: string, t: number) => {
  const shift = s.openShifts.get(patrol)
  if (shift !== undefined) shift.endT = t
  s.openShifts.delete(patrol)
  s.ending.delete(patrol)
}

/** Shifts, block tags and jobs per patrol; blocks and interruptions come from the segment and interruption logs. */
const shiftsAndJobs: Projection<State, State> = {
  initial: () => ({
    lastT: 0,
    registered: new Map(),
    tags: new Map(),
    planned: [],
    openShifts: new Map(),
    ending: new Set(),
    shifts: [],
    openJobs: new Map(),
    jobs: []
  }),
  evolve: (s, e: IgvEvent) => {
    s.lastT = e.t
    switch (e._tag) {
      case "ShiftStarted": {
        if (s.openShifts.has(e.patrol)) break
        const shift = { patrol: e.patrol, area: e.area, kind: e.kind, startT: e.t, endT: Number.NaN }
        s.openShifts.set(e.patrol, shift)
        s.shifts.push(shift)
        break
      }
      case "ShiftEnded":
        if (openJobsOf(s, e.patrol)) s.ending.add(e.patrol)
        else endShift(s, e.patrol, e.t)
        break
      case "PlannedBlockStarted": {
        if (e.tag !== undefined) s.tags.set(e.block, e.tag)
        const startT = e.t - (e.delayedMinutes ?? 0)
        s.planned.push({
          block: e.block,
          area: e.area,
          patrol: e.patrol,
          ...(e.tag === undefined ? {} : { tag: e.tag }),
          startT,
          endT: startT + e.plannedMinutes
        })
        break
      }
      case "PlannedBlockUnstaffed":
        s.planned.push({
          block: e.block,
          area: e.area,
          ...(e.tag === undefined ? {} : { tag: e.tag }),
          startT: e.t,
          endT: e.t + e.plannedMinutes,
          unstaffed: e.reason
        })
        break
      case "IncidentRegistered":
        s.registered.set(e.incident, { t: e.t, area: e.area })
        break
      case "PatrolDispatched": {
        const registration = s.registered.get(e.incident)
        const job: Mutable<JobRecord> = {
          patrol: e.patrol,
          incident: e.incident,
          prio: e.prio,
          dispatchedT: e.t,
          endT: Number.NaN
        }
        if (registration !== undefined) {
          job.area = registration.area
          job.registeredT = registration.t
        }
        s.openJobs.set(jobKey(e.patrol, e.incident), job)
        s.jobs.push(job)
        break
      }
      case "PatrolOnScene": {
        const job = s.openJobs.get(jobKey(e.patrol, e.incident))
        if (job !== undefined && job.onSceneT === undefined) job.onSceneT = e.t
        break
      }
      case "PatrolCleared":
      case "PatrolRecalled": {
        const key = jobKey(e.patrol, e.incident)
        const job = s.openJobs.get(key)
        if (job === undefined) break
        job.clearedT = e.t
        job.endT = e.t
        if (e._tag === "PatrolRecalled") job.recalled = true
        s.openJobs.delete(key)
        // A recall is followed by the dispatch to the more urgent call: the shift goes on.
        if (e._tag === "PatrolCleared" && s.ending.has(e.patrol) && !openJobsOf(s, e.patrol)) endShift(s, e.patrol, e.t)
        break
      }
      default:
        break
    }
    return s
  },
  finish: (s) => s
}

/** In time order, ties by patrol (and incident): the same picture however same-time events were ordered. */
const byTime =
  <R extends { readonly patrol: string; readonly incident?: string }>(startOf: (r: R) => number) =>
  (a: R, b: R) =>
    startOf(a) - startOf(b) || order(a.patrol, b.patrol) || order(a.incident ?? "", b.incident ?? "")
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const overlaps = (f: TimelineFilter, startT: number, endT: number) =>
  (f.to === undefined || startT < f.to) &&
  (f.from === undefined || endT > f.from || (endT === startT && startT >= f.from))

/**
 * What a Gantt chart per patrol shows: shifts, the stretches of planned blocks, jobs by priority, and the
 * interruptions between them, each with its call. One pass over a replication's (or a stored window's) events.
 */
export const patrolTimeline = (filter: TimelineFilter = {}, timeZone?: string): Projection<unknown, PatrolTimeline> => {
  const parts = combine({ interruptions: interruptionLogIn(timeZone), segments: segmentLog, rest: shiftsAndJobs })
  return {
    initial: parts.initial,
    evolve: parts.evolve,
    finish: (state) => {
      const { interruptions, segments, rest } = parts.finish(state)
      const firstShift = new Map<string, ShiftRecord>()
      for (const shift of rest.shifts) if (!firstShift.has(shift.patrol)) firstShift.set(shift.patrol, shift)
      const wanted = (patrol: string) =>
        (filter.patrols === undefined || filter.patrols.includes(patrol)) &&
        (filter.area === undefined || firstShift.get(patrol)?.area === filter.area)
      const shifts = rest.shifts
        .map((sh) => (Number.isNaN(sh.endT) ? { ...sh, endT: rest.lastT } : { ...sh }))
        .filter((sh) => wanted(sh.patrol) && overlaps(filter, sh.startT, sh.endT))
        .sort(byTime((sh) => sh.startT))
      // Unstaffed blocks have no patrol: shown unless the timeline is of named patrols.
      const planned = rest.planned
        .filter(
          (p) =>
            (p.patrol === undefined
              ? filter.patrols === undefined && (filter.area === undefined || p.area === filter.area)
              : wanted(p.patrol)) && overlaps(filter, p.startT, p.endT)
        )
        .sort((a, b) => a.startT - b.startT || order(a.block, b.block) || order(a.patrol ?? "", b.patrol ?? ""))
      const allJobs: Array<JobRecord> = rest.jobs.map((j) =>
        Number.isNaN(j.endT) ? { ...j, endT: rest.lastT } : { ...j }
      )
      const jobs = allJobs
        .filter((j) => wanted(j.patrol) && overlaps(filter, j.dispatchedT, j.endT))
        .sort(byTime((j) => j.dispatchedT))
      const jobOf = new Map(allJobs.map((j) => [jobKey(j.patrol, j.incident), j]))
      const blocks = segments
        .filter((sg) => sg.minutes > 0 && wanted(sg.patrol) && overlaps(filter, sg.startT, sg.endT))
        .map((sg) => {
          const tag = rest.tags.get(sg.block)
          return {
            patrol: sg.patrol,
            block: sg.block,
            ...(tag === undefined ? {} : { tag }),
            startT: sg.startT,
            endT: sg.endT
          }
        })
        .sort(byTime((b) => b.startT))
      const kept = interruptions
        .filter((r) => wanted(r.patrol) && overlaps(filter, r.t, r.t + r.minutesLost))
        .map((r) => {
          const call = jobOf.get(jobKey(r.patrol, r.incident))
          return call === undefined ? r : { ...r, call }
        })
        .sort(byTime((r) => r.t))
      const patrols = [...new Set([...shifts, ...blocks, ...jobs].map((x) => x.patrol))].sort().map((patrol) => {
        const shift = firstShift.get(patrol)
        return { patrol, area: shift?.area ?? "unknown", kind: shift?.kind ?? ("igv" as const) }
      })
      return { patrols, shifts, planned, blocks, jobs, interruptions: kept }
    }
  }
}
