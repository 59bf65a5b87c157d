import fc from "fast-check"
import type { IgvEvent, PatrolKind, Priority, UnstaffedReason } from "@igv/domain"

/** Builders for hand-written feeds: `t` first, ids as plain strings. */
type Ev<T extends IgvEvent["_tag"]> = Extract<IgvEvent, { _tag: T }>
const ev = <T extends IgvEvent["_tag"]>(tag: T, fields: Record<string, unknown>): Ev<T> =>
  ({ _tag: tag, ...fields }) as unknown as Ev<T>

export const shiftStarted = (t: number, patrol: string, area = "north", kind: PatrolKind = "igv") =>
  ev("ShiftStarted", { t, patrol, area, kind })
export const shiftEnded = (t: number, patrol: string) => ev("ShiftEnded", { t, patrol })
export const registered = (t: number, incident: string, prio: Priority, area = "north") =>
  ev("IncidentRegistered", { t, incident, area, prio, onSceneMinutes: 20, unitsNeeded: 1 })
export const handledOtherwise = (t: number, incident: string) => ev("IncidentHandledOtherwise", { t, incident })
export const dispatched = (t: number, incident: string, patrol: string, prio: Priority) =>
  ev("PatrolDispatched", { t, incident, patrol, prio })
export const onScene = (t: number, incident: string, patrol: string) => ev("PatrolOnScene", { t, incident, patrol })
export const cleared = (t: number, incident: string, patrol: string) => ev("PatrolCleared", { t, incident, patrol })
export const recalled = (t: number, incident: string, patrol: string, byIncident: string) =>
  ev("PatrolRecalled", { t, incident, patrol, byIncident })
export const blockStarted = (
  t: number,
  block: string,
  patrol: string,
  plannedMinutes: number,
  area = "north",
  tag?: string,
  delayedMinutes?: number
) =>
  ev("PlannedBlockStarted", {
    t,
    block,
    patrol,
    area,
    plannedMinutes,
    ...(tag === undefined ? {} : { tag }),
    ...(delayedMinutes === undefined ? {} : { delayedMinutes })
  })
export const interrupted = (t: number, block: string, patrol: string, incident: string, prio: Priority) =>
  ev("PlannedBlockInterrupted", { t, block, patrol, incident, prio })
export const resumed = (t: number, block: string, patrol: string) => ev("PlannedBlockResumed", { t, block, patrol })
export const committed = (t: number, patrol: string, calendarEvent: string) =>
  ev("PatrolCommitted", { t, patrol, calendarEvent, kind: "operation" })
export const released = (t: number, patrol: string, calendarEvent: string) =>
  ev("PatrolReleased", { t, patrol, calendarEvent })
export const gaveWay = (t: number, block: string, patrol: string, calendarEvent: string) =>
  ev("PlannedBlockGaveWay", { t, block, patrol, calendarEvent })
export const completed = (t: number, block: string, patrol: string) => ev("PlannedBlockCompleted", { t, block, patrol })
export const unstaffed = (
  t: number,
  block: string,
  plannedMinutes: number,
  reason: UnstaffedReason,
  area = "north",
  tag?: string
) =>
  ev("PlannedBlockUnstaffed", {
    t,
    block,
    area,
    kind: "igv",
    plannedMinutes,
    reason,
    ...(tag === undefined ? {} : { tag })
  })
export const abandoned = (t: number, block: string, patrol: string) => ev("PlannedBlockAbandoned", { t, block, patrol })

// ---------------------------------------------------------------------------------------------
// Legal feeds from random actions, interpreted by a small model of the world that also keeps
// the expected on-duty minutes per patrol, computed independently of the projections.

const OPS = [
  "shift",
  "shift",
  "register",
  "register",
  "dispatch",
  "dispatch",
  "onScene",
  "clear",
  "clear",
  "handle",
  "block",
  "block",
  "recall"
] as const
type Op = (typeof OPS)[number]

interface Action {
  readonly dt: number
  readonly op: Op
  readonly pick: number
  readonly prio: Priority
  readonly minutes: number
  readonly flag: boolean
}

const action: fc.Arbitrary<Action> = fc.record({
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 90 }), fc.double({ min: 0, max: 30, noNaN: true })),
  op: fc.constantFrom(...OPS),
  pick: fc.nat(1000),
  prio: fc.constantFrom(1 as const, 2 as const, 3 as const),
  minutes: fc.integer({ min: 5, max: 240 }),
  flag: fc.boolean()
})

interface ModelBlock {
  readonly id: string
  readonly plannedEnd: number
  active: boolean
}
/** A block due while its patrol was on a job: it starts late, when the job clears (or at its planned end). */
interface LateBlock {
  readonly id: string
  readonly scheduledAt: number
  readonly planned: number
  readonly tag: string | undefined
}
interface ModelPatrol {
  readonly id: string
  readonly area: string
  readonly kind: PatrolKind
  onDuty: boolean
  endPending: boolean
  dutyStart: number
  duty: number
  job: { readonly incident: string; readonly prio: Priority; arrived: boolean } | undefined
  block: ModelBlock | undefined
  late: LateBlock | undefined
}

export interface LegalFeed {
  readonly events: ReadonlyArray<IgvEvent>
  /** Expected on-duty minutes per patrol, open duty closed at the last event's t. */
  readonly onDuty: ReadonlyMap<string, number>
  readonly kinds: ReadonlyMap<string, PatrolKind>
}

export interface FeedOptions {
  /** May calls take a patrol out of a planned block (and blocks start on a patrol on a job)? */
  readonly interruptions?: boolean
  /** Clear every job, complete every block and end every shift at the end. */
  readonly flush?: boolean
}

const interpret = (patrolCount: number, actions: ReadonlyArray<Action>, options: FeedOptions): LegalFeed => {
  const allowInterrupt = options.interruptions ?? true
  const events: Array<IgvEvent> = []
  const patrols: Array<ModelPatrol> = Array.from({ length: patrolCount }, (_, i) => ({
    id: `p${i}`,
    area: i % 2 === 0 ? "north" : "south",
    kind: i % 3 === 2 ? "community" : "igv",
    onDuty: false,
    endPending: false,
    dutyStart: 0,
    duty: 0,
    job: undefined,
    block: undefined,
    late: undefined
  }))
  const waiting: Array<{ readonly incident: string; readonly prio: Priority }> = []
  let t = 0,
    incidents = 0,
    blocks = 0
  const goOff = (p: ModelPatrol) => {
    p.duty += t - p.dutyStart
    p.onDuty = false
    p.endPending = false
  }
  const endOf = (p: ModelPatrol) =>
    p.block !== undefined
      ? p.block.plannedEnd
      : p.late !== undefined
        ? p.late.scheduledAt + p.late.planned
        : Number.POSITIVE_INFINITY
  const completeDue = (until: number) => {
    const due = patrols
      .filter((p) => endOf(p) <= until && endOf(p) < Number.POSITIVE_INFINITY)
      .sort((a, b) => endOf(a) - endOf(b))
    for (const p of due) {
      t = endOf(p)
      if (p.late !== undefined) {
        // On a job all through its planned time: started (fully late) and completed at its end.
        events.push(
          blockStarted(t, p.late.id, p.id, p.late.planned, p.area, p.late.tag, p.late.planned),
          completed(t, p.late.id, p.id)
        )
        p.late = undefined
      } else {
        events.push(completed(t, p.block!.id, p.id))
        p.block = undefined
      }
    }
  }
  const startLate = (p: ModelPatrol) => {
    if (p.late === undefined) return
    const delayed = t - p.late.scheduledAt
    events.push(blockStarted(t, p.late.id, p.id, p.late.planned, p.area, p.late.tag, delayed > 0 ? delayed : undefined))
    p.block = { id: p.late.id, plannedEnd: p.late.scheduledAt + p.late.planned, active: true }
    p.late = undefined
  }
  const pickOf = <T>(xs: ReadonlyArray<T>, n: number): T | undefined =>
    xs.length === 0 ? undefined : xs[n % xs.length]

  for (const a of actions) {
    const at = t + a.dt
    completeDue(at)
    t = at
    switch (a.op) {
      case "shift": {
        const p = patrols[a.pick % patrols.length]!
        if (!p.onDuty) {
          p.onDuty = true
          p.endPending = false
          p.dutyStart = t
          events.push(shiftStarted(t, p.id, p.area, p.kind))
        } else if (p.block === undefined && p.late === undefined && !p.endPending) {
          events.push(shiftEnded(t, p.id))
          if (p.job !== undefined) p.endPending = true
          else goOff(p)
        }
        break
      }
      case "register": {
        const incident = `i${incidents++}`
        waiting.push({ incident, prio: a.prio })
        events.push(registered(t, incident, a.prio, a.flag ? "north" : "south"))
        break
      }
      case "dispatch": {
        const inc = pickOf(waiting, a.pick)
        const p = pickOf(
          patrols.filter(
            (q) => q.onDuty && !q.endPending && q.job === undefined && (allowInterrupt || q.block?.active !== true)
          ),
          a.pick >> 3
        )
        if (inc === undefined || p === undefined) break
        waiting.splice(waiting.indexOf(inc), 1)
        const d = dispatched(t, inc.incident, p.id, inc.prio)
        if (p.block?.active === true) {
          const i = interrupted(t, p.block.id, p.id, inc.incident, inc.prio)
          events.push(...(a.flag ? [i, d] : [d, i]))
          p.block.active = false
        } else events.push(d)
        p.job = { incident: inc.incident, prio: inc.prio, arrived: false }
        break
      }
      case "onScene": {
        const p = pickOf(
          patrols.filter((q) => q.job !== undefined && !q.job.arrived),
          a.pick
        )
        if (p === undefined) break
        p.job!.arrived = true
        events.push(onScene(t, p.job!.incident, p.id))
        break
      }
      case "clear": {
        const p = pickOf(
          patrols.filter((q) => q.job !== undefined),
          a.pick
        )
        if (p === undefined) break
        events.push(cleared(t, p.job!.incident, p.id))
        p.job = undefined
        startLate(p)
        if (p.block !== undefined && !p.block.active) {
          const choice = a.minutes % 3
          if (choice === 0) {
            p.block.active = true
            events.push(resumed(t, p.block.id, p.id))
          } else if (choice === 1) {
            events.push(abandoned(t, p.block.id, p.id))
            p.block = undefined
          }
        }
        if (p.endPending) goOff(p)
        break
      }
      case "handle": {
        const inc = pickOf(waiting, a.pick)
        if (inc === undefined) break
        waiting.splice(waiting.indexOf(inc), 1)
        events.push(handledOtherwise(t, inc.incident))
        break
      }
      case "block": {
        const p = pickOf(
          patrols.filter(
            (q) =>
              q.onDuty &&
              !q.endPending &&
              q.block === undefined &&
              q.late === undefined &&
              (allowInterrupt || q.job === undefined)
          ),
          a.pick
        )
        if (p === undefined) break
        const id = `b${blocks++}`
        const tag = a.flag ? "promise-1" : undefined
        if (p.job !== undefined && a.pick % 2 === 0) {
          // Today's contract: the block waits for the job and starts late.
          p.late = { id, scheduledAt: t, planned: a.minutes, tag }
          break
        }
        p.block = { id, plannedEnd: t + a.minutes, active: true }
        // A recorded feed may instead start the block on time and interrupt it at once.
        events.push(blockStarted(t, id, p.id, a.minutes, p.area, tag))
        if (p.job !== undefined) {
          events.push(interrupted(t, id, p.id, p.job.incident, p.job.prio))
          p.block.active = false
        }
        break
      }
      case "recall": {
        const urgent = waiting.find((w) => w.prio === 1)
        const p = pickOf(
          patrols.filter((q) => q.job?.prio === 3),
          a.pick
        )
        if (urgent === undefined || p === undefined) break
        events.push(recalled(t, p.job!.incident, p.id, urgent.incident))
        waiting.push({ incident: p.job!.incident, prio: 3 })
        waiting.splice(waiting.indexOf(urgent), 1)
        events.push(dispatched(t, urgent.incident, p.id, 1))
        p.job = { incident: urgent.incident, prio: 1, arrived: false }
        break
      }
    }
  }
  if (options.flush === true) {
    for (const p of patrols) {
      if (p.job !== undefined) {
        events.push(cleared(t, p.job.incident, p.id))
        p.job = undefined
        startLate(p)
        if (p.endPending) goOff(p)
      }
    }
    completeDue(Number.POSITIVE_INFINITY)
    for (const p of patrols)
      if (p.onDuty) {
        events.push(shiftEnded(t, p.id))
        goOff(p)
      }
  }
  const lastT = events.length > 0 ? events[events.length - 1]!.t : 0
  const onDuty = new Map<string, number>()
  for (const p of patrols) {
    if (p.duty > 0 || p.onDuty || events.some((e) => "patrol" in e && e.patrol === p.id)) {
      onDuty.set(p.id, p.duty + (p.onDuty ? lastT - p.dutyStart : 0))
    }
  }
  return { events, onDuty, kinds: new Map(patrols.map((p) => [p.id, p.kind])) }
}

export const legalFeed = (options: FeedOptions = {}): fc.Arbitrary<LegalFeed> =>
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.array(action, { maxLength: 150, size: "max" }))
    .map(([n, actions]) => interpret(n, actions, options))
