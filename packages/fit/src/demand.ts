import type { IncidentRegistered } from "@igv/domain"
import type { LocalHours } from "./local-hours.js"
import { chiSquareSurvival, poissonInterval, type Interval } from "./stats.js"

/** The window must span more than a season (91 days) before month-of-year factors are estimated. */
export const SEASON_DAYS = 91

export interface DispersionTest {
  /** Pearson X² of the daily counts against the fitted rates, its degrees of freedom (days − 7), X²/df and P(χ² ≥ X²). */
  readonly statistic: number
  readonly df: number
  readonly ratio: number
  readonly p: number
}

export interface MonthFactor {
  readonly month: number
  /** Observed / expected calls of the month under the window's hour-of-week rates, with its exact Poisson 95 % interval. */
  readonly factor: number
  readonly interval: Interval
  readonly calls: number
}

export interface MonthFactors {
  /** The months (0 = January) the window covers; the test of "no month effect". */
  readonly factors: ReadonlyArray<MonthFactor>
  readonly statistic: number
  readonly df: number
  readonly p: number
}

/** The scenario's `monthOfYearProfile`: 12 weights of mean 1, January first; a month the window misses weighs the window's average. */
export interface MonthProfile {
  readonly weights: ReadonlyArray<number>
  /** The mean of the factors with missing months at 1: perDay of the window times this is an average month's. */
  readonly level: number
  /** Months (0 = January) not in the window: their weight is not measured. */
  readonly missing: ReadonlyArray<number>
}

export interface FittedDemandStream {
  readonly area: string
  readonly prio: 1 | 2 | 3
  readonly calls: number
  readonly exposureHours: number
  /**
   * Mean calls per day over the week's hours of the fitted rates (what the scenario's perDay means); with a month
   * profile, an average month's (the window's rate times the profile's level).
   */
  readonly perDay: number
  /** Exact Poisson 95 % interval of perDay (the window's overall daily rate, times the level with a month profile). */
  readonly perDayInterval: Interval
  /** Fitted calls per hour in each hour of the week (shrunk toward the area's daily shape). */
  readonly rates: Float64Array
  /** Calls seen in each hour of the week over the window. */
  readonly cellCalls: Float64Array
  /**
   * Exact (Garwood) 95 % interval of each hour of the week's rate, in calls per hour, from that hour's own calls
   * alone: what the data say without the shrinkage (the fitted rate leans on the daily shape where calls are few, and
   * an interval around it would claim the shape's precision). NaN where the window has no such hour.
   */
  readonly cellLow: Float64Array
  readonly cellHigh: Float64Array
  /** Empirical-Bayes gamma shape: large means the hour-of-week cells add nothing beyond the daily shape. */
  readonly shrinkageShape: number
  /** Mean weight of a cell's own count in its fitted rate (0 = all daily shape, 1 = raw counts). */
  readonly ownWeight: number
  readonly dispersion: DispersionTest | undefined
  readonly months: MonthFactors | undefined
  readonly monthProfile: MonthProfile | undefined
}

const key = (area: string, prio: number) => `${area}\u0000${prio}`

/**
 * Rates by hour of week per area and priority. Each cell's count is Poisson with mean exposure × rate;
 * the prior rate of a cell is the stream's rate on that weekday spread by the area's daily shape (every
 * priority and weekday pooled), and the cell's rate is the posterior mean under a gamma prior whose shape is
 * estimated by the method of moments (Clayton–Kaldor): cells with little exposure lean on the daily shape.
 */
export function fitDemand(incidents: ReadonlyArray<IncidentRegistered>, hours: LocalHours): FittedDemandStream[] {
  const exposureByCell = new Float64Array(168)
  for (let k = 0; k < hours.hours; k++) exposureByCell[hours.hourOfWeek[k] as number]! += hours.exposure(k)
  const cellCounts = new Map<string, { area: string; prio: 1 | 2 | 3; cells: Float64Array; byHour: Int32Array }>()
  let k = 0
  for (const incident of incidents) {
    if (incident.t < hours.from || incident.t >= hours.to) continue
    while (k + 1 < hours.starts.length - 1 && (hours.starts[k + 1] as number) <= incident.t) k++
    const kk = (hours.starts[k] as number) <= incident.t ? k : hours.hourOf(incident.t)
    if (kk < 0) continue
    const id = key(incident.area, incident.prio)
    let stream = cellCounts.get(id)
    if (stream === undefined)
      cellCounts.set(
        id,
        (stream = {
          area: incident.area,
          prio: incident.prio,
          cells: new Float64Array(168),
          byHour: new Int32Array(hours.hours)
        })
      )
    stream.cells[hours.hourOfWeek[kk] as number]! += 1
    stream.byHour[kk]! += 1
  }
  const shapes = areaDailyShapes([...cellCounts.values()], exposureByCell)
  return [...cellCounts.values()]
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : a.prio - b.prio))
    .map((s) => fitStream(s.area, s.prio, s.cells, s.byHour, exposureByCell, shapes.get(s.area) as Float64Array, hours))
}

/** Below this many calls in an area its daily shape is flat: a shape from a handful of calls is noise. */
export const MIN_SHAPE_CALLS = 50

/** Per area: relative call rate by local hour of day (mean 1 over the exposure), all priorities and weekdays pooled. */
function areaDailyShapes(
  streams: ReadonlyArray<{ area: string; cells: Float64Array }>,
  exposure: Float64Array
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>()
  const hourExposure = new Float64Array(24)
  for (let c = 0; c < 168; c++) hourExposure[c % 24]! += exposure[c] as number
  const totalExposure = hourExposure.reduce((s, e) => s + e, 0)
  const counts = new Map<string, Float64Array>()
  for (const s of streams) {
    let byHour = counts.get(s.area)
    if (byHour === undefined) counts.set(s.area, (byHour = new Float64Array(24)))
    for (let c = 0; c < 168; c++) byHour[c % 24]! += s.cells[c] as number
  }
  for (const [area, byHour] of counts) {
    const total = byHour.reduce((s, n) => s + n, 0)
    const shape = new Float64Array(24)
    for (let h = 0; h < 24; h++) {
      const e = hourExposure[h] as number
      shape[h] = e > 0 && total >= MIN_SHAPE_CALLS ? (byHour[h] as number) / e / (total / totalExposure) : 1
    }
    out.set(area, shape)
  }
  return out
}

function fitStream(
  area: string,
  prio: 1 | 2 | 3,
  cells: Float64Array,
  byHour: Int32Array,
  exposure: Float64Array,
  shape: Float64Array,
  hours: LocalHours
): FittedDemandStream {
  const calls = cells.reduce((s, n) => s + n, 0)
  const exposureHours = exposure.reduce((s, e) => s + e, 0)
  const overall = calls / exposureHours
  const prior = new Float64Array(168)
  for (let c = 0; c < 168; c++) prior[c] = overall * (shape[c % 24] as number)
  // Each weekday's total has ample data even where its hours do not: the prior carries the stream's weekday factors.
  for (let w = 0; w < 7; w++) {
    let observed = 0,
      expected = 0
    for (let c = w * 24; c < w * 24 + 24; c++) {
      observed += cells[c] as number
      expected += (exposure[c] as number) * (prior[c] as number)
    }
    const factor = expected > 0 ? observed / expected : 1
    for (let c = w * 24; c < w * 24 + 24; c++) prior[c] = (prior[c] as number) * factor
  }
  // Method of moments for 1/shape: Var(count) = m + m²/shape around the prior's expected count m.
  let excess = 0,
    squares = 0
  for (let c = 0; c < 168; c++) {
    const m = (exposure[c] as number) * (prior[c] as number)
    excess += ((cells[c] as number) - m) ** 2 - m
    squares += m * m
  }
  const inverseShape = squares > 0 ? Math.max(0, excess / squares) : 0
  const shrinkageShape = inverseShape === 0 ? Infinity : 1 / inverseShape
  const rates = new Float64Array(168),
    cellLow = new Float64Array(168),
    cellHigh = new Float64Array(168)
  let weightSum = 0,
    weighted = 0
  for (let c = 0; c < 168; c++) {
    const m = (exposure[c] as number) * (prior[c] as number)
    const own = Number.isFinite(shrinkageShape) ? m / (m + shrinkageShape) : 0
    rates[c] =
      m > 0 && Number.isFinite(shrinkageShape)
        ? (prior[c] as number) * (((cells[c] as number) + shrinkageShape) / (m + shrinkageShape))
        : (prior[c] as number)
    const seen = poissonInterval(cells[c] as number),
      e = exposure[c] as number
    cellLow[c] = e > 0 ? seen.low / e : Number.NaN
    cellHigh[c] = e > 0 ? seen.high / e : Number.NaN
    if ((exposure[c] as number) > 0) {
      weightSum += 1
      weighted += own
    }
  }
  const interval = poissonInterval(calls)
  const months = monthFactors(byHour, rates, hours)
  const monthProfile = months === undefined ? undefined : profileOf(months)
  const level = monthProfile?.level ?? 1
  return {
    area,
    prio,
    calls,
    exposureHours,
    perDay: (rates.reduce((s, r) => s + r, 0) / 168) * 24 * level,
    perDayInterval: {
      low: (interval.low / exposureHours) * 24 * level,
      high: (interval.high / exposureHours) * 24 * level
    },
    rates,
    cellCalls: cells,
    cellLow,
    cellHigh,
    shrinkageShape,
    ownWeight: weightSum === 0 ? 0 : weighted / weightSum,
    dispersion: dailyDispersion(byHour, rates, months, hours),
    months,
    monthProfile
  }
}

/** Expected calls of hour k under the fitted hour-of-week rates (and month factors, when estimated). */
const expectedIn = (k: number, rates: Float64Array, months: MonthFactors | undefined, hours: LocalHours): number => {
  const base = (rates[hours.hourOfWeek[k] as number] as number) * hours.exposure(k)
  if (months === undefined) return base
  const month = hours.month[k] as number
  return base * (months.factors.find((f) => f.month === month)?.factor ?? 1)
}

/** Observed over expected calls per month, and Pearson's test of equal factors; only over a window longer than a season. */
function monthFactors(byHour: Int32Array, rates: Float64Array, hours: LocalHours): MonthFactors | undefined {
  if ((hours.to - hours.from) / 1440 <= SEASON_DAYS) return undefined
  const observed = new Float64Array(12),
    expected = new Float64Array(12)
  for (let k = 0; k < hours.hours; k++) {
    observed[hours.month[k] as number]! += byHour[k] as number
    expected[hours.month[k] as number]! += expectedIn(k, rates, undefined, hours)
  }
  const factors: MonthFactor[] = [],
    total = { o: 0, e: 0 }
  for (let m = 0; m < 12; m++) {
    total.o += observed[m] as number
    total.e += expected[m] as number
  }
  let statistic = 0
  for (let m = 0; m < 12; m++) {
    const e = ((expected[m] as number) * total.o) / total.e
    if (e <= 0) continue
    const interval = poissonInterval(observed[m] as number)
    factors.push({
      month: m,
      factor: (observed[m] as number) / e,
      interval: { low: interval.low / e, high: interval.high / e },
      calls: observed[m] as number
    })
    statistic += ((observed[m] as number) - e) ** 2 / e
  }
  const df = factors.length - 1
  return { factors, statistic, df, p: df > 0 ? chiSquareSurvival(statistic, df) : Number.NaN }
}

/**
 * The factors as the simulator reads them: it scales the 12 weights to mean 1 and perDay is an average month's.
 * A month the window misses keeps factor 1, the window's average rate (said beside the profile, not measured).
 */
function profileOf(months: MonthFactors): MonthProfile {
  const raw = new Array<number>(12).fill(1)
  const missing = new Set(Array.from({ length: 12 }, (_, m) => m))
  for (const f of months.factors) {
    raw[f.month] = f.factor
    missing.delete(f.month)
  }
  const level = raw.reduce((s, w) => s + w, 0) / 12
  return { weights: raw.map((w) => w / level), level, missing: [...missing] }
}

/**
 * Pearson's dispersion test of the daily counts: under a Poisson process with the fitted rates X² ≈ χ²(days − 7)
 * (the seven weekday totals are in effect fitted). X²/df well above 1 with a small p says the calls cluster more
 * than Poisson allows (days differ beyond the hour-of-week pattern), so simulated variability will be too small.
 */
function dailyDispersion(
  byHour: Int32Array,
  rates: Float64Array,
  months: MonthFactors | undefined,
  hours: LocalHours
): DispersionTest | undefined {
  let statistic = 0,
    days = 0
  for (let d = 0; d < hours.days; d++) {
    let observed = 0,
      expected = 0,
      full = true
    for (let k = d * 24; k < d * 24 + 24; k++) {
      observed += byHour[k] as number
      expected += expectedIn(k, rates, months, hours)
      if (hours.exposure(k) * 60 < (hours.starts[k + 1] as number) - (hours.starts[k] as number)) full = false
    }
    if (!full || expected <= 0) continue
    statistic += (observed - expected) ** 2 / expected
    days++
  }
  const df = days - 7
  if (df < 1) return undefined
  return { statistic, df, ratio: statistic / df, p: chiSquareSurvival(statistic, df) }
}
