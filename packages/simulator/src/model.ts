import type { AreaId, Instant, PatrolId, Rules, Scenario } from "@igv/domain"
import { clockMinutes, forEachWindow, LocalCalendar, type Timeline, timelineOf, weekdayMask } from "./calendar.js"
import { type Commitments, compileCommitments } from "./calendar-events.js"
import { ArrivalStream, type HourGrid, hourGridOf } from "./demand.js"
import { compilePatrolWork, type PatrolWorkModel } from "./patrol-work.js"
import { Rng, streamKey } from "./rng.js"
import { type Sampler, samplerOf } from "./sampler.js"
import { datedDimensioning, datedPlannedBlocks } from "./seasons.js"
import { nearestAreas, protectionMask, rulesByArea } from "./area-rules.js"
import { NO_SHIFTS_TAKEN, type TakenShifts, takeCommunityShifts, takesCommunityShifts } from "./community-shifts.js"

export const IGV = 0
export const COMMUNITY = 1
const KINDS = ["igv", "community"] as const

/** Patrol groups are (area, kind): group = area * 2 + kind. */
export const groupOf = (area: number, kind: number): number => area * 2 + kind

/**
 * Everything about a scenario that does not change while it runs, with areas, patrols and
 * templates turned into integer indices once, before the event loop starts.
 */
export interface Model {
  readonly calendar: LocalCalendar
  /** The horizon's local clock hours (see HourGrid), shared by every replication of the scenario. */
  readonly hours: HourGrid
  readonly areaIds: ReadonlyArray<AreaId>
  readonly areaIndex: ReadonlyMap<string, number>
  readonly neighbours: ReadonlyArray<Int32Array>
  /** Areas that list this area as a neighbour: who may borrow its patrols. */
  readonly borrowers: ReadonlyArray<Int32Array>
  // Patrol slots, grouped by (area, kind), contiguous per group.
  readonly groupFirst: Int32Array
  readonly groupSlots: Int32Array
  readonly groupDuty: ReadonlyArray<Timeline>
  readonly patrolIds: ReadonlyArray<PatrolId>
  readonly patrolArea: Int32Array
  readonly patrolGroup: Int32Array
  readonly patrolSlot: Int32Array
  /** Every change of an on-duty count, sorted by (time, group). */
  readonly dutyChanges: {
    readonly t: Float64Array
    readonly group: Int32Array
    readonly from: Int32Array
    readonly to: Int32Array
  }
  /** IGV patrols held free of planned blocks, per area. */
  readonly reserve: ReadonlyArray<Timeline>
  /** Every planned block start in the horizon, sorted by (time, template). */
  readonly blockStarts: { readonly t: Float64Array; readonly template: Int32Array; readonly day: Int32Array }
  readonly templates: ReadonlyArray<{
    readonly area: number
    readonly kind: number
    readonly durationMinutes: number
    readonly patrols: number
    readonly tag: string | undefined
    /** "pb<k>" (a season's: "s<i>pb<k>"), the part of its block ids that names the template. */
    readonly name: string
    /** Bit p set: a prio-p call may never interrupt this block (its area's `protectedTags`). */
    readonly protectedFrom: number
  }>
  /** The rules each area follows: `rules`, or the rule set that lists it. */
  readonly areaRules: ReadonlyArray<Rules>
  /** Every area, nearest first by median travel to this one (ties in the scenario's order). */
  readonly nearestAreas: ReadonlyArray<Int32Array>
  readonly commitments: Commitments
  /** Community officers' shifts taken away and their absences, decided from the roster. */
  readonly takenShifts: TakenShifts
  readonly streams: ReadonlyArray<ArrivalStream>
  readonly travel: ReadonlyArray<Sampler>
  /** Index into `travel` for (patrol area, incident area): travelModel[from * areas + to]. */
  readonly travelModel: Int32Array
  readonly replayOtherwiseRng: ReadonlyArray<Rng>
  readonly replayTravelRng: ReadonlyArray<Rng>
  /** Tasks, leadership and time around jobs. */
  readonly patrolWork: PatrolWorkModel
}

type Window = readonly [Instant, Instant, number]

/** The patrol slots and their on-duty counts over time, from each group's shift windows. */
type Duty = Pick<
  Model,
  "groupFirst" | "groupSlots" | "groupDuty" | "patrolIds" | "patrolArea" | "patrolGroup" | "patrolSlot" | "dutyChanges"
>

/**
 * What no replication's seed changes: worked out once per scenario and thread, and only read by the runs that share
 * it. The duty is too, unless community officers' shifts are drawn (taken or absent), which moves windows: then
 * `duty` is undefined and each replication works its own out.
 */
type Fixed = Omit<
  Model,
  "streams" | "takenShifts" | "replayOtherwiseRng" | "replayTravelRng" | "patrolWork" | keyof Duty
> & {
  /** Each group's shift windows before any community officer's shift is taken. */
  readonly windows: ReadonlyArray<ReadonlyArray<Window>>
  readonly duty: Duty | undefined
}

const fixedParts = new WeakMap<Scenario, Fixed>()
const fixedOf = (scenario: Scenario): Fixed => {
  let fixed = fixedParts.get(scenario)
  if (fixed === undefined) {
    fixed = compileFixed(scenario)
    fixedParts.set(scenario, fixed)
  }
  return fixed
}

export const compile = (scenario: Scenario, seed: number): Model => {
  const seeds = [scenario.seed, seed] as const
  const { windows: fixedWindows, duty: fixedDuty, ...fixed } = fixedOf(scenario)
  const { calendar, areaIndex, areaRules } = fixed
  let duty = fixedDuty,
    takenShifts = NO_SHIFTS_TAKEN
  if (duty === undefined) {
    // Taking community officers' shifts adds windows: to a copy, so that the scenario's own stay as they are.
    const windows = fixedWindows.map((w) => [...w])
    takenShifts = takeCommunityShifts(scenario, calendar, areaRules, windows, groupOf, areaIndex, seeds)
    duty = dutyOf(windows, fixed.areaIds)
  }
  const occurrences = new Map<string, number>()
  const streams = scenario.demand.synthetic.map((spec) => {
    const key = `${spec.area}|${spec.prio}`
    const occurrence = occurrences.get(key) ?? 0
    occurrences.set(key, occurrence + 1)
    return new ArrivalStream(indexIn(areaIndex, spec.area), spec.prio, spec, fixed.hours, seeds, occurrence)
  })
  return {
    ...fixed,
    ...duty,
    streams,
    takenShifts,
    replayOtherwiseRng: fixed.areaIds.map(
      (id) => new Rng(streamKey(seeds[0], seeds[1], id, "replay", "handled-otherwise"))
    ),
    replayTravelRng: fixed.areaIds.map((id) => new Rng(streamKey(seeds[0], seeds[1], id, "replay", "travel"))),
    patrolWork: compilePatrolWork(scenario, calendar, areaIndex, seeds)
  }
}

const indexIn = (areaIndex: ReadonlyMap<string, number>, id: string): number => {
  const i = areaIndex.get(id)
  if (i === undefined) throw new Error(`unknown area "${id}"`)
  return i
}

const compileFixed = (scenario: Scenario): Fixed => {
  const calendar = new LocalCalendar(scenario.start, scenario.days, scenario.timeZone)
  const grid = hourGridOf(calendar)
  const areaIds = scenario.areas.map((a) => a.id)
  const areaIndex = new Map<string, number>(areaIds.map((id, i) => [id, i]))
  const idx = (id: string): number => indexIn(areaIndex, id)
  const A = areaIds.length
  const neighbours = scenario.areas.map((a) =>
    Int32Array.from(a.neighbours.map(idx).filter((n, j, all) => n !== idx(a.id) && all.indexOf(n) === j))
  )
  const borrowers = areaIds.map((_, i) => Int32Array.from(neighbours.flatMap((ns, b) => (ns.includes(i) ? [b] : []))))

  // Dimensioning: the on-duty count per group as a step function of time.
  const windows: Array<Array<Window>> = Array.from({ length: A * 2 }, () => [])
  for (const list of datedDimensioning(scenario, calendar)) {
    for (const shift of list.items) {
      const g = groupOf(idx(shift.area), KINDS.indexOf(shift.kind))
      forEachWindow(
        calendar,
        shift.weekdays,
        shift.start,
        shift.end,
        (from, to) => windows[g]!.push([from, to, shift.patrols]),
        list.onDay
      )
    }
  }
  const areaRules = rulesByArea(scenario)
  const takesShifts = areaRules.some(takesCommunityShifts)

  const reserveWindows: Array<Array<Window>> = areaIds.map(() => [])
  areaIds.forEach((id, a) => {
    for (const r of areaRules[a]!.reserve) {
      if (r.area !== undefined && r.area !== id) continue
      forEachWindow(calendar, r.weekdays, r.start, r.end, (from, to) => reserveWindows[a]!.push([from, to, r.patrols]))
    }
  })

  const templates: Array<Model["templates"][number]> = []
  const starts: Array<[number, number, number]> = []
  for (const list of datedPlannedBlocks(scenario, calendar)) {
    list.items.forEach((b, i) => {
      const k = templates.length,
        area = idx(b.area)
      templates.push({
        area,
        kind: KINDS.indexOf(b.patrolKind),
        durationMinutes: b.durationMinutes,
        patrols: b.patrols,
        tag: b.tag,
        name: `${list.idPrefix}pb${i}`,
        protectedFrom: protectionMask(areaRules[area]!, b.tag)
      })
      const mask = weekdayMask(b.weekdays)
      const minute = clockMinutes(b.start)
      for (let day = 0; day < calendar.days; day++) {
        if ((mask & (1 << calendar.weekday(day))) === 0 || !list.onDay(day)) continue
        const t = calendar.at(day, minute)
        if (t >= calendar.startT && t < calendar.endT) starts.push([t, k, day])
      }
    })
  }
  starts.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2])

  const travel = [samplerOf(scenario.travel.default)]
  const travelModel = new Int32Array(A * A)
  for (const pair of scenario.travel.pairs) {
    travelModel[idx(pair.from) * A + idx(pair.to)] = travel.length
    travel.push(samplerOf(pair.model))
  }

  return {
    calendar,
    hours: grid,
    areaIds,
    areaIndex,
    neighbours,
    borrowers,
    windows,
    duty: takesShifts ? undefined : dutyOf(windows, areaIds),
    reserve: reserveWindows.map(timelineOf),
    blockStarts: {
      t: column(starts, 0, Float64Array),
      template: column(starts, 1, Int32Array),
      day: column(starts, 2, Int32Array)
    },
    templates,
    travel,
    travelModel,
    areaRules,
    nearestAreas: nearestAreas(A, travel, travelModel),
    commitments: compileCommitments(scenario, calendar, (id, kind) => groupOf(idx(id), KINDS.indexOf(kind)))
  }
}

const dutyOf = (windows: ReadonlyArray<ReadonlyArray<Window>>, areaIds: ReadonlyArray<AreaId>): Duty => {
  const groupDuty = windows.map(timelineOf)
  const groupSlots = Int32Array.from(groupDuty, (line) => line.counts.reduce((m, c) => Math.max(m, c), 0))
  const groupFirst = new Int32Array(groupDuty.length)
  const patrolIds: Array<PatrolId> = [],
    area: Array<number> = [],
    group: Array<number> = [],
    slot: Array<number> = []
  for (let g = 0; g < groupDuty.length; g++) {
    groupFirst[g] = patrolIds.length
    for (let s = 0; s < groupSlots[g]!; s++) {
      patrolIds.push(`${areaIds[g >> 1]}/${KINDS[g & 1]}/${s}` as PatrolId)
      area.push(g >> 1)
      group.push(g)
      slot.push(s)
    }
  }
  const changes: Array<[number, number, number, number]> = []
  groupDuty.forEach((line, g) => {
    let prev = 0
    for (let i = 0; i < line.times.length; i++) {
      changes.push([line.times[i]!, g, prev, line.counts[i]!])
      prev = line.counts[i]!
    }
  })
  changes.sort((x, y) => x[0] - y[0] || x[1] - y[1])
  return {
    groupFirst,
    groupSlots,
    groupDuty,
    patrolIds,
    patrolArea: Int32Array.from(area),
    patrolGroup: Int32Array.from(group),
    patrolSlot: Int32Array.from(slot),
    dutyChanges: {
      t: column(changes, 0, Float64Array),
      group: column(changes, 1, Int32Array),
      from: column(changes, 2, Int32Array),
      to: column(changes, 3, Int32Array)
    }
  }
}

/** One column of an array of tuples as a typed array (TypedArray.from with a map function is slow). */
const column = <T extends Float64Array | Int32Array>(
  rows: ReadonlyArray<ReadonlyArray<number>>,
  i: number,
  make: new (n: number) => T
): T => {
  const out = new make(rows.length)
  for (let r = 0; r < rows.length; r++) out[r] = (rows[r] as ReadonlyArray<number>)[i] as number
  return out
}
