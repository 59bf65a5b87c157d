import type { IncidentRegistered, Scenario, ServiceModel } from "@igv/domain"
import { COMMUNITY, groupOf, type HourGrid, IGV, type Model, type Timeline } from "@igv/simulator"
import { clockWords, count, dayName, daysWords, oneDecimal } from "./lint-words.js"
import type { ScenarioWarning } from "./scenario-lint.js"

const Z90 = 1.2815515655446004
const HOURS = 168

/** Mean on-scene minutes of a service model (lognormal by median and p90, as the simulator draws it). */
export const meanOnScene = (model: ServiceModel): number => {
  switch (model._tag) {
    case "fixed":
      return model.minutes
    case "exponential":
      return model.meanMinutes
    case "lognormal": {
      const sigma = Math.log(model.p90Minutes / model.medianMinutes) / Z90
      return model.medianMinutes * Math.exp((sigma * sigma) / 2)
    }
    case "empirical":
      return model.minutes.reduce((s, m) => s + m, 0) / model.minutes.length
  }
}

/**
 * Per hour of the week, the most patrols of a group on duty on average in any occurrence of that hour (NaN if it
 * never occurs): the step function's mean over each hour of the grid, in one walk over both.
 */
const weeklyCapacity = (line: Timeline, hours: HourGrid): Float64Array => {
  const cap = new Float64Array(HOURS).fill(NaN)
  const { starts, hourOfWeek } = hours,
    { times, counts } = line
  let i = 0
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k]!,
      to = starts[k + 1]!
    if (!(to > from)) continue // the spring DST hour that does not exist
    while (i < times.length && times[i]! <= from) i++
    let at = from,
      area = 0,
      j = i
    let value = j === 0 ? 0 : counts[j - 1]!
    while (j < times.length && times[j]! < to) {
      area += value * (times[j]! - at)
      at = times[j]!
      value = counts[j]!
      j++
    }
    area += value * (to - at)
    const mean = area / (to - from),
      h = hourOfWeek[k]!
    if (!(cap[h]! >= mean)) cap[h] = mean
  }
  return cap
}

/**
 * Offered load per area and hour of the week, in patrols kept busy on scene at once: calls an hour ×
 * mean on-scene time × units needed (prio 3 less the share handled another way), from the synthetic
 * demand model and any replayed incidents. `all` counts every call; `notDrawn` only those community
 * officers are not drawn for, which IGV patrols alone must carry.
 */
const offeredLoad = (scenario: Scenario, m: Model, replayed: ReadonlyArray<IncidentRegistered>, hours: HourGrid) => {
  const A = m.areaIds.length
  const all = Array.from({ length: A }, () => new Float64Array(HOURS))
  const notDrawn = Array.from({ length: A }, () => new Float64Array(HOURS))
  // Each area's own rules: its rule set's, else the scenario's.
  const weight = (area: number, prio: number) => (prio === 3 ? 1 - m.areaRules[area]!.prio3.handledOtherwiseShare : 1)
  const add = (area: number, prio: number, h: number, load: number) => {
    all[area]![h]! += load
    if (!m.areaRules[area]!.communityOfficers.drawnFor.includes(prio as 1 | 2 | 3)) notDrawn[area]![h]! += load
  }
  for (const s of scenario.demand.synthetic) {
    const area = m.areaIndex.get(s.area)!,
      w = s.hourOfWeekProfile
    const total = w === undefined ? HOURS : w.reduce((x, y) => x + y, 0)
    const work = meanOnScene(s.service) * (1 + s.twoUnitShare) * weight(area, s.prio)
    for (let h = 0; h < HOURS; h++)
      add(area, s.prio, h, (s.perDay / 1440) * (((w === undefined ? 1 : w[h]!) * HOURS) / total) * work)
  }
  if (replayed.length > 0) {
    // Each incident's work spread over the occurrences of its hour of the week in the horizon.
    const occurrences = new Float64Array(HOURS)
    hours.hourOfWeek.forEach((h, k) => {
      occurrences[h]! += hours.starts[k + 1]! - hours.starts[k]!
    })
    for (const i of replayed) {
      const k = hourIndex(hours.starts, i.t)
      if (k < 0) continue
      const h = hours.hourOfWeek[k]!
      const area = m.areaIndex.get(i.area)!
      add(area, i.prio, h, (i.onSceneMinutes * i.unitsNeeded * weight(area, i.prio)) / occurrences[h]!)
    }
  }
  return { all, notDrawn }
}

/** The hour the instant falls in, or -1 outside the horizon. */
const hourIndex = (starts: Float64Array, t: number): number => {
  if (!(t >= starts[0]!) || !(t < starts[starts.length - 1]!)) return -1
  let lo = 0,
    hi = starts.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (starts[mid]! <= t) lo = mid
    else hi = mid
  }
  return lo
}

const AROUND_THE_CLOCK = "around the clock"

/** Runs of consecutive hours of the week (wrapping Sunday to Monday) in a planner's words: "Fri, Sat 22:00–02:00". */
export const bandWords = (hours: ReadonlyArray<boolean>): Array<string> => {
  if (hours.every((x) => x)) return [AROUND_THE_CLOCK]
  const runs: Array<{ start: number; length: number }> = []
  const first = hours.findIndex((x) => !x)
  for (let n = 1; n <= HOURS; n++) {
    const h = (first + n) % HOURS
    if (!hours[h]) continue
    const last = runs[runs.length - 1]
    if (last !== undefined && (last.start + last.length) % HOURS === h) last.length++
    else runs.push({ start: h, length: 1 })
  }
  const daily = new Map<string, Array<number>>()
  const words: Array<string> = []
  for (const run of runs) {
    const clock = `${clockWords((run.start % 24) * 60)}–${clockWords(((run.start + run.length) % 24) * 60)}`
    if (run.length < 24) daily.set(clock, [...(daily.get(clock) ?? []), Math.floor(run.start / 24)])
    else {
      const end = (run.start + run.length) % HOURS
      words.push(
        `${dayName(Math.floor(run.start / 24))} ${clockWords((run.start % 24) * 60)} to ${dayName(Math.floor(end / 24))} ${clockWords((end % 24) * 60)}`
      )
    }
  }
  for (const [clock, days] of daily) words.push(`${daysWords(days)} ${clock.replace("–00:00", "–24:00")}`)
  return words
}

/**
 * One warning per area where, in some hour of the week, the calls offered reach the patrols on duty:
 * all calls against IGV patrols plus community officers (when drawn for any priority), or the calls
 * community officers are not drawn for against IGV patrols alone. While such a band lasts calls arrive
 * faster than patrols clear them (for good, queueing theory says, if it never ends). Travel is not
 * counted (it only adds work) nor is borrowing (it only moves it).
 */
export const capacityWarnings = (
  scenario: Scenario,
  m: Model,
  replayed: ReadonlyArray<IncidentRegistered> | "unknown" | undefined
): Array<ScenarioWarning> => {
  const hours = m.hours
  const load = offeredLoad(scenario, m, Array.isArray(replayed) ? replayed : [], hours)
  const out: Array<ScenarioWarning> = []
  m.areaIds.forEach((id, a) => {
    if (m.groupSlots[groupOf(a, IGV)] === 0) return // named already: calls but never a patrol
    const igv = weeklyCapacity(m.groupDuty[groupOf(a, IGV)]!, hours)
    const community = weeklyCapacity(m.groupDuty[groupOf(a, COMMUNITY)]!, hours)
    const drawn = m.areaRules[a]!.communityOfficers.drawnFor.length > 0
    const over: Array<boolean> = []
    let peak: { h: number; ratio: number; load: number; igv: number; community: number; all: boolean } | undefined
    for (let h = 0; h < HOURS; h++) {
      const i = igv[h]!,
        c = drawn ? community[h]! : 0,
        all = load.all[a]![h]!,
        notDrawn = load.notDrawn[a]![h]!
      const hour = Number.isNaN(i)
        ? undefined
        : all > 0 && all >= i + c
          ? { load: all, igv: i, community: c, all: true }
          : notDrawn > 0 && notDrawn >= i
            ? { load: notDrawn, igv: i, community: 0, all: false }
            : undefined
      over.push(hour !== undefined)
      if (hour === undefined) continue
      const ratio = hour.load / (hour.igv + hour.community)
      if (peak === undefined || ratio > peak.ratio || (ratio === peak.ratio && hour.load > peak.load))
        peak = { h, ratio, ...hour }
    }
    if (peak === undefined) return
    // An hour that never occurs (the spring DST hour in a short horizon) does not split a band.
    for (let h = 0; h < HOURS; h++)
      if (Number.isNaN(igv[h]!) && over[(h + HOURS - 1) % HOURS] && over[(h + 1) % HOURS]) over[h] = true
    const bands = bandWords(over)
    const shown = bands.length > 4 ? [...bands.slice(0, 4), `${bands.length - 4} more`] : bands
    const onDuty = `${count(oneDecimal(peak.igv), "IGV patrol")}${peak.community > 0 ? ` and ${count(oneDecimal(peak.community), "community officer")}` : ""}`
    out.push({
      path: `areas[${a}]`,
      severity: "warning",
      message:
        `offered load reaches capacity in "${id}" ${shown[0] === AROUND_THE_CLOCK ? AROUND_THE_CLOCK : `on ${shown.join("; ")}`}: ` +
        `at the peak (${dayName(Math.floor(peak.h / 24))} ${clockWords((peak.h % 24) * 60)}–${clockWords(((peak.h % 24) + 1) * 60)}) ` +
        `the calls${peak.all ? "" : " community officers are not drawn for"} bring ${peak.load.toFixed(1)} patrols' worth of on-scene work (calls an hour × mean on-scene time × units) against ${onDuty} on duty; ` +
        "while it lasts calls pile up faster than patrols clear them, so waits grow and calls may go undispatched (travel not counted, nor borrowing)"
    })
  })
  return out
}
