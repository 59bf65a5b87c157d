import { Schema } from "effect"
import {
  parseClock,
  Rules,
  TARGET_MINUTES,
  WEEKDAYS,
  type IncidentRegistered,
  type InputIssue,
  type Priority,
  type Scenario
} from "@igv/domain"
import {
  COMMUNITY,
  compile,
  countAt,
  countUpTo,
  datedDimensioning,
  datedPlannedBlocks,
  forEachWindow,
  groupOf,
  IGV,
  type Model
} from "@igv/simulator"
import { lintCalendar } from "./calendar-lint.js"
import { lintCommunityOfficers } from "./community-lint.js"
import { capacityWarnings } from "./lint-capacity.js"
import { ruleScopes } from "./rule-scopes.js"
import { count, localTime, oneDecimal, startWords, windowWords } from "./lint-words.js"

/**
 * "inert": the setting has no effect; removing it leaves every figure of the run unchanged.
 * "warning": settings that contradict each other or a plan that cannot hold as written.
 */
export type LintSeverity = "warning" | "inert"

export interface ScenarioWarning extends InputIssue {
  readonly severity: LintSeverity
}

export interface LintOptions {
  /**
   * The incidents a run replays beside the synthetic demand, or "unknown" when a feed will be
   * replayed but is not at hand (then nothing is called inert for want of calls). Without it, a
   * scenario's own `demand.feed` counts as unknown.
   */
  readonly replayed?: ReadonlyArray<IncidentRegistered> | "unknown"
  /**
   * Whether the replayed feed is read from an event store rather than a file. Without it, a scenario's `demand.feed`
   * of "store" (the API's store window) counts as one.
   */
  readonly replayedFromStore?: boolean
}

/** Which calls the run will see: (area, priority) pairs with calls, and whether that is all of them. */
export interface DemandSeen {
  readonly has: (area: number, prio: Priority) => boolean
  readonly complete: boolean
}

const DEFAULT_RULES = Schema.decodeUnknownSync(Rules)({})
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const KIND_WORDS = ["IGV patrol", "community officer"] as const

const demandSeen = (scenario: Scenario, m: Model, options: LintOptions): DemandSeen => {
  const pairs = new Set<number>()
  for (const s of scenario.demand.synthetic) if (s.perDay > 0) pairs.add(m.areaIndex.get(s.area)! * 3 + s.prio - 1)
  const replayed = options.replayed ?? (scenario.demand.feed === undefined ? [] : "unknown")
  if (replayed !== "unknown") {
    const { startT, endT } = m.calendar
    for (const i of replayed)
      if (i.t >= startT && i.t < endT && m.areaIndex.has(i.area)) pairs.add(m.areaIndex.get(i.area)! * 3 + i.prio - 1)
  }
  return { has: (area, prio) => pairs.has(area * 3 + prio - 1), complete: replayed !== "unknown" }
}

/**
 * Per block template of the model (the scenario's own blocks, then each season's), its starts in the horizon, how
 * many patrols each start can be given, and how much of it runs past the horizon's end.
 */
interface BlockStaffing {
  readonly starts: number
  /** Starts at which no patrol of the block's kind is on duty. */
  readonly offDuty: number
  /** Starts at which none is on duty beyond the reserve. */
  readonly unstaffed: number
  /** Starts at which fewer than the block's patrols are. */
  readonly short: number
  /** Of those, starts at which a community officer of the area is taken away or absent (uncovered). */
  readonly shortTaken: number
  readonly firstShort?: { readonly t: number; readonly duty: number; readonly reserve: number }
  /** Planned minutes (patrols × minutes) past the horizon's end, and the first start that runs past it. */
  readonly beyondEnd: number
  readonly firstBeyondEnd?: number
}

/**
 * Whether a community officer of `area` is, at `t`, taken into other duty or absent without a substitute, in the
 * roster the model drew (on the scenario's seed; each replication draws its own). Shifts come sorted by start.
 */
const communityTakenAt = (m: Model, longest: number, area: number, t: number): boolean => {
  const taken = m.takenShifts
  // A shift that started at or before t - longest has ended by t.
  for (let j = countUpTo(taken.t, t - longest); j < taken.t.length && taken.t[j]! <= t; j++)
    if (taken.area[j] === area && taken.covered[j] === 0 && t < taken.t[j]! + taken.minutes[j]!) return true
  return false
}

const blockStaffing = (m: Model): Array<BlockStaffing> => {
  const out = m.templates.map(
    () =>
      ({ starts: 0, offDuty: 0, unstaffed: 0, short: 0, shortTaken: 0, beyondEnd: 0 }) as {
        -readonly [K in keyof BlockStaffing]: BlockStaffing[K]
      }
  )
  const { t, template } = m.blockStarts
  const longest = m.takenShifts.minutes.reduce((a, b) => Math.max(a, b), 0)
  for (let i = 0; i < t.length; i++) {
    const k = template[i]!,
      tpl = m.templates[k]!,
      s = out[k]!
    const over = t[i]! + tpl.durationMinutes - m.calendar.endT
    if (over > 0) {
      s.beyondEnd += over * tpl.patrols
      s.firstBeyondEnd ??= t[i]!
    }
    const duty = countAt(m.groupDuty[groupOf(tpl.area, tpl.kind)]!, t[i]!)
    const reserve = tpl.kind === IGV ? countAt(m.reserve[tpl.area]!, t[i]!) : 0
    const free = Math.max(0, duty - reserve)
    s.starts++
    if (duty === 0) s.offDuty++
    if (free === 0) s.unstaffed++
    if (free < tpl.patrols) {
      s.short++
      s.firstShort ??= { t: t[i]!, duty, reserve }
      if (tpl.kind === COMMUNITY && communityTakenAt(m, longest, tpl.area, t[i]!)) s.shortTaken++
    }
  }
  return out
}

/**
 * Every setting of a scenario that has no effect, or contradicts another, and every area and hour of
 * the week where the calls offered reach the patrols on duty. Pure: the scenario (decoded, defaults
 * filled in) in, warnings with their JSON paths out, judged on the model the simulator runs.
 */
export const lintScenario = (scenario: Scenario, options: LintOptions = {}): Array<ScenarioWarning> => {
  const m = compile(scenario, scenario.seed)
  const demand = demandSeen(scenario, m, options)
  const out: Array<ScenarioWarning> = []
  const inert = (path: string, message: string) =>
    out.push({ path, message: `no effect: ${message}`, severity: "inert" })
  const warn = (path: string, message: string) => out.push({ path, message, severity: "warning" })
  const tz = scenario.timeZone
  const slots = (area: number, kind: number) => m.groupSlots[groupOf(area, kind)]!
  // Neighbours are where calls borrow from; without a borrowing rule anywhere no call looks at them.
  const borrowingAnywhere = m.areaRules.some((rules) => rules.borrowing.length > 0)

  // Areas.
  scenario.areas.forEach((area, i) => {
    if (area.neighbours.length > 0 && !borrowingAnywhere)
      inert(
        `areas[${i}].neighbours`,
        `no borrowing rule is given (rules.borrowing${scenario.ruleSets.length > 0 ? " and every rule set's" : ""}), so no call ever borrows a neighbour's patrol`
      )
    else
      area.neighbours.forEach((n, j) => {
        if (n === area.id)
          inert(
            `areas[${i}].neighbours[${j}]`,
            `area "${n}" lists itself as a neighbour; its own patrols serve it anyway`
          )
        else if (area.neighbours.indexOf(n) < j)
          inert(`areas[${i}].neighbours[${j}]`, `neighbour "${n}" is listed twice`)
      })
    const prios = ([1, 2, 3] as const).filter((p) => demand.has(i, p))
    if (prios.length > 0 && slots(i, IGV) === 0) {
      const rules = m.areaRules[i]!
      const community = slots(i, COMMUNITY) > 0 && rules.communityOfficers.drawnFor.length > 0
      const borrowable = m.neighbours[i]!.some((n) => slots(n, IGV) > 0) && rules.borrowing.length > 0
      warn(
        `areas[${i}]`,
        `calls of prio ${prios.join(", ")} arrive in "${area.id}" but no IGV patrol is ever on duty there; ` +
          (community || borrowable
            ? `only ${[community ? "community officers (if drawn for the priority)" : "", borrowable ? "patrols borrowed from neighbours (after the borrowing delay)" : ""].filter((s) => s !== "").join(" and ")} can serve them`
            : "they are never dispatched")
      )
    }
  })

  // The feed's time zone reads a feed file's local times: without a feed, or with a store's, it reads nothing.
  if (scenario.demand.feedTimeZone !== undefined) {
    const fromStore = options.replayedFromStore ?? scenario.demand.feed === "store"
    const replayed = options.replayed ?? []
    const noFeed = scenario.demand.feed === undefined && replayed !== "unknown" && replayed.length === 0
    if (noFeed) inert("demand.feedTimeZone", "no feed is replayed, so no feed time is read in this zone")
    else if (fromStore)
      inert("demand.feedTimeZone", "the feed is read from an event store, whose events hold their instants already")
  }

  // Demand. A stream's random numbers are keyed by its area, priority and place among the streams of both, so a
  // stream of no calls followed by another of its area and priority still changes that one's draws.
  const streams = scenario.demand.synthetic
  streams.forEach((stream, i) => {
    const later = streams.slice(i + 1).some((s) => s.area === stream.area && s.prio === stream.prio)
    if (stream.perDay === 0 && !later) inert(`demand.synthetic[${i}]`, "a stream of 0 calls a day brings no calls")
  })

  // Dimensioning. A season that gives its own replaces the scenario's on its days.
  const replacedBy = (gives: (s: Scenario["seasons"][number]) => boolean) =>
    scenario.seasons.flatMap((s) => (gives(s) ? [`"${s.name}" ${s.from} to ${s.to}`] : [])).join(", ")
  const ownShiftDays = datedDimensioning(scenario, m.calendar)[0]!.onDay
  scenario.dimensioning.forEach((shift, i) => {
    if (shift.patrols === 0) return inert(`dimensioning[${i}]`, "a shift of 0 patrols puts nobody on duty")
    let windows = 0,
      ownWindows = 0
    forEachWindow(m.calendar, shift.weekdays, shift.start, shift.end, () => windows++)
    forEachWindow(m.calendar, shift.weekdays, shift.start, shift.end, () => ownWindows++, ownShiftDays)
    const words = windowWords(shift.weekdays, shift.start, shift.end)
    if (windows === 0)
      inert(
        `dimensioning[${i}]`,
        `this shift (${words}) falls on no day of the ${scenario.days}-day horizon from ${scenario.start}`
      )
    else if (ownWindows === 0)
      inert(
        `dimensioning[${i}]`,
        `on every day this shift (${words}) falls on, a season gives its own dimensioning instead (${replacedBy((s) => s.dimensioning !== undefined)})`
      )
  })

  // Planned blocks.
  const staffing = blockStaffing(m)
  scenario.plannedBlocks.forEach((b, k) => {
    const s = staffing[k]!,
      kind = KIND_WORDS[b.patrolKind === "igv" ? IGV : COMMUNITY]
    if (b.patrols === 0) return inert(`plannedBlocks[${k}]`, "a planned block for 0 patrols plans nothing")
    if (s.starts === 0) {
      let days = 0
      forEachWindow(m.calendar, b.weekdays, b.start, b.start, (_from, _to, day) => {
        if (day >= 0) days++
      })
      return inert(
        `plannedBlocks[${k}]`,
        days === 0
          ? `this block (starting ${startWords(b.weekdays, b.start)}) falls on no day of the ${scenario.days}-day horizon from ${scenario.start}`
          : `on every day this block (starting ${startWords(b.weekdays, b.start)}) falls on, a season gives its own planned blocks instead (${replacedBy((season) => season.plannedBlocks !== undefined)})`
      )
    }
    if (s.short === 0) return
    const first = s.firstShort!
    const held = first.reserve > 0 ? `, ${first.reserve} held in reserve` : ""
    // Taken shifts are drawn per replication: say so, and on which draw the count was made.
    const taken =
      s.shortTaken > 0
        ? ` (at ${s.shortTaken} of these starts community officers' shifts are taken or absent under ` +
          `rules.communityOfficers, in the roster drawn on the scenario's seed ${scenario.seed}; each replication draws its own)`
        : ""
    if (s.offDuty === s.starts) {
      return warn(
        `plannedBlocks[${k}]`,
        `no ${kind} is ever on duty in "${b.area}" when this block starts (first ${localTime(first.t, tz)}): it is never staffed${taken}`
      )
    }
    warn(
      `plannedBlocks[${k}].patrols`,
      `this block needs ${count(b.patrols, kind)}, but at ${s.short} of its ${s.starts} starts fewer are on duty beyond the reserve ` +
        `(first ${localTime(first.t, tz)}: ${first.duty} on duty${held}); ${s.unstaffed === s.starts ? "it is never staffed" : "the rest is never staffed"}${taken}`
    )
  })
  // A block running past the horizon's end is cut there: the report names the hours beyond apart and measures
  // survival on the rest (the simulator's README, End of the horizon). The model's block templates are the
  // scenario's own blocks, then each season's, in this order.
  const blockLists = datedPlannedBlocks(scenario, m.calendar)
  const pathOf = (list: (typeof blockLists)[number], j: number) =>
    list.idPrefix === "" ? `plannedBlocks[${j}]` : `seasons[${list.idPrefix.slice(1)}].plannedBlocks[${j}]`
  const templatePaths = blockLists.flatMap((list) => list.items.map((_, j) => pathOf(list, j)))
  staffing.forEach((s, k) => {
    if (s.firstBeyondEnd !== undefined)
      warn(
        templatePaths[k]!,
        `this block (starting ${localTime(s.firstBeyondEnd, tz)}) runs past the horizon's end: its ${oneDecimal(s.beyondEnd / 60)} planned hours beyond it are not simulated, so the report leaves them out of planned time and survival (lineTime.beyondHorizonHours); end the horizon a day later to measure the block whole`
      )
  })
  // At the start the other way round: blocks are planned from their starts inside the horizon, so one of the day
  // before that runs over midnight into the first day is not planned at all, though a night shift of that day is
  // on duty from midnight.
  const cal = m.calendar,
    dayBefore = WEEKDAYS[cal.weekday(-1)]!
  for (const list of blockLists)
    list.items.forEach((b, j) => {
      if (!b.weekdays.includes(dayBefore) || !list.onDay(-1)) return
      const t = cal.at(-1, parseClock(b.start) ?? 0),
        into = t + b.durationMinutes - cal.startT
      if (into > 0)
        warn(
          pathOf(list, j),
          `this block of the day before the horizon (${localTime(t, tz)}) would run ${oneDecimal(into / 60)} hours into its first day, but blocks are planned from their starts inside the horizon: those ${oneDecimal((into * b.patrols) / 60)} planned hours are in no figure (patrols on duty then count as free); start the horizon a day earlier to measure them`
        )
    })

  // Where a block could ever be given a patrol: the rules about planned work act on those alone.
  const staffed = new Set(
    m.templates.flatMap((b, k) => (b.patrols > 0 && staffing[k]!.unstaffed < staffing[k]!.starts ? [b.area] : []))
  )
  const staffedIn = (area: number) => staffed.has(area)

  lintCalendar(scenario, m, inert)
  lintCommunityOfficers(scenario, m, inert)

  /**
   * One set of rules (the scenario's, or a rule set's, named at `at`), judged on the areas it governs: a setting no
   * call or block of those areas ever consults has no effect.
   */
  const lintRules = (at: string, r: Rules, areas: ReadonlyArray<number>) => {
    const everyArea = areas.length === m.areaIds.length
    const named = areas.map((a) => `"${m.areaIds[a]}"`).join(", ")
    const inAreas = everyArea ? "" : ` in ${named}`

    // Reserve.
    r.reserve.forEach((entry, i) => {
      const path = `${at}.reserve[${i}]`
      if (entry.patrols === 0) return inert(path, "a reserve of 0 patrols holds nobody")
      const held = entry.area === undefined ? areas : areas.filter((a) => m.areaIds[a] === entry.area)
      // Only the scenario's rules can name an area they do not govern (a rule set's reserve outside it is an error).
      if (held.length === 0)
        return inert(
          path,
          `"${entry.area}" follows ${ruleSetOf(entry.area!)}, not these rules, so this reserve never applies`
        )
      const windows: Array<readonly [number, number]> = []
      forEachWindow(m.calendar, entry.weekdays, entry.start, entry.end, (from, to) => windows.push([from, to]))
      // One entry's windows start a day apart and last at most a day: sorted, never overlapping.
      const starts = windows.map((w) => w[0])
      const inWindow = (t: number) => {
        const w = windows[lastAtOrBefore(starts, t)]
        return w !== undefined && t < w[1]
      }
      const covers = held.some((a) => coveredBlockStart(m, a, inWindow))
      let holdsAll: { area: number; t: number; duty: number } | undefined
      for (const a of held) {
        const line = m.groupDuty[groupOf(a, IGV)]!
        for (const [from, to] of windows) {
          // The duty at the window's start, then at each change inside it.
          for (let j = lastAtOrBefore(line.times, from), t = from; t < to; t = line.times[++j] ?? Infinity) {
            const duty = j < 0 ? 0 : line.counts[j]!
            if (duty > 0 && duty <= entry.patrols) {
              if (holdsAll === undefined || t < holdsAll.t) holdsAll = { area: a, t, duty }
              break
            }
          }
        }
      }
      if (holdsAll !== undefined) {
        warn(
          `${path}.patrols`,
          `holds ${count(entry.patrols, "patrol")} free, but only ${count(holdsAll.duty, "IGV patrol")} ${holdsAll.duty === 1 ? "is" : "are"} on duty in "${m.areaIds[holdsAll.area]}" at ${localTime(holdsAll.t, tz)}: no planned block can be staffed there then`
        )
      }
      if (!covers)
        inert(
          path,
          `no planned IGV block starts in ${entry.area !== undefined ? `"${entry.area}"` : everyArea ? "any area" : `any of ${named}`} within this reserve's hours (${windowWords(entry.weekdays, entry.start, entry.end)})`
        )
    })

    // Rules about planned work need some planned work: a call's rules decide whether it may take a patrol from a
    // block of its own area or, borrowing, of a neighbour's; a block resumes by the rules of its own area.
    const reached = new Set(areas)
    for (const a of areas) if (m.areaRules[a]!.borrowing.length > 0) for (const n of m.neighbours[a]!) reached.add(n)
    const staffedWhere = (where: ReadonlyArray<number>) =>
      `no planned block is ever staffed ${where.length === m.areaIds.length ? "in this scenario" : `in ${where.map((a) => `"${m.areaIds[a]}"`).join(", ")}`}`
    const callsTakeFromBlocks = [...reached].some(staffedIn)
    if (!callsTakeFromBlocks) {
      const why = staffedWhere([...reached])
      if (!same(r.interruptingPriorities, DEFAULT_RULES.interruptingPriorities))
        inert(`${at}.interruptingPriorities`, why)
      if (r.prio3.handling === "defer")
        inert(`${at}.prio3.handling`, `${why}, so every patrol is without planned work and deferring waits for nothing`)
      if (r.prio3.handling === "defer" && r.prio3.deferLimitMinutes !== DEFAULT_RULES.prio3.deferLimitMinutes)
        inert(`${at}.prio3.deferLimitMinutes`, why)
    }
    if (!areas.some(staffedIn)) {
      const why = staffedWhere(areas)
      if (!r.resume.enabled) inert(`${at}.resume.enabled`, why)
      if (r.resume.enabled && r.resume.minimumRemnantMinutes !== DEFAULT_RULES.resume.minimumRemnantMinutes)
        inert(`${at}.resume.minimumRemnantMinutes`, why)
    }

    // Prio 3.
    if (r.prio3.handling === "dispatch" && r.prio3.deferLimitMinutes !== DEFAULT_RULES.prio3.deferLimitMinutes) {
      inert(
        `${at}.prio3.deferLimitMinutes`,
        "prio 3 is dispatched at once (prio3.handling: dispatch); the limit applies only under defer"
      )
    }
    if (r.prio3.handling === "defer" && callsTakeFromBlocks) {
      if (r.prio3.deferLimitMinutes > TARGET_MINUTES[3]) {
        warn(
          `${at}.prio3.deferLimitMinutes`,
          `a deferred prio-3 call may take a patrol from planned work only after ${r.prio3.deferLimitMinutes} min, beyond the 4-hour target (${TARGET_MINUTES[3]} min): when every patrol is in planned work the target cannot hold`
        )
      }
      const i = r.interruptingPriorities.indexOf(3)
      if (i >= 0) {
        inert(
          `${at}.interruptingPriorities[${i}]`,
          "prio 3 is deferred (prio3.handling: defer), so the defer limit alone decides when a prio-3 call may take a patrol from planned work; drop 3 from this list"
        )
      }
    }
    if (demand.complete && r.prio3.handledOtherwiseShare > 0 && areas.every((a) => !demand.has(a, 3))) {
      inert(`${at}.prio3.handledOtherwiseShare`, `no prio-3 calls arrive${inAreas}`)
    }

    // Resume.
    if (!r.resume.enabled && r.resume.minimumRemnantMinutes !== DEFAULT_RULES.resume.minimumRemnantMinutes) {
      inert(`${at}.resume.minimumRemnantMinutes`, "interrupted blocks never resume (resume.enabled: false)")
    }

    // Community officers.
    if (
      areas.every((a) => slots(a, COMMUNITY) === 0) &&
      !same(r.communityOfficers.drawnFor, DEFAULT_RULES.communityOfficers.drawnFor)
    ) {
      inert(`${at}.communityOfficers.drawnFor`, `no community officer is ever on duty${inAreas}`)
    }

    // Borrowing.
    const anyCanBorrow = areas.some(canBorrow)
    const inertBorrowing = (prio: Priority): string | undefined => {
      // With pre-emption on anywhere, a borrowing rule also wakes waiting prio-1 calls to pre-empt a prio-3 job
      // taken meanwhile (its delay, and the areas that borrow looked at again whenever a patrol comes free, which
      // the engine does while any rules borrow): never inert then.
      if (preemptionAnywhere) return undefined
      if (!anyCanBorrow)
        return areas.every((a) => m.neighbours[a]!.length === 0)
          ? `no area${inAreas} has a neighbour to borrow from`
          : `no neighbour${everyArea ? "" : ` of ${named}`} has an IGV patrol to lend`
      if (demand.complete && !areas.some((a) => canBorrow(a) && demand.has(a, prio)))
        return `no prio-${prio} call arrives in an area that can borrow${everyArea ? "" : ` (of ${named})`}`
      return undefined
    }
    r.borrowing.forEach((b, i) => {
      const why = inertBorrowing(b.prio)
      if (why !== undefined) inert(`${at}.borrowing[${i}]`, why)
      else if (anyCanBorrow && b.afterMinutes > TARGET_MINUTES[b.prio]) {
        warn(
          `${at}.borrowing[${i}].afterMinutes`,
          `borrowing starts after ${b.afterMinutes} min, later than the ${TARGET_MINUTES[b.prio]}-minute target it serves for prio ${b.prio}: a borrowed patrol is never ordered in time`
        )
      }
    })

    // Prio 1 to the nearest unit.
    if (r.prio1NearestUnit && m.areaIds.length === 1)
      inert(`${at}.prio1NearestUnit`, "there is one area: its own patrols are the nearest")
    else if (r.prio1NearestUnit && demand.complete && areas.every((a) => !demand.has(a, 1)))
      inert(`${at}.prio1NearestUnit`, `no prio-1 calls arrive${inAreas}`)

    // Pre-emption.
    if (r.prio1PreemptsPrio3 && demand.complete && !areas.some((a) => demand.has(a, 1) && prio3JobsFor(a))) {
      inert(`${at}.prio1PreemptsPrio3`, `no area${inAreas} has both prio-1 calls and prio-3 jobs to pre-empt`)
    }
  }
  const ruleSetOf = (area: string) =>
    `ruleSets[${scenario.ruleSets.findIndex((set) => set.areas.some((id) => id === area))}]`
  const canBorrow = (a: number) => m.neighbours[a]!.some((n) => slots(n, IGV) > 0)
  const preemptionAnywhere = m.areaRules.some((rules) => rules.prio1PreemptsPrio3)
  // A patrol of `a` is on a prio-3 job in its own area, or in an area whose rules borrow it for prio 3.
  const prio3Jobs = (a: number) => demand.has(a, 3) && m.areaRules[a]!.prio3.handledOtherwiseShare < 1
  const prio3JobsFor = (a: number) =>
    prio3Jobs(a) ||
    Array.from(m.borrowers[a]!).some((b) => m.areaRules[b]!.borrowing.some((x) => x.prio === 3) && prio3Jobs(b))

  // Rules: the scenario's govern the areas no rule set lists; each rule set's, its own areas.
  for (const scope of ruleScopes(scenario)) {
    if (scope.areas.length > 0)
      lintRules(
        scope.path,
        scope.rules,
        scope.areas.map((id) => m.areaIndex.get(id)!)
      )
    else if (!same(scope.rules, DEFAULT_RULES))
      inert(
        scope.path,
        `every area follows a rule set (${scenario.ruleSets.map((_, k) => `ruleSets[${k}]`).join(", ")}), so these rules govern none`
      )
  }

  // Travel: a later pair for the same areas replaces an earlier one.
  scenario.travel.pairs.forEach((p, i) => {
    const later = scenario.travel.pairs.findIndex((q, j) => j > i && q.from === p.from && q.to === p.to)
    if (later >= 0)
      inert(
        `travel.pairs[${i}]`,
        `travel.pairs[${later}] gives travel from "${p.from}" to "${p.to}" again and replaces this one`
      )
  })

  out.push(...capacityWarnings(scenario, m, options.replayed))
  return out
}

/** Whether an IGV block of the area starts, with a patrol on duty, at an instant the window covers: a reserve there decides which patrols get it. */
const coveredBlockStart = (m: Model, area: number, inWindow: (t: number) => boolean): boolean => {
  const line = m.groupDuty[groupOf(area, IGV)]!
  for (let i = 0; i < m.blockStarts.t.length; i++) {
    const tpl = m.templates[m.blockStarts.template[i]!]!,
      t = m.blockStarts.t[i]!
    if (tpl.area === area && tpl.kind === IGV && tpl.patrols > 0 && inWindow(t) && countAt(line, t) > 0) return true
  }
  return false
}

/** The index of the last of the sorted values at or before t; -1 if none. */
const lastAtOrBefore = (sorted: ArrayLike<number>, t: number): number => {
  let lo = 0,
    hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
