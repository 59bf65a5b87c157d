import type { Report } from "@igv/domain"
import { CALENDAR, CATEGORIES, FREE, ON_DUTY, PLANNED, PRIO1, PRIO2, PRIO3, minutesAt } from "./patrol-time.js"
import { type PatrolWorkFigures, patrolWorkTimeUse, taskFigures } from "./report-patrol-work.js"
import type { TaskAcc } from "./report-tasks.js"
import { communityOfficerFigures } from "./report-community.js"
import { TARGETS, UNSTAFFED_REASONS, newTag } from "./report-state.js"
import type { AreaAcc, ResponseAcc, State, TagAcc } from "./report-state.js"
import { SampleBuffer, type Samples, nearestRanks } from "./stats.js"

// ---------------------------------------------------------------------------------------------
// Finish: close what is still open at the last event's t, on copies; the state's figures are not
// touched.

type TimeUse = Report["timeUse"]["byKind"]["igv"]
type ResponseFigures = Report["response"]["1"] & { readonly recalled: number }
type Unstaffed = Report["lineTime"]["unstaffed"]

export interface MetricsBody {
  readonly lineTime: Report["lineTime"] & {
    readonly beyondHorizonHours: number
    readonly blocksInterrupted: number
    readonly blocksAbandoned: number
    readonly segments: number
    /** Planned and delivered block time by local hour of day, 0–23. */
    readonly byLocalHour: ReadonlyArray<HourFigures>
  }
  readonly interruptions: Report["interruptions"] & { readonly byLocalHour: ReadonlyArray<number> }
  readonly response: { readonly "1": ResponseFigures; readonly "2": ResponseFigures; readonly "3": ResponseFigures }
  readonly timeUse: Report["timeUse"]
  readonly tasks?: NonNullable<Report["tasks"]>
  readonly communityOfficers?: NonNullable<Report["communityOfficers"]>
}

export interface HourFigures {
  readonly hour: number
  readonly plannedHours: number
  readonly deliveredHours: number
  readonly survival: number | null
}

export interface TagFigures {
  readonly tag: string
  readonly plannedHours: number
  readonly staffedHours: number
  readonly unstaffedHours: number
  readonly unstaffed: Unstaffed
  readonly deliveredHours: number
  readonly survival: number | null
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
  /** [kind 0 igv | 1 community][category, see patrol-time] */
  readonly minutes: [Float64Array, Float64Array]
  plannedMinutes: number
  deliveredMinutes: number
  blocksUninterrupted: number
  readonly openSegments: Array<number>
  readonly plannedByHour: Float64Array
  readonly deliveredByHour: Float64Array
  /** Dispatch waits of incidents still waiting at the end, by priority: censored at the last t. */
  readonly openWaits: [Array<number>, Array<number>, Array<number>]
  /** The same for incidents with no patrol on scene yet. */
  readonly openArrivals: [Array<number>, Array<number>, Array<number>]
  /** Minutes of tasks still being worked at the end. */
  openTaskMinutes: number
}

const hours = (minutes: number) => minutes / 60

/** Below this, planned minutes are round-off of sums that cancel (blocks cut at the feed's end), not a plan. */
const NOTHING_PLANNED = 1e-9

const survivalOf = (delivered: number, planned: number) => (planned > NOTHING_PLANNED ? delivered / planned : null)

/** The sum and nearest-rank percentiles of samples, null where there are none; reorders the samples. */
const summaryOf = <P extends ReadonlyArray<number>>(samples: Samples, ps: P) => {
  const { values, zeros } = samples
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]!
  const n = values.length + zeros
  const percentiles = n === 0 ? ps.map(() => null) : nearestRanks(samples, ps)
  return { n, sum, percentiles: percentiles as { [K in keyof P]: number | null } }
}
const share = (num: number, den: number) => (den === 0 ? null : num / den)

const unstaffedOf = (minutes: Float64Array): Unstaffed => ({
  nobodyOnDuty: hours(minutes[0]!),
  reserve: hours(minutes[1]!),
  tooFewPatrols: hours(minutes[2]!)
})
const sumOf = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0)

const timeUseOf = (m: Float64Array, calendarEvents: boolean, work: PatrolWorkFigures | undefined): TimeUse => ({
  prio1Hours: hours(m[PRIO1]!),
  prio2Hours: hours(m[PRIO2]!),
  prio3Hours: hours(m[PRIO3]!),
  plannedHours: hours(m[PLANNED]!),
  freeHours: hours(m[FREE]!),
  totalHours: hours(m[ON_DUTY]!),
  prio12Share: share(m[PRIO1]! + m[PRIO2]!, m[ON_DUTY]!),
  ...(calendarEvents ? { calendarEventHours: hours(m[CALENDAR]!) } : {}),
  ...(work === undefined ? {} : patrolWorkTimeUse(m, work))
})

const histogram = ({ values, zeros }: Samples, bins: ReadonlyArray<number>) => {
  const counts = new Array<number>(bins.length).fill(0)
  const binOf = (x: number) => {
    let bin = bins.length - 1
    while (bin >= 0 && x < bins[bin]!) bin--
    return bin
  }
  for (let i = 0; i < values.length; i++) {
    const bin = binOf(values[i]!)
    if (bin >= 0) counts[bin]!++
  }
  const zeroBin = binOf(0)
  if (zeroBin >= 0) counts[zeroBin]! += zeros
  return bins.map((from, i) => ({
    fromMinutes: from,
    toMinutes: i + 1 < bins.length ? bins[i + 1]! : null,
    count: counts[i]!
  }))
}

const responseOf = (
  rs: ReadonlyArray<ResponseAcc>,
  openWaits: ReadonlyArray<number>,
  openArrivals: ReadonlyArray<number>,
  prio: number
): ResponseFigures => {
  const quantiles = [0.5, 0.9, 0.99] as const
  const waits = summaryOf(
    SampleBuffer.gather(
      rs.map((r) => r.waits),
      openWaits
    ),
    quantiles
  )
  const arrivals = summaryOf(
    SampleBuffer.gather(
      rs.map((r) => r.arrivals),
      openArrivals
    ),
    quantiles
  )
  let within = 0,
    arrivedWithin = 0,
    registered = 0,
    handled = 0,
    recalled = 0
  for (const r of rs) {
    within += r.withinTarget
    arrivedWithin += r.arrivedWithinTarget
    registered += r.registered
    handled += r.handledOtherwise
    recalled += r.recalled
  }
  // A call still waiting at the end was not (yet) ordered a patrol, or had none on scene, within the target:
  // it counts against the share, however short its wait so far.
  const target = TARGETS[prio - 1]!
  const n = waits.n
  return {
    count: registered,
    dispatched: n - openWaits.length,
    undispatched: openWaits.length,
    n,
    targetMinutes: target,
    meanDispatchMinutes: share(waits.sum, n),
    p50DispatchMinutes: waits.percentiles[0],
    p90DispatchMinutes: waits.percentiles[1],
    p99DispatchMinutes: waits.percentiles[2],
    withinTarget: share(within, n),
    arrived: arrivals.n - openArrivals.length,
    meanArrivalMinutes: share(arrivals.sum, arrivals.n),
    p50ArrivalMinutes: arrivals.percentiles[0],
    p90ArrivalMinutes: arrivals.percentiles[1],
    p99ArrivalMinutes: arrivals.percentiles[2],
    arrivedWithinTarget: share(arrivedWithin, arrivals.n),
    handledOtherwise: handled,
    recalled
  }
}

const bodyOf = (
  snaps: ReadonlyArray<AreaSnapshot>,
  bins: ReadonlyArray<number>,
  calendarEvents: boolean,
  work: PatrolWorkFigures | undefined,
  communityShifts: boolean
): MetricsBody => {
  let planned = 0,
    delivered = 0,
    blocksPlanned = 0,
    blocksUnstaffed = 0,
    beyondHorizon = 0,
    uninterrupted = 0,
    interrupted = 0,
    abandoned = 0
  let startedLate = 0,
    lateMinutes = 0,
    gaveWay = 0
  const unstaffed = new Float64Array(UNSTAFFED_REASONS.length)
  const byPrio = [0, 0, 0]
  const byHour = new Array<number>(24).fill(0)
  const igv = new Float64Array(CATEGORIES),
    community = new Float64Array(CATEGORIES)
  const openSegments: Array<number> = []
  const plannedByHour = new Float64Array(24),
    deliveredByHour = new Float64Array(24)
  for (const s of snaps) {
    const a = s.acc
    planned += s.plannedMinutes
    delivered += s.deliveredMinutes
    blocksPlanned += a.blocksPlanned
    uninterrupted += s.blocksUninterrupted
    interrupted += a.blocksInterrupted
    abandoned += a.blocksAbandoned
    startedLate += a.blocksStartedLate
    lateMinutes += a.lateStartMinutes
    blocksUnstaffed += a.blocksUnstaffed
    beyondHorizon += a.beyondHorizonMinutes
    for (let r = 0; r < unstaffed.length; r++) unstaffed[r]! += a.unstaffedMinutes[r]!
    for (let p = 0; p < 3; p++) byPrio[p]! += a.interruptions[p]!
    gaveWay += a.gaveWay
    for (let h = 0; h < 24; h++) {
      byHour[h]! += a.interruptionsByHour[h]!
      plannedByHour[h]! += s.plannedByHour[h]!
      deliveredByHour[h]! += s.deliveredByHour[h]!
    }
    for (let i = 0; i < CATEGORIES; i++) {
      igv[i]! += s.minutes[0][i]!
      community[i]! += s.minutes[1][i]!
    }
    openSegments.push(...s.openSegments)
  }
  const segmentSamples = SampleBuffer.gather(
    snaps.map((s) => s.acc.segments),
    openSegments
  )
  const histogramOfSegments = histogram(segmentSamples, bins)
  const segments = summaryOf(segmentSamples, [0.5] as const)
  const total = byPrio[0]! + byPrio[1]! + byPrio[2]! + gaveWay
  const all = igv.map((x, i) => x + community[i]!)
  const response = (p: 1 | 2 | 3) =>
    responseOf(
      snaps.map((s) => s.acc.response[p - 1]!),
      snaps.flatMap((s) => s.openWaits[p - 1]!),
      snaps.flatMap((s) => s.openArrivals[p - 1]!),
      p
    )
  const unstaffedMinutes = sumOf(unstaffed)
  return {
    lineTime: {
      plannedHours: hours(planned),
      staffedHours: hours(planned - unstaffedMinutes),
      unstaffedHours: hours(unstaffedMinutes),
      unstaffed: unstaffedOf(unstaffed),
      beyondHorizonHours: hours(beyondHorizon),
      deliveredHours: hours(delivered),
      survival: survivalOf(delivered, planned),
      blocksPlanned,
      blocksUnstaffed,
      blocksUninterrupted: uninterrupted,
      blocksInterrupted: interrupted,
      blocksAbandoned: abandoned,
      blocksStartedLate: startedLate,
      lateStartHours: hours(lateMinutes),
      segments: segments.n,
      medianSegmentMinutes: segments.percentiles[0],
      segmentHistogram: histogramOfSegments,
      byLocalHour: Array.from(plannedByHour, (p, hour) => ({
        hour,
        plannedHours: hours(p),
        deliveredHours: hours(deliveredByHour[hour]!),
        survival: survivalOf(deliveredByHour[hour]!, p)
      }))
    },
    interruptions: {
      total,
      byPriority: { "1": byPrio[0]!, "2": byPrio[1]!, "3": byPrio[2]! },
      per100PlannedHours: planned > NOTHING_PLANNED ? (total * 100) / hours(planned) : null,
      ...(calendarEvents ? { calendarEvents: gaveWay } : {}),
      byLocalHour: byHour
    },
    response: { "1": response(1), "2": response(2), "3": response(3) },
    timeUse: {
      ...timeUseOf(all, calendarEvents, work),
      byKind: { igv: timeUseOf(igv, calendarEvents, work), community: timeUseOf(community, calendarEvents, work) }
    },
    ...(work === undefined
      ? {}
      : {
          tasks: taskFigures(
            snaps.map((s) => s.acc.tasks),
            snaps.reduce((sum, s) => sum + s.openTaskMinutes, 0)
          )
        }),
    ...(communityShifts
      ? {
          communityOfficers: communityOfficerFigures(
            snaps.map((s) => s.acc.communityShifts),
            community
          )
        }
      : {})
  }
}

const tagOf = (t: TagAcc, plannedMinutes: number, deliveredMinutes: number, uninterrupted: number): TagFigures => ({
  tag: t.tag,
  plannedHours: hours(plannedMinutes),
  staffedHours: hours(plannedMinutes - sumOf(t.unstaffedMinutes)),
  unstaffedHours: hours(sumOf(t.unstaffedMinutes)),
  unstaffed: unstaffedOf(t.unstaffedMinutes),
  deliveredHours: hours(deliveredMinutes),
  survival: survivalOf(deliveredMinutes, plannedMinutes),
  blocksPlanned: t.blocksPlanned,
  blocksUninterrupted: uninterrupted
})

/** A tag's figures with nothing planned: what a replication without that tag contributes. */
export const emptyTagFigures = (tag: string): TagFigures => tagOf(newTag(tag), 0, 0, 0)

/** The report from the accumulators, with what is still open closed at the last event's t. */
export const finishWith =
  (bins: ReadonlyArray<number>, patrolWork: PatrolWorkFigures | undefined) =>
  (s: State): MetricsReport => {
    const t = s.events === 0 ? 0 : s.lastT
    // Without the option (a recorded window), shown when the feed holds their events; the self-initiated share is then unknown.
    const work = patrolWork ?? (s.patrolWorkSeen ? { selfInitiatedShare: null } : undefined)
    const snaps = new Map<string, AreaSnapshot>()
    for (const [id, acc] of s.areas) {
      snaps.set(id, {
        acc,
        minutes: [new Float64Array(CATEGORIES), new Float64Array(CATEGORIES)],
        openTaskMinutes: 0,
        plannedMinutes: acc.plannedMinutes,
        deliveredMinutes: acc.deliveredMinutes,
        blocksUninterrupted: acc.blocksUninterrupted,
        openSegments: [],
        openWaits: [[], [], []],
        openArrivals: [[], [], []],
        plannedByHour: acc.plannedByHour.slice(),
        deliveredByHour: acc.deliveredByHour.slice()
      })
    }
    const snapOf = (area: string): AreaSnapshot => snaps.get(area)!
    for (const c of s.patrols.values()) {
      const m = minutesAt(c, t)
      const target = snapOf(c.area).minutes[c.kind === "igv" ? 0 : 1]
      for (let i = 0; i < CATEGORIES; i++) target[i]! += m[i]!
    }
    const taskArea = new Map<TaskAcc, AreaSnapshot>()
    for (const snap of snaps.values()) taskArea.set(snap.acc.tasks, snap)
    for (const task of s.tasks.values())
      if (!Number.isNaN(task.since)) taskArea.get(task.acc)!.openTaskMinutes += t - task.since
    const tagPlannedBeyond = new Map<TagAcc, number>()
    const tagDelivered = new Map<TagAcc, number>()
    const tagUninterrupted = new Map<TagAcc, number>()
    for (const b of s.blocks.values()) {
      const snap = snapOf(b.area.area)
      // A block still open at the end is planned only up to the end: the feed says nothing beyond it.
      const beyond = Math.max(0, b.plannedMinutes - (t - b.scheduledStart))
      snap.plannedMinutes -= beyond
      s.hours.spread(b.scheduledStart, Math.min(b.scheduledStart + b.plannedMinutes, t), snap.plannedByHour)
      if (b.tag !== undefined) tagPlannedBeyond.set(b.tag, (tagPlannedBeyond.get(b.tag) ?? 0) + beyond)
      const open = b.active ? t - b.segmentStart : 0
      if (b.active) {
        const minutes = open
        snap.deliveredMinutes += minutes
        s.hours.spread(b.segmentStart, t, snap.deliveredByHour)
        if (minutes > 0) snap.openSegments.push(minutes)
        if (b.tag !== undefined) tagDelivered.set(b.tag, (tagDelivered.get(b.tag) ?? 0) + minutes)
      }
      if (b.interruptions === 0 && b.delivered + open > 0) {
        snap.blocksUninterrupted++
        if (b.tag !== undefined) tagUninterrupted.set(b.tag, (tagUninterrupted.get(b.tag) ?? 0) + 1)
      }
    }
    for (const inc of s.incidents.stillOpen()) {
      if (inc.handled) continue
      if (!inc.dispatched) snapOf(inc.area.area).openWaits[inc.prio - 1]!.push(t - inc.registeredT)
      if (!inc.arrived) snapOf(inc.area.area).openArrivals[inc.prio - 1]!.push(t - inc.registeredT)
    }
    const areaIds = [...snaps.keys()].sort()
    const byArea: Record<string, MetricsBody> = {}
    for (const id of areaIds) byArea[id] = bodyOf([snapOf(id)], bins, s.calendarEvents, work, s.communityShiftsSeen)
    const byTag = [...s.tags.values()]
      .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
      .map((tag) =>
        tagOf(
          tag,
          tag.plannedMinutes - (tagPlannedBeyond.get(tag) ?? 0),
          tag.deliveredMinutes + (tagDelivered.get(tag) ?? 0),
          tag.blocksUninterrupted + (tagUninterrupted.get(tag) ?? 0)
        )
      )
    // One area's figures are the whole report's: not computed twice.
    const whole =
      areaIds.length === 1
        ? byArea[areaIds[0]!]!
        : bodyOf(areaIds.map(snapOf), bins, s.calendarEvents, work, s.communityShiftsSeen)
    return {
      ...whole,
      byArea,
      byTag,
      events: s.events
    }
  }
