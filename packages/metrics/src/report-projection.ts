import { DEFAULT_TIME_ZONE, TARGET_MINUTES, toLocal } from "@igv/domain"
import type { IgvEvent, PatrolKind, Report } from "@igv/domain"
import {
  FREE, ON_DUTY, PLANNED, PRIO1, PRIO2, PRIO3,
  blockActivity, jobEnded, jobStarted, minutesAt, newClock, shiftEnded, startDuty
} from "./patrol-time.js"
import type { PatrolClock } from "./patrol-time.js"
import type { Projection } from "./projection.js"
import { SampleBuffer, nearestRank, ratio } from "./stats.js"

export interface ReportOptions {
  /** Local time zone for the by-hour figures; Europe/Stockholm by default. */
  readonly timeZone?: string
  /** Lower bounds (minutes) of the uninterrupted-segment histogram's bins; the last bin is open. */
  readonly segmentBinsMinutes?: ReadonlyArray<number>
}

export const DEFAULT_SEGMENT_BINS: ReadonlyArray<number> = [0, 15, 30, 60, 90, 120, 180, 240]

// ---------------------------------------------------------------------------------------------
// Accumulators

interface ResponseAcc {
  registered: number
  handledOtherwise: number
  recalled: number
  /** Registration to first dispatch, per incident that got a patrol. */
  readonly waits: SampleBuffer
  withinTarget: number
  arrivals: number
  arrivalSum: number
}

interface AreaAcc {
  readonly area: string
  plannedMinutes: number
  deliveredMinutes: number
  blocksPlanned: number
  blocksUninterrupted: number
  blocksInterrupted: number
  blocksAbandoned: number
  readonly segments: SampleBuffer
  /** Interruptions by priority 1..3 (index 0..2). */
  readonly interruptions: Float64Array
  /** Interruptions by local hour of day. */
  readonly interruptionsByHour: Float64Array
  readonly response: readonly [ResponseAcc, ResponseAcc, ResponseAcc]
}

interface TagAcc {
  readonly tag: string
  plannedMinutes: number
  deliveredMinutes: number
  blocksPlanned: number
  blocksUninterrupted: number
}

interface IncidentAcc {
  readonly area: AreaAcc
  readonly prio: number
  readonly registeredT: number
  dispatched: boolean
  arrived: boolean
  handled: boolean
  /** Patrols on the call now. */
  active: number
}

interface BlockAcc {
  readonly clock: PatrolClock
  readonly area: AreaAcc
  readonly tag: TagAcc | undefined
  readonly startT: number
  readonly plannedMinutes: number
  active: boolean
  segmentStart: number
  interruptions: number
}

interface State {
  events: number
  lastT: number
  readonly areas: Map<string, AreaAcc>
  readonly tags: Map<string, TagAcc>
  readonly patrols: Map<string, PatrolClock>
  readonly incidents: Map<string, IncidentAcc>
  readonly blocks: Map<string, BlockAcc>
  /** Zone offset cache: the UTC day it holds for, and the offset (NaN when the offset changes that day). */
  dayKey: number
  dayOffset: number
}

const newResponse = (): ResponseAcc => ({
  registered: 0, handledOtherwise: 0, recalled: 0, waits: new SampleBuffer(), withinTarget: 0, arrivals: 0, arrivalSum: 0
})

const newArea = (area: string): AreaAcc => ({
  area, plannedMinutes: 0, deliveredMinutes: 0, blocksPlanned: 0, blocksUninterrupted: 0, blocksInterrupted: 0,
  blocksAbandoned: 0, segments: new SampleBuffer(), interruptions: new Float64Array(3),
  interruptionsByHour: new Float64Array(24), response: [newResponse(), newResponse(), newResponse()]
})

const newTag = (tag: string): TagAcc => ({ tag, plannedMinutes: 0, deliveredMinutes: 0, blocksPlanned: 0, blocksUninterrupted: 0 })

const areaOf = (s: State, area: string): AreaAcc => {
  let a = s.areas.get(area)
  if (a === undefined) { a = newArea(area); s.areas.set(area, a) }
  return a
}

const clockOf = (s: State, patrol: string, area: string, kind: PatrolKind = "igv"): PatrolClock => {
  let c = s.patrols.get(patrol)
  if (c === undefined) { c = newClock(patrol, area, kind); s.patrols.set(patrol, c); areaOf(s, area) }
  return c
}

const TARGETS = [TARGET_MINUTES[1], TARGET_MINUTES[2], TARGET_MINUTES[3]] as const

// ---------------------------------------------------------------------------------------------
// Evolve

const closeSegment = (b: BlockAcc, t: number): void => {
  const minutes = t - b.segmentStart
  b.area.deliveredMinutes += minutes
  if (b.tag !== undefined) b.tag.deliveredMinutes += minutes
  // A block interrupted the moment it starts delivers nothing: no segment.
  if (minutes > 0) b.area.segments.push(minutes)
  b.active = false
  blockActivity(b.clock, -1, t)
}

const endBlock = (s: State, id: string, b: BlockAcc, t: number, abandoned: boolean): void => {
  if (b.active) closeSegment(b, t)
  if (b.interruptions === 0) {
    b.area.blocksUninterrupted++
    if (b.tag !== undefined) b.tag.blocksUninterrupted++
  } else b.area.blocksInterrupted++
  if (abandoned) b.area.blocksAbandoned++
  s.blocks.delete(id)
}

const DAY = 1440

/**
 * The zone's offset at the start of each UTC day, shared by every projection in the process: a
 * zone lookup costs tens of microseconds, and replications of one scenario cover the same days.
 */
const dayStartOffsets = new Map<string, Map<number, number>>()

const dayStartOffset = (timeZone: string, day: number): number => {
  let days = dayStartOffsets.get(timeZone)
  if (days === undefined) { days = new Map(); dayStartOffsets.set(timeZone, days) }
  let offset = days.get(day)
  if (offset === undefined) { offset = toLocal(day * DAY, timeZone).offsetMinutes; days.set(day, offset) }
  return offset
}

/** Local hour of day. */
const localHour = (s: State, t: number, timeZone: string): number => {
  const day = Math.floor(t / DAY)
  if (day !== s.dayKey) {
    s.dayKey = day
    const start = dayStartOffset(timeZone, day)
    s.dayOffset = start === dayStartOffset(timeZone, day + 1) ? start : Number.NaN
  }
  // The offset changes during this UTC day (DST): ask the zone for this instant.
  if (Number.isNaN(s.dayOffset)) return toLocal(t, timeZone).hour
  const local = (((t + s.dayOffset) % DAY) + DAY) % DAY
  return Math.floor(local / 60)
}

const evolveWith = (timeZone: string) => (s: State, e: IgvEvent): State => {
  const t = e.t
  if (t < s.lastT) throw new RangeError(`events must come in time order: ${e._tag} at t=${t} after t=${s.lastT} (event ${s.events + 1})`)
  s.events++
  s.lastT = t
  switch (e._tag) {
    case "ShiftStarted": {
      const c = clockOf(s, e.patrol, e.area, e.kind)
      if (!c.onDuty) { c.area = e.area; c.kind = e.kind; areaOf(s, e.area) }
      startDuty(c, t)
      break
    }
    case "ShiftEnded": {
      const c = s.patrols.get(e.patrol)
      if (c !== undefined) shiftEnded(c, t)
      break
    }
    case "IncidentRegistered": {
      if (s.incidents.has(e.incident)) break
      const area = areaOf(s, e.area)
      area.response[e.prio - 1]!.registered++
      s.incidents.set(e.incident, { area, prio: e.prio, registeredT: t, dispatched: false, arrived: false, handled: false, active: 0 })
      break
    }
    case "IncidentHandledOtherwise": {
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || inc.handled) break
      inc.handled = true
      inc.area.response[inc.prio - 1]!.handledOtherwise++
      if (inc.active === 0) s.incidents.delete(e.incident)
      break
    }
    case "PatrolDispatched": {
      const inc = s.incidents.get(e.incident)
      const added = jobStarted(clockOf(s, e.patrol, inc?.area.area ?? "unknown"), e.incident, e.prio, t)
      if (inc === undefined || !added) break
      inc.active++
      if (!inc.dispatched) {
        inc.dispatched = true
        const r = inc.area.response[inc.prio - 1]!
        const wait = t - inc.registeredT
        r.waits.push(wait)
        if (wait <= TARGETS[inc.prio - 1]!) r.withinTarget++
      }
      break
    }
    case "PatrolOnScene": {
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || inc.arrived) break
      inc.arrived = true
      const r = inc.area.response[inc.prio - 1]!
      r.arrivals++
      r.arrivalSum += t - inc.registeredT
      break
    }
    case "PatrolCleared":
    case "PatrolRecalled": {
      const c = s.patrols.get(e.patrol)
      const held = c === undefined ? 0 : jobEnded(c, e.incident, t)
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || held === 0) break
      inc.active--
      if (e._tag === "PatrolRecalled") inc.area.response[inc.prio - 1]!.recalled++
      else if (inc.active === 0) s.incidents.delete(e.incident)
      break
    }
    case "PlannedBlockStarted": {
      const old = s.blocks.get(e.block)
      if (old !== undefined) endBlock(s, e.block, old, t, false)
      const clock = clockOf(s, e.patrol, e.area)
      const area = areaOf(s, clock.area)
      let tag: TagAcc | undefined
      if (e.tag !== undefined) {
        tag = s.tags.get(e.tag)
        if (tag === undefined) { tag = newTag(e.tag); s.tags.set(e.tag, tag) }
        tag.plannedMinutes += e.plannedMinutes
        tag.blocksPlanned++
      }
      area.plannedMinutes += e.plannedMinutes
      area.blocksPlanned++
      s.blocks.set(e.block, { clock, area, tag, startT: t, plannedMinutes: e.plannedMinutes, active: true, segmentStart: t, interruptions: 0 })
      blockActivity(clock, 1, t)
      break
    }
    case "PlannedBlockInterrupted": {
      const b = s.blocks.get(e.block)
      if (b === undefined) break
      if (b.active) closeSegment(b, t)
      b.interruptions++
      b.area.interruptions[e.prio - 1]!++
      b.area.interruptionsByHour[localHour(s, t, timeZone)]!++
      break
    }
    case "PlannedBlockResumed": {
      const b = s.blocks.get(e.block)
      if (b === undefined || b.active) break
      b.active = true
      b.segmentStart = t
      blockActivity(b.clock, 1, t)
      break
    }
    case "PlannedBlockCompleted":
    case "PlannedBlockAbandoned": {
      const b = s.blocks.get(e.block)
      if (b !== undefined) endBlock(s, e.block, b, t, e._tag === "PlannedBlockAbandoned")
      break
    }
  }
  return s
}

// ---------------------------------------------------------------------------------------------
// Finish: close what is still open at the last event's t, on copies; the state is not touched.

type TimeUse = Report["timeUse"]["byKind"]["igv"]
type ResponseFigures = Report["response"]["1"] & { readonly dispatched: number; readonly undispatched: number; readonly recalled: number }

export interface MetricsBody {
  readonly lineTime: Report["lineTime"] & {
    readonly blocksInterrupted: number
    readonly blocksAbandoned: number
    readonly segments: number
  }
  readonly interruptions: Report["interruptions"] & { readonly byLocalHour: ReadonlyArray<number> }
  readonly response: { readonly "1": ResponseFigures; readonly "2": ResponseFigures; readonly "3": ResponseFigures }
  readonly timeUse: Report["timeUse"]
}

export interface TagFigures {
  readonly tag: string
  readonly plannedHours: number
  readonly deliveredHours: number
  readonly survival: number
  readonly blocksPlanned: number
  readonly blocksUninterrupted: number
}

/** The report with this package's extra figures; assignable to the domain's `Report`. */
export interface MetricsReport extends MetricsBody {
  readonly byArea: { readonly [area: string]: MetricsBody }
  readonly byTag: ReadonlyArray<TagFigures>
  readonly events: number
}

/** What one area contributes at finish, with open intervals closed. */
interface AreaSnapshot {
  readonly acc: AreaAcc
  /** [kind 0 igv | 1 community][category PRIO1..ON_DUTY] */
  readonly minutes: [Float64Array, Float64Array]
  plannedMinutes: number
  deliveredMinutes: number
  blocksUninterrupted: number
  readonly openSegments: Array<number>
  /** Dispatch waits of incidents still waiting at the end, by priority: censored at the last t. */
  readonly openWaits: [Array<number>, Array<number>, Array<number>]
}

const hours = (minutes: number) => minutes / 60

/** Below this, planned minutes are round-off of sums that cancel (blocks cut at the feed's end), not a plan. */
const NOTHING_PLANNED = 1e-9

const survivalOf = (delivered: number, planned: number) => (planned > NOTHING_PLANNED ? delivered / planned : 1)

const timeUseOf = (m: Float64Array): TimeUse => ({
  prio1Hours: hours(m[PRIO1]!),
  prio2Hours: hours(m[PRIO2]!),
  prio3Hours: hours(m[PRIO3]!),
  plannedHours: hours(m[PLANNED]!),
  freeHours: hours(m[FREE]!),
  totalHours: hours(m[ON_DUTY]!),
  prio12Share: ratio(m[PRIO1]! + m[PRIO2]!, m[ON_DUTY]!)
})

const histogram = (sorted: Float64Array, bins: ReadonlyArray<number>) => {
  const counts = new Array<number>(bins.length).fill(0)
  let bin = 0
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!
    while (bin + 1 < bins.length && x >= bins[bin + 1]!) bin++
    if (x >= bins[0]!) counts[bin]!++
  }
  return bins.map((from, i) => ({ fromMinutes: from, toMinutes: i + 1 < bins.length ? bins[i + 1]! : null, count: counts[i]! }))
}

const responseOf = (rs: ReadonlyArray<ResponseAcc>, open: ReadonlyArray<number>, prio: number): ResponseFigures => {
  const buffers = rs.map((r) => r.waits)
  const waits = SampleBuffer.merge(buffers, open)
  let sum = 0, within = 0, registered = 0, handled = 0, recalled = 0, arrivals = 0, arrivalSum = 0
  for (let i = 0; i < waits.length; i++) sum += waits[i]!
  for (const r of rs) {
    within += r.withinTarget; registered += r.registered; handled += r.handledOtherwise; recalled += r.recalled
    arrivals += r.arrivals; arrivalSum += r.arrivalSum
  }
  const target = TARGETS[prio - 1]!
  for (const w of open) if (w <= target) within++
  return {
    count: registered,
    targetMinutes: target,
    meanDispatchMinutes: ratio(sum, waits.length),
    p50DispatchMinutes: nearestRank(waits, 0.5),
    p90DispatchMinutes: nearestRank(waits, 0.9),
    p99DispatchMinutes: nearestRank(waits, 0.99),
    withinTarget: ratio(within, waits.length),
    meanArrivalMinutes: ratio(arrivalSum, arrivals),
    handledOtherwise: handled,
    dispatched: waits.length - open.length,
    undispatched: open.length,
    recalled
  }
}

const bodyOf = (snaps: ReadonlyArray<AreaSnapshot>, bins: ReadonlyArray<number>): MetricsBody => {
  let planned = 0, delivered = 0, blocksPlanned = 0, uninterrupted = 0, interrupted = 0, abandoned = 0
  const byPrio = [0, 0, 0]
  const byHour = new Array<number>(24).fill(0)
  const igv = new Float64Array(6), community = new Float64Array(6)
  const openSegments: Array<number> = []
  for (const s of snaps) {
    const a = s.acc
    planned += s.plannedMinutes; delivered += s.deliveredMinutes; blocksPlanned += a.blocksPlanned
    uninterrupted += s.blocksUninterrupted; interrupted += a.blocksInterrupted; abandoned += a.blocksAbandoned
    for (let p = 0; p < 3; p++) byPrio[p]! += a.interruptions[p]!
    for (let h = 0; h < 24; h++) byHour[h]! += a.interruptionsByHour[h]!
    for (let i = 0; i < 6; i++) { igv[i]! += s.minutes[0][i]!; community[i]! += s.minutes[1][i]! }
    openSegments.push(...s.openSegments)
  }
  const segments = SampleBuffer.merge(snaps.map((s) => s.acc.segments), openSegments)
  const total = byPrio[0]! + byPrio[1]! + byPrio[2]!
  const all = igv.map((x, i) => x + community[i]!)
  const response = (p: 1 | 2 | 3) => responseOf(snaps.map((s) => s.acc.response[p - 1]!), snaps.flatMap((s) => s.openWaits[p - 1]!), p)
  return {
    lineTime: {
      plannedHours: hours(planned),
      deliveredHours: hours(delivered),
      survival: survivalOf(delivered, planned),
      blocksPlanned,
      blocksUninterrupted: uninterrupted,
      blocksInterrupted: interrupted,
      blocksAbandoned: abandoned,
      segments: segments.length,
      medianSegmentMinutes: nearestRank(segments, 0.5),
      segmentHistogram: histogram(segments, bins)
    },
    interruptions: {
      total,
      byPriority: { "1": byPrio[0]!, "2": byPrio[1]!, "3": byPrio[2]! },
      per100PlannedHours: planned > NOTHING_PLANNED ? (total * 100) / hours(planned) : 0,
      byLocalHour: byHour
    },
    response: { "1": response(1), "2": response(2), "3": response(3) },
    timeUse: { ...timeUseOf(all), byKind: { igv: timeUseOf(igv), community: timeUseOf(community) } }
  }
}

const tagOf = (t: TagAcc, plannedMinutes: number, deliveredMinutes: number, uninterrupted: number): TagFigures => ({
  tag: t.tag,
  plannedHours: hours(plannedMinutes),
  deliveredHours: hours(deliveredMinutes),
  survival: survivalOf(deliveredMinutes, plannedMinutes),
  blocksPlanned: t.blocksPlanned,
  blocksUninterrupted: uninterrupted
})

/** A tag's figures with nothing planned: what a replication without that tag contributes. */
export const emptyTagFigures = (tag: string): TagFigures => tagOf(newTag(tag), 0, 0, 0)

const finishWith = (bins: ReadonlyArray<number>) => (s: State): MetricsReport => {
  const t = s.events === 0 ? 0 : s.lastT
  const snaps = new Map<string, AreaSnapshot>()
  for (const [id, acc] of s.areas) {
    snaps.set(id, {
      acc, minutes: [new Float64Array(6), new Float64Array(6)], plannedMinutes: acc.plannedMinutes, deliveredMinutes: acc.deliveredMinutes,
      blocksUninterrupted: acc.blocksUninterrupted, openSegments: [], openWaits: [[], [], []]
    })
  }
  const snapOf = (area: string): AreaSnapshot => snaps.get(area)!
  for (const c of s.patrols.values()) {
    const m = minutesAt(c, t)
    const target = snapOf(c.area).minutes[c.kind === "igv" ? 0 : 1]
    for (let i = 0; i < 6; i++) target[i]! += m[i]!
  }
  const tagPlannedBeyond = new Map<TagAcc, number>()
  const tagDelivered = new Map<TagAcc, number>()
  const tagUninterrupted = new Map<TagAcc, number>()
  for (const b of s.blocks.values()) {
    const snap = snapOf(b.area.area)
    // A block still open at the end is planned only up to the end: the feed says nothing beyond it.
    const beyond = Math.max(0, b.plannedMinutes - (t - b.startT))
    snap.plannedMinutes -= beyond
    if (b.tag !== undefined) tagPlannedBeyond.set(b.tag, (tagPlannedBeyond.get(b.tag) ?? 0) + beyond)
    if (b.active) {
      const minutes = t - b.segmentStart
      snap.deliveredMinutes += minutes
      if (minutes > 0) snap.openSegments.push(minutes)
      if (b.tag !== undefined) tagDelivered.set(b.tag, (tagDelivered.get(b.tag) ?? 0) + minutes)
    }
    if (b.interruptions === 0) {
      snap.blocksUninterrupted++
      if (b.tag !== undefined) tagUninterrupted.set(b.tag, (tagUninterrupted.get(b.tag) ?? 0) + 1)
    }
  }
  for (const inc of s.incidents.values()) {
    if (!inc.dispatched && !inc.handled) snapOf(inc.area.area).openWaits[inc.prio - 1]!.push(t - inc.registeredT)
  }
  const areaIds = [...snaps.keys()].sort()
  const byArea: Record<string, MetricsBody> = {}
  for (const id of areaIds) byArea[id] = bodyOf([snapOf(id)], bins)
  const byTag = [...s.tags.values()]
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .map((tag) => tagOf(tag, tag.plannedMinutes - (tagPlannedBeyond.get(tag) ?? 0), tag.deliveredMinutes + (tagDelivered.get(tag) ?? 0), tag.blocksUninterrupted + (tagUninterrupted.get(tag) ?? 0)))
  return { ...bodyOf(areaIds.map(snapOf), bins), byArea, byTag, events: s.events }
}

const validBins = (bins: ReadonlyArray<number>): ReadonlyArray<number> => {
  if (bins.length === 0) throw new RangeError("segmentBinsMinutes needs at least one bin")
  for (let i = 1; i < bins.length; i++) {
    if (!(bins[i]! > bins[i - 1]!)) throw new RangeError(`segmentBinsMinutes must increase: ${bins.join(", ")}`)
  }
  return [...bins]
}

/**
 * The planners' report (the `--json` contract) as one fold. See the package README for how
 * every figure is defined, including incidents never dispatched and intervals open at the end.
 */
export const reportProjection = (options: ReportOptions = {}): Projection<unknown, MetricsReport> => {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
  const bins = validBins(options.segmentBinsMinutes ?? DEFAULT_SEGMENT_BINS)
  const evolve = evolveWith(timeZone)
  const finish = finishWith(bins)
  return {
    initial: (): State => ({
      events: 0, lastT: Number.NEGATIVE_INFINITY, areas: new Map(), tags: new Map(), patrols: new Map(), incidents: new Map(), blocks: new Map(),
      dayKey: Number.NaN, dayOffset: 0
    }),
    evolve: evolve as (s: unknown, e: IgvEvent) => unknown,
    finish: finish as (s: unknown) => MetricsReport
  }
}
