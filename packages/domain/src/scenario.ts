import { Schema } from "effect"
import { isBetween, isFiniteNumber, isInt, isMinLength, isNonNegative } from "./checks.js"
import { AreaId } from "./ids.js"
import { CalendarEventKind, PatrolKind, Priority } from "./priority.js"
import { decodeWith, formatPath, type Decoded } from "./errors.js"
import { scenarioReferenceIssues } from "./scenario-references.js"
import { DEFAULT_TIME_ZONE, isValidTimeZone, parseLocalDate } from "./time.js"
import { TimeAroundJobs } from "./scenario-around-jobs.js"
import { communityOfficerRules } from "./scenario-community.js"
import { Leadership, TaskList } from "./scenario-free-time.js"
import {
  Clock,
  Count,
  Lognormal,
  Minutes,
  orDefault,
  PositiveMinutes,
  ServiceModel,
  Share,
  Weekdays,
  weeklyWindow
} from "./scenario-parts.js"

export { Clock, ServiceModel, Weekday, WEEKDAYS } from "./scenario-parts.js"

/** A local calendar date, "YYYY-MM-DD". */
export const LocalDate = Schema.String.check(
  Schema.makeFilter(
    (s) => {
      const parsed = parseLocalDate(s)
      return typeof parsed === "string" ? parsed : true
    },
    { toJsonSchema: () => ({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }) }
  )
)

export const TravelModel = Schema.Union([Schema.TaggedStruct("fixed", { minutes: Minutes }), Lognormal])
export type TravelModel = typeof TravelModel.Type

export const Area = Schema.Struct({
  id: AreaId,
  name: Schema.optionalKey(Schema.String),
  neighbours: orDefault(Schema.Array(AreaId), []),
  inhabitants: Schema.optionalKey(Count)
})
export type Area = typeof Area.Type

export const Travel = Schema.Struct({
  /** Travel within an area, when nothing more specific is given. */
  default: TravelModel,
  /** Per area pair (from = patrol's area, to = incident's area); within an area: from = to. */
  pairs: orDefault(Schema.Array(Schema.Struct({ from: AreaId, to: AreaId, model: TravelModel })), [])
})
export type Travel = typeof Travel.Type

/** Patrols on duty in an area on given weekdays between two local times; end ≤ start crosses midnight. */
export const Shift = Schema.Struct({
  area: AreaId,
  kind: orDefault(PatrolKind, "igv"),
  patrols: Count,
  ...weeklyWindow
})
export type Shift = typeof Shift.Type

/** `length` relative weights, finite, non-negative and not all zero. */
const weightProfile = (length: number, message: string) =>
  Schema.Array(Schema.Number.check(isFiniteNumber, isNonNegative)).check(
    Schema.makeFilter((a) => a.length === length && a.some((w) => w > 0), { message })
  )

/** Synthetic demand: a non-homogeneous Poisson stream of incidents for one area and priority. */
export const DemandStream = Schema.Struct({
  area: AreaId,
  prio: Priority,
  perDay: Schema.Number.check(isFiniteNumber, isNonNegative),
  /** 168 relative weights, Monday 00–01 local first; scaled so the weekly mean rate is perDay. Flat if omitted. */
  hourOfWeekProfile: Schema.optionalKey(
    weightProfile(168, "hourOfWeekProfile needs 168 finite non-negative weights, not all zero")
  ),
  /** 12 relative weights, January first, by the local month; scaled so they average 1 (perDay is an average month's). Flat if omitted. */
  monthOfYearProfile: Schema.optionalKey(
    weightProfile(12, "monthOfYearProfile needs 12 finite non-negative weights, January first, not all zero")
  ),
  service: ServiceModel,
  /** Share of incidents that need two units. */
  twoUnitShare: orDefault(Share, 0)
})
export type DemandStream = typeof DemandStream.Type

export const Demand = Schema.Struct({
  synthetic: orDefault(Schema.Array(DemandStream), []),
  /** A recorded feed (NDJSON or CSV) to replay, relative to the scenario file. */
  feed: Schema.optionalKey(Schema.String),
  /**
   * The time zone of a feed file's timestamps without an offset (as exports write local time); without it they are
   * refused, being ambiguous across DST. A store's events hold their instants already.
   */
  feedTimeZone: Schema.optionalKey(
    Schema.String.check(Schema.makeFilter(isValidTimeZone, { message: "unknown IANA time zone" }))
  )
})
export type Demand = typeof Demand.Type

/** Recurring planned line work assigned to patrols on duty: crime-prevention patrols, citizen-promise activities. */
export const PlannedBlockTemplate = Schema.Struct({
  area: AreaId,
  patrolKind: orDefault(PatrolKind, "igv"),
  weekdays: Weekdays,
  start: Clock,
  durationMinutes: PositiveMinutes,
  /** How many of the patrols on duty get the block (those not held in reserve). */
  patrols: Count,
  tag: Schema.optionalKey(Schema.String)
})
export type PlannedBlockTemplate = typeof PlannedBlockTemplate.Type

export const Reserve = Schema.Struct({
  /** All areas when omitted. */
  area: Schema.optionalKey(AreaId),
  ...weeklyWindow,
  patrols: Count
})
export type Reserve = typeof Reserve.Type

export const Borrowing = Schema.Struct({
  prio: Priority,
  /** A call of this priority may take a neighbouring area's patrol once it has waited this long. */
  afterMinutes: Minutes
})
export type Borrowing = typeof Borrowing.Type

export const ProtectedTag = Schema.Struct({
  tag: Schema.String.check(isMinLength(1)),
  from: Schema.NonEmptyArray(Priority)
})
export type ProtectedTag = typeof ProtectedTag.Type

/** The chain-of-command rules; every default is today's practice as the inspection found it. */
export const Rules = Schema.Struct({
  /** Priorities that may break into a planned block at once. Status quo: all three. Prio 3 under "defer" follows its limit instead. */
  interruptingPriorities: orDefault(Schema.Array(Priority), [1, 2, 3]),
  prio3: orDefault(
    Schema.Struct({
      /** "dispatch": at once, like any call (interrupting only if 3 is an interrupting priority); "defer": wait for a patrol without planned work, then interrupt after deferLimitMinutes. */
      handling: orDefault(Schema.Literals(["dispatch", "defer"]), "dispatch"),
      /** Share of prio-3 calls handled another way (desk, phone). */
      handledOtherwiseShare: orDefault(Share, 0),
      /** With "defer": a call that has waited this long may take a patrol from planned work, whatever interruptingPriorities says. */
      deferLimitMinutes: orDefault(Minutes, 180)
    }),
    {}
  ),
  reserve: orDefault(Schema.Array(Reserve), []),
  borrowing: orDefault(Schema.Array(Borrowing), []),
  communityOfficers: orDefault(
    Schema.Struct({
      /** Priorities for which community officers may be drawn into IGV. */
      drawnFor: orDefault(Schema.Array(Priority), [1, 2, 3]),
      ...communityOfficerRules
    }),
    {}
  ),
  resume: orDefault(
    Schema.Struct({
      enabled: orDefault(Schema.Boolean, true),
      /** The shortest remnant of a planned block still worth resuming. */
      minimumRemnantMinutes: orDefault(Minutes, 20)
    }),
    {}
  ),
  /** Whether a prio-1 call may take a patrol off a prio-3 job. */
  prio1PreemptsPrio3: orDefault(Schema.Boolean, false),
  /** Prio 1 gets the free IGV patrol of any area with the shortest median travel, at once (no borrowing delay). */
  prio1NearestUnit: orDefault(Schema.Boolean, false),
  /** Planned blocks with a tag that calls of the listed priorities never interrupt (not even prio 3 past its defer limit). */
  protectedTags: orDefault(Schema.Array(ProtectedTag), [])
})
export type Rules = typeof Rules.Type

/** Other rules for some areas (e.g. a region with regional rules beside one without): they replace `rules` there, whole. */
export const RuleSet = Schema.Struct({
  areas: Schema.NonEmptyArray(AreaId),
  rules: orDefault(Rules, {})
})
export type RuleSet = typeof RuleSet.Type

/**
 * A dated event (an operation, a special event, a kommendering) that takes patrols from their areas on each day
 * from `from` to `to` between two local times (end ≤ start crosses midnight; 00:00–00:00 is the whole day).
 */
export const CalendarEvent = Schema.Struct({
  id: Schema.String.check(isMinLength(1)),
  kind: CalendarEventKind,
  from: LocalDate,
  /** The last day an occurrence starts, inclusive. */
  to: LocalDate,
  weekdays: Weekdays,
  start: orDefault(Clock, "00:00"),
  end: orDefault(Clock, "00:00"),
  takes: Schema.NonEmptyArray(
    Schema.Struct({
      area: AreaId,
      kind: orDefault(PatrolKind, "igv"),
      patrols: Count
    })
  ),
  /** Whether it takes patrols out of planned blocks (the block gives way), or only patrols without planned work. */
  interruptsPlannedWork: Schema.Boolean
})
export type CalendarEvent = typeof CalendarEvent.Type

/** Staffing and planned work for a date range (summer, holidays): on the days it covers, its lists replace the scenario's. */
export const Season = Schema.Struct({
  name: Schema.String.check(isMinLength(1)),
  from: LocalDate,
  /** The last day, inclusive; a shift or block belongs to the day it starts. */
  to: LocalDate,
  dimensioning: Schema.optionalKey(Schema.Array(Shift)),
  plannedBlocks: Schema.optionalKey(Schema.Array(PlannedBlockTemplate))
})
export type Season = typeof Season.Type

export const Scenario = Schema.Struct({
  name: Schema.String.check(isMinLength(1)),
  description: Schema.optionalKey(Schema.String),
  /** First local day simulated, from midnight. */
  start: LocalDate,
  days: Schema.Number.check(isInt, isBetween(1, 3660)),
  timeZone: orDefault(
    Schema.String.check(Schema.makeFilter(isValidTimeZone, { message: "unknown IANA time zone" })),
    DEFAULT_TIME_ZONE
  ),
  seed: orDefault(Schema.Number.check(isInt), 1),
  replications: orDefault(Schema.Number.check(isInt, isBetween(1, 100_000)), 1),
  areas: Schema.NonEmptyArray(Area),
  travel: orDefault(Travel, { default: { _tag: "fixed" as const, minutes: 10 }, pairs: [] }),
  dimensioning: Schema.Array(Shift),
  demand: Demand,
  plannedBlocks: orDefault(Schema.Array(PlannedBlockTemplate), []),
  rules: orDefault(Rules, {}),
  ruleSets: orDefault(Schema.Array(RuleSet), []),
  calendar: orDefault(Schema.Array(CalendarEvent), []),
  seasons: orDefault(Schema.Array(Season), []),
  tasks: Schema.optionalKey(Schema.Array(TaskList)),
  leadership: Schema.optionalKey(Leadership),
  timeAroundJobs: Schema.optionalKey(TimeAroundJobs)
}).check(
  Schema.makeFilter((s) => {
    const issues: Array<Schema.FilterIssue> = scenarioReferenceIssues(s).map((i) => ({
      path: i.path,
      issue: i.message
    }))
    if (s.demand.synthetic.length === 0 && s.demand.feed === undefined) {
      issues.push({ path: ["demand"], issue: "give synthetic demand streams, a recorded feed, or both" })
    }
    return issues
  })
)
export type Scenario = typeof Scenario.Type
export type ScenarioInput = typeof Scenario.Encoded

const decodeScenarioSchema = decodeWith(Scenario)

/**
 * Decodes a scenario with every problem at once. The schema checks areas and duplicates across parts
 * only once every field decodes; on an input that does not, they are run on the raw input as well,
 * so an unknown area is named beside a misspelt time.
 */
export const decodeScenarioInput = (input: unknown): Decoded<Scenario> => {
  const decoded = decodeScenarioSchema(input)
  if (decoded.ok) return decoded
  const seen = new Set(decoded.issues.map((i) => `${i.path}\u0000${i.message}`))
  const references = scenarioReferenceIssues(input)
    .map((i) => ({ path: formatPath(i.path), message: i.message }))
    .filter((i) => !seen.has(`${i.path}\u0000${i.message}`))
  return { ok: false, issues: [...decoded.issues, ...references] }
}
