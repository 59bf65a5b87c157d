import { formatInstant } from "@igv/domain"
import type { IgvEvent, PatrolKind, Priority } from "@igv/domain"
import type { Projection } from "./projection.js"

/** A stretch of a planned block taken away: by a call (`InterruptionRecord`) or a dated event (`GaveWayRecord`). */
interface BlockLoss {
  readonly t: number
  /** Local time with offset, when the log was made with a time zone. */
  readonly at?: string
  readonly area: string
  readonly patrol: string
  readonly patrolKind: PatrolKind
  readonly block: string
  /** Absent or `undefined` for an untagged block. */
  readonly tag?: string | undefined
  /**
   * Block time this interruption cost: until the block resumed, or, if it never did, until the
   * block's planned end (scheduled start + plannedMinutes), or the end of the feed if that comes first.
   * Over a block's interruptions these sum to planned − delivered minutes − the late start, when
   * the block ends on schedule.
   */
  readonly minutesLost: number
}

/** One interruption of a planned block by a call. */
export interface InterruptionRecord extends BlockLoss {
  readonly incident: string
  readonly prio: Priority
}

/** A planned block that gave way to a dated event (`PlannedBlockGaveWay`): an interruption whose cause is no call. */
export interface GaveWayRecord extends BlockLoss {
  /** The dated event's occurrence, "<event id>/<date it starts>". */
  readonly calendarEvent: string
}

/** One uninterrupted stretch of planned block work. */
export interface SegmentRecord {
  readonly block: string
  readonly patrol: string
  readonly area: string
  readonly startT: number
  readonly endT: number
  readonly minutes: number
}

/** One incident's first dispatch. */
export interface DispatchRecord {
  readonly incident: string
  readonly area: string
  readonly prio: Priority
  readonly registeredT: number
  readonly dispatchT: number
  /** First patrol on scene; absent when none arrived (yet). */
  readonly arrivalT?: number
  /** The first patrol dispatched. */
  readonly patrol: string
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface LogBlock {
  readonly patrol: string
  readonly area: string
  readonly tag: string | undefined
  readonly plannedEnd: number
  active: boolean
  segmentStart: number
  /** Index in the output of the interruption not yet resumed, or −1. */
  pending: number
}

interface BlockLogState<R> {
  lastT: number
  readonly blocks: Map<string, LogBlock>
  readonly kinds: Map<string, PatrolKind>
  readonly patrolArea: Map<string, string>
  readonly out: Array<R>
}

const newBlockLogState = <R>(): BlockLogState<R> => ({
  lastT: 0,
  blocks: new Map(),
  kinds: new Map(),
  patrolArea: new Map(),
  out: []
})

/** Block lifecycle shared by the interruption and segment logs; the hooks write the records. */
const blockLog = <R>(hooks: {
  readonly segment?: (s: BlockLogState<R>, id: string, b: LogBlock, endT: number) => void
  readonly interrupted?: (
    s: BlockLogState<R>,
    b: LogBlock,
    e: Extract<IgvEvent, { _tag: "PlannedBlockInterrupted" }>
  ) => void
  readonly gaveWay?: (s: BlockLogState<R>, b: LogBlock, e: Extract<IgvEvent, { _tag: "PlannedBlockGaveWay" }>) => void
  /** The pending interruption ends at `t`: resumed, superseded, or (with `end`) the block is over. */
  readonly resolve?: (s: BlockLogState<R>, b: LogBlock, t: number, end: boolean) => void
}) => {
  const closeSegment = (s: BlockLogState<R>, id: string, b: LogBlock, t: number) => {
    hooks.segment?.(s, id, b, t)
    b.active = false
  }
  /** The block's stretch closes at t, and an interruption still pending is settled there (`over`: the block is over). */
  const stop = (s: BlockLogState<R>, id: string, b: LogBlock, t: number, over: boolean) => {
    if (b.active) closeSegment(s, id, b, t)
    if (b.pending >= 0) hooks.resolve?.(s, b, t, over)
  }
  const end = (s: BlockLogState<R>, id: string, b: LogBlock, t: number) => {
    stop(s, id, b, t, true)
    s.blocks.delete(id)
  }
  return (s: BlockLogState<R>, e: IgvEvent): BlockLogState<R> => {
    s.lastT = e.t
    switch (e._tag) {
      case "ShiftStarted":
        s.kinds.set(e.patrol, e.kind)
        s.patrolArea.set(e.patrol, e.area)
        break
      case "PlannedBlockStarted": {
        const old = s.blocks.get(e.block)
        if (old !== undefined) end(s, e.block, old, e.t)
        s.blocks.set(e.block, {
          patrol: e.patrol,
          area: s.patrolArea.get(e.patrol) ?? e.area,
          tag: e.tag,
          plannedEnd: e.t - (e.delayedMinutes ?? 0) + e.plannedMinutes,
          active: true,
          segmentStart: e.t,
          pending: -1
        })
        break
      }
      case "PlannedBlockInterrupted": {
        const b = s.blocks.get(e.block)
        if (b === undefined) break
        stop(s, e.block, b, e.t, false)
        hooks.interrupted?.(s, b, e)
        break
      }
      case "PlannedBlockGaveWay": {
        // The block's stretch ends; the dated event is its cause (gaveWayLog), not a call (interruptionLog).
        const b = s.blocks.get(e.block)
        if (b === undefined) break
        stop(s, e.block, b, e.t, false)
        hooks.gaveWay?.(s, b, e)
        break
      }
      case "PlannedBlockResumed": {
        const b = s.blocks.get(e.block)
        if (b === undefined || b.active) break
        if (b.pending >= 0) hooks.resolve?.(s, b, e.t, false)
        b.active = true
        b.segmentStart = e.t
        break
      }
      case "PlannedBlockCompleted":
      case "PlannedBlockAbandoned": {
        const b = s.blocks.get(e.block)
        if (b !== undefined) end(s, e.block, b, e.t)
        break
      }
      default:
        break
    }
    return s
  }
}

type Lost = Mutable<BlockLoss>
type Push<R> = (s: BlockLogState<R>, b: LogBlock, record: R) => void

/** A log of what took blocks away (calls or dated events): `on` makes the rows, their cost is settled as they end. */
const lostTimeLog = <R extends Lost>(
  timeZone: string | undefined,
  on: (push: Push<R>) => Parameters<typeof blockLog<R>>[0]
): Projection<unknown, ReadonlyArray<R>> => {
  const push: Push<R> = (s, b, record) => {
    b.pending = s.out.length
    if (timeZone !== undefined) record.at = formatInstant(record.t, timeZone)
    if (b.tag !== undefined) record.tag = b.tag
    s.out.push(record)
  }
  const evolve = blockLog<R>({
    ...on(push),
    resolve: (s, b, t, end) => {
      const record = s.out[b.pending]!
      record.minutesLost = Math.max(0, (end ? b.plannedEnd : t) - record.t)
      b.pending = -1
    }
  })
  return {
    initial: () => newBlockLogState<R>(),
    evolve: evolve as (s: unknown, e: IgvEvent) => unknown,
    finish: (state) => {
      const s = state as BlockLogState<R>
      // A block still taken at the end has lost, as far as the feed tells, its plan up to the end.
      const out: Array<R> = s.out.map((r) => ({ ...r }))
      for (const b of s.blocks.values()) {
        if (b.pending >= 0)
          out[b.pending] = {
            ...s.out[b.pending]!,
            minutesLost: Math.max(0, Math.min(b.plannedEnd, s.lastT) - s.out[b.pending]!.t)
          }
      }
      return out
    }
  }
}

const blockRecord = (s: BlockLogState<unknown>, b: LogBlock, t: number, block: string) => ({
  t,
  area: b.area,
  patrol: b.patrol,
  patrolKind: s.kinds.get(b.patrol) ?? ("igv" as const),
  block
})

/** The interruption log, with `at` in local time when a time zone is given. */
export const interruptionLogIn = (timeZone?: string): Projection<unknown, ReadonlyArray<InterruptionRecord>> =>
  lostTimeLog<Mutable<InterruptionRecord>>(timeZone, (push) => ({
    interrupted: (s, b, e) =>
      push(s, b, {
        ...blockRecord(s as BlockLogState<unknown>, b, e.t, e.block),
        incident: e.incident,
        prio: e.prio,
        minutesLost: 0
      })
  }))

/** Every block that gave way to a dated event, with its cause and the minutes it cost, in time order. */
export const gaveWayLogIn = (timeZone?: string): Projection<unknown, ReadonlyArray<GaveWayRecord>> =>
  lostTimeLog<Mutable<GaveWayRecord>>(timeZone, (push) => ({
    gaveWay: (s, b, e) =>
      push(s, b, {
        ...blockRecord(s as BlockLogState<unknown>, b, e.t, e.block),
        calendarEvent: e.calendarEvent,
        minutesLost: 0
      })
  }))

/** Every interruption of a planned block, in time order. */
export const interruptionLog: Projection<unknown, ReadonlyArray<InterruptionRecord>> = interruptionLogIn()

const segmentLogEvolve = blockLog<SegmentRecord>({
  segment: (s, id, b, endT) => {
    s.out.push({
      block: id,
      patrol: b.patrol,
      area: b.area,
      startT: b.segmentStart,
      endT,
      minutes: endT - b.segmentStart
    })
  }
})

/** Every uninterrupted stretch of planned block work, in order of its end (open ones closed at the last t). Zero-length stretches included. */
export const segmentLog: Projection<unknown, ReadonlyArray<SegmentRecord>> = {
  initial: () => newBlockLogState<SegmentRecord>(),
  evolve: segmentLogEvolve as (s: unknown, e: IgvEvent) => unknown,
  finish: (state) => {
    const s = state as BlockLogState<SegmentRecord>
    const out = s.out.slice()
    for (const [id, b] of s.blocks) {
      if (b.active)
        out.push({
          block: id,
          patrol: b.patrol,
          area: b.area,
          startT: b.segmentStart,
          endT: s.lastT,
          minutes: s.lastT - b.segmentStart
        })
    }
    return out
  }
}

interface DispatchIncident {
  readonly area: string
  readonly prio: Priority
  readonly registeredT: number
  record: Mutable<DispatchRecord> | undefined
}

interface DispatchLogState {
  readonly incidents: Map<string, DispatchIncident>
  readonly out: Array<Mutable<DispatchRecord>>
}

/** Every incident's first dispatch and first arrival, in order of dispatch. */
export const dispatchLog: Projection<unknown, ReadonlyArray<DispatchRecord>> = {
  initial: (): DispatchLogState => ({ incidents: new Map(), out: [] }),
  evolve: (state, e) => {
    const s = state as DispatchLogState
    switch (e._tag) {
      case "IncidentRegistered":
        s.incidents.set(e.incident, { area: e.area, prio: e.prio, registeredT: e.t, record: undefined })
        break
      case "PatrolDispatched": {
        const inc = s.incidents.get(e.incident)
        if (inc === undefined || inc.record !== undefined) break
        inc.record = {
          incident: e.incident,
          area: inc.area,
          prio: inc.prio,
          registeredT: inc.registeredT,
          dispatchT: e.t,
          patrol: e.patrol
        }
        s.out.push(inc.record)
        break
      }
      case "PatrolOnScene": {
        const inc = s.incidents.get(e.incident)
        if (inc?.record === undefined) break
        inc.record.arrivalT = e.t
        s.incidents.delete(e.incident)
        break
      }
      case "PatrolCleared":
      case "IncidentHandledOtherwise": {
        const inc = s.incidents.get(e.incident)
        if (inc !== undefined && (inc.record !== undefined || e._tag === "IncidentHandledOtherwise"))
          s.incidents.delete(e.incident)
        break
      }
      default:
        break
    }
    return s
  },
  finish: (state) => (state as DispatchLogState).out.map((r) => ({ ...r }))
}
