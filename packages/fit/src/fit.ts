import type { IgvEvent, IncidentRegistered } from "@igv/domain"
import { fitDemand, SEASON_DAYS, type FittedDemandStream } from "./demand.js"
import { fitDimensioning, type FittedDimensioning } from "./dimensioning.js"
import { LocalHours } from "./local-hours.js"
import { fitOnScene, type FittedOnScene } from "./on-scene.js"
import { PatrolDirectory } from "./patrols.js"
import { fitPlannedBlocks, type FittedPlannedBlocks } from "./planned-blocks.js"
import { fitHandledOtherwise, fitTwoUnitShares, shareOf, type FittedShare } from "./shares.js"
import { fitTravel, type TravelFits } from "./travel.js"
import { unfittedEventKinds } from "./unfitted-kinds.js"

export interface FitOptions {
  /** The window, from inclusive, to exclusive; by default the local days from the first event to the last registration. */
  readonly from?: number
  readonly to?: number
  readonly timeZone: string
}

export interface FittedStream {
  readonly demand: FittedDemandStream
  readonly onScene: FittedOnScene | undefined
  readonly twoUnits: FittedShare
}

/** A part of the scenario the window cannot give, and why; never filled in silently. */
export interface NotFitted {
  readonly part: string
  readonly reason: string
}

export interface FitResult {
  readonly from: number
  readonly to: number
  readonly timeZone: string
  /** The scenario's first local day and number of days (the local days the window touches). */
  readonly start: string
  readonly days: number
  readonly events: number
  readonly incidents: number
  readonly areas: ReadonlyArray<string>
  readonly streams: ReadonlyArray<FittedStream>
  readonly handledOtherwise: FittedShare | undefined
  readonly travel: TravelFits
  readonly dimensioning: FittedDimensioning | undefined
  readonly plannedBlocks: FittedPlannedBlocks | undefined
  readonly notFitted: ReadonlyArray<NotFitted>
}

/** Nothing in the window to fit a scenario from: the user's input, told plainly. */
export class NothingToFit extends Error {
  override readonly name = "NothingToFit"
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** Why a month profile is missing or in part not measured; nothing when every month of every stream is measured. */
function monthProfileGaps(streams: ReadonlyArray<FittedStream>, hours: LocalHours): NotFitted[] {
  const spanDays = (hours.to - hours.from) / 1440
  if (spanDays <= SEASON_DAYS) {
    return [
      {
        part: "demand monthOfYearProfile",
        reason: `the window spans ${Math.round(spanDays)} days, not more than a season (${SEASON_DAYS}): a month effect cannot be told apart from chance; none is written, every month has the window's rate`
      }
    ]
  }
  const missing = streams[0]?.demand.monthProfile?.missing ?? []
  if (missing.length === 0) return []
  return [
    {
      part: "demand monthOfYearProfile",
      reason: `the window does not cover ${missing.map((m) => MONTH_NAMES[m]).join(", ")}: their weight is the window's average rate, not measured`
    }
  ]
}

const localMidnight = (hours: LocalHours) => hours.starts[0] as number

/** The default window: local midnight of the first event's day to local midnight after the last registration. */
export function windowOf(
  events: ReadonlyArray<IgvEvent>,
  incidents: ReadonlyArray<IncidentRegistered>,
  options: FitOptions
): { from: number; to: number } {
  const first = events[0]?.t,
    last = incidents[incidents.length - 1]?.t
  if (first === undefined || last === undefined)
    throw new NothingToFit("the window holds no incident registrations (IncidentRegistered): there is no demand to fit")
  const from = options.from ?? localMidnight(new LocalHours(first, first + 1, options.timeZone))
  const to = options.to ?? (new LocalHours(last, last + 1, options.timeZone).starts[24] as number)
  return { from, to }
}

/**
 * The window split for a hold-out check: the first local days to fit, the last `fraction` of them (at least one)
 * to check against. Undefined when the window has fewer than two days.
 */
export function holdoutSplit(
  events: ReadonlyArray<IgvEvent>,
  options: FitOptions,
  fraction: number
): { from: number; split: number; to: number; checkStart: string; checkDays: number } | undefined {
  const incidents = events.filter(
    (e): e is IncidentRegistered =>
      e._tag === "IncidentRegistered" &&
      (options.from === undefined || e.t >= options.from) &&
      (options.to === undefined || e.t < options.to)
  )
  const { from, to } = windowOf(
    events.filter(
      (e) => (options.from === undefined || e.t >= options.from) && (options.to === undefined || e.t < options.to)
    ),
    incidents,
    options
  )
  const hours = new LocalHours(from, to, options.timeZone)
  const checkDays = Math.max(1, Math.round(hours.days * fraction))
  const fitDays = hours.days - checkDays
  if (fitDays < 1) return undefined
  return {
    from,
    split: hours.starts[fitDays * 24] as number,
    to,
    checkStart: hours.dates[fitDays] as string,
    checkDays
  }
}

/** Fits every part of a scenario the window's events allow, in event-time order; see the README for the estimators. */
export function fitWindow(allEvents: ReadonlyArray<IgvEvent>, options: FitOptions): FitResult {
  const inWindow = (t: number) =>
    (options.from === undefined || t >= options.from) && (options.to === undefined || t < options.to)
  const events = allEvents.filter((e) => inWindow(e.t))
  const incidents = events.filter((e): e is IncidentRegistered => e._tag === "IncidentRegistered")
  const { from, to } = windowOf(events, incidents, options)
  const hours = new LocalHours(from, to, options.timeZone)
  const handled = new Set<string>()
  for (const e of events) if (e._tag === "IncidentHandledOtherwise") handled.add(e.incident)
  const patrols = new PatrolDirectory(events)
  const onScene = new Map(fitOnScene(incidents, handled).map((s) => [`${s.area}\u0000${s.prio}`, s]))
  const twoUnits = fitTwoUnitShares(incidents)
  const streams = fitDemand(incidents, hours).map((demand) => {
    const id = `${demand.area}\u0000${demand.prio}`
    return { demand, onScene: onScene.get(id), twoUnits: twoUnits.get(id) ?? shareOf(0, 0) }
  })
  const areas = new Set<string>()
  for (const e of events)
    if (
      e._tag === "IncidentRegistered" ||
      e._tag === "ShiftStarted" ||
      e._tag === "PlannedBlockStarted" ||
      e._tag === "PlannedBlockUnstaffed"
    )
      areas.add(e.area)
  const notFitted: NotFitted[] = []
  for (const s of streams) {
    if (s.onScene?.fit !== undefined) continue
    notFitted.push({
      part: `demand ${s.demand.area} prio ${s.demand.prio}`,
      reason: `${s.demand.calls} call(s) and too few positive on-scene times for any fit, in the area or over all areas of the priority; the stream is left out`
    })
  }
  if (notFitted.length === streams.length) {
    throw new NothingToFit(
      `no demand stream could be fitted (${incidents.length} incidents; too few positive on-scene times in every area and priority)`
    )
  }
  const handledOtherwise = events.some((e) => e._tag === "IncidentHandledOtherwise")
    ? fitHandledOtherwise(incidents, handled)
    : undefined
  if (handledOtherwise === undefined) {
    notFitted.push({
      part: "rules.prio3.handledOtherwiseShare",
      reason: "the window holds no IncidentHandledOtherwise events; left at its default 0"
    })
  }
  const travel = fitTravel(events, patrols)
  if (travel.withinAreas.fit === undefined) {
    notFitted.push({
      part: "travel.default",
      reason: `${travel.withinAreas.samples} dispatch-to-on-scene interval(s) within an area (PatrolDispatched then PatrolOnScene); too few to fit, so the format's default (fixed 10 minutes) applies: set it yourself`
    })
  }
  for (const p of travel.pairs) {
    if (p.fit === undefined && p.from !== p.to)
      notFitted.push({
        part: `travel ${p.from} → ${p.to}`,
        reason: `${p.samples} interval(s), too few for a fit; the default travel applies`
      })
  }
  const dimensioning = fitDimensioning(events, hours)
  if (dimensioning === undefined) {
    notFitted.push({
      part: "dimensioning",
      reason:
        "the window holds no shift events (ShiftStarted/ShiftEnded); give the patrols on duty per area, weekday and time yourself"
    })
  }
  const plannedBlocks = fitPlannedBlocks(events, hours, patrols)
  if (plannedBlocks === undefined)
    notFitted.push({
      part: "plannedBlocks",
      reason: "the window holds no planned-block events (PlannedBlockStarted/Unstaffed); none are written"
    })
  else {
    if (plannedBlocks.irregular > 0)
      notFitted.push({
        part: "plannedBlocks",
        reason: `${plannedBlocks.irregular} block share(s) follow no weekly pattern (planned on fewer than half the days of their weekday); left out`
      })
    if (plannedBlocks.unknownKind > 0)
      notFitted.push({
        part: "plannedBlocks",
        reason: `${plannedBlocks.unknownKind} block share(s) of patrols whose shift started before the window (kind unknown); left out`
      })
  }
  notFitted.push({
    part: "rules",
    reason: "chain-of-command rules are not fitted: the status quo (every default) is written; change them to compare"
  })
  notFitted.push(...monthProfileGaps(streams, hours))
  notFitted.push(...unfittedEventKinds(events))
  return {
    from,
    to,
    timeZone: options.timeZone,
    start: hours.dates[0] as string,
    days: hours.days,
    events: events.length,
    incidents: incidents.length,
    areas: [...areas].sort(),
    streams,
    handledOtherwise,
    travel,
    dimensioning,
    plannedBlocks,
    notFitted
  }
}
