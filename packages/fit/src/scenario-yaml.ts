import { formatInstant, WEEKDAYS } from "@igv/domain"
import type { MonthFactors, MonthProfile } from "./demand.js"
import type { FittedDurations } from "./durations.js"
import type { FitResult, FittedStream } from "./fit.js"
import type { FittedShare } from "./shares.js"

const num = (x: number, digits = 3): string => {
  if (!Number.isFinite(x)) return String(x)
  const r = Number(x.toPrecision(Math.max(1, digits + Math.max(0, Math.floor(Math.log10(Math.abs(x) || 1))))))
  return String(Number(r.toFixed(4)))
}
const pct = (x: number) => `${num(100 * x, 2)} %`
const q = (s: string) => JSON.stringify(s)
const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${num(p, 2)}`)

const shareComment = (s: FittedShare) => `${s.k} of ${s.n}, 95 % CI ${pct(s.interval.low)}–${pct(s.interval.high)}`

const durationComment = (f: FittedDurations): string => {
  const parts = [
    `n = ${f.n}`,
    `median ${num(f.median)} min (95 % CI ${num(f.medianInterval.low)}–${num(f.medianInterval.high)})`,
    `p90 ${num(f.p90)}`
  ]
  if (f.ks !== undefined) parts.push(`lognormal KS D = ${num(f.ks.d, 2)}, ${pValue(f.ks.p)}`)
  if (f.zeros > 0) parts.push(`${f.zeros} zero time(s) left out`)
  return parts.join("; ")
}

/** A duration model as YAML flow mapping (the scenario's `fixed`/`lognormal`/`empirical` forms). */
const durationModel = (f: FittedDurations): string => {
  const m = f.model
  if (m._tag === "fixed") return `{ _tag: fixed, minutes: ${num(m.minutes, 4)} }`
  if (m._tag === "lognormal")
    return `{ _tag: lognormal, medianMinutes: ${m.medianMinutes}, p90Minutes: ${m.p90Minutes} }`
  return `{ _tag: empirical, minutes: [${m.minutes.join(", ")}] }`
}

function streamLines(s: FittedStream): string[] {
  const d = s.demand,
    fit = s.onScene?.fit as FittedDurations
  const mean = d.rates.reduce((a, r) => a + r, 0) / 168
  const lines = [
    `  - area: ${q(d.area)}`,
    `    prio: ${d.prio}`,
    `    # ${d.calls} calls over ${num(d.exposureHours / 24, 4)} days; perDay 95 % CI ${num(d.perDayInterval.low)}–${num(d.perDayInterval.high)}${d.monthProfile === undefined ? "" : " (an average month's)"}`,
    `    perDay: ${num(d.perDay, 4)}`,
    `    # relative rate per local hour, 24 a row, mon to sun, 00–01 first; shrunk toward the area's daily shape:` +
      ` gamma shape ${Number.isFinite(d.shrinkageShape) ? num(d.shrinkageShape) : "∞ (no variation beyond the daily shape)"}, mean weight of a cell's own count ${num(d.ownWeight, 2)}`
  ]
  if (d.dispersion !== undefined) {
    const poisson = d.dispersion.p < 0.01 ? "NOT plausible: calls cluster beyond the hour-of-week pattern" : "plausible"
    lines.push(
      `    # Poisson ${poisson} (daily counts: X² = ${num(d.dispersion.statistic, 4)} on ${d.dispersion.df} df, X²/df = ${num(d.dispersion.ratio)}, ${pValue(d.dispersion.p)})`
    )
  } else lines.push("    # overdispersion not tested: fewer than 8 whole days in the window")
  lines.push(
    "    # above each row: calls seen in each hour, and the 95 % interval those calls alone give on the same scale",
    "    hourOfWeekProfile: ["
  )
  for (let w = 0; w < 7; w++) {
    const cells = Array.from({ length: 24 }, (_, h) => w * 24 + h)
    const band = (c: number) =>
      Number.isNaN(d.cellLow[c] as number)
        ? "not in the window"
        : `${num((d.cellLow[c] as number) / mean, 2)}–${num((d.cellHigh[c] as number) / mean, 2)}`
    lines.push(
      `      # ${WEEKDAYS[w]} calls: ${cells.map((c) => d.cellCalls[c] as number).join(", ")}`,
      `      # ${WEEKDAYS[w]} 95 %: ${cells.map(band).join(", ")}`,
      `      ${cells.map((c) => num((d.rates[c] as number) / mean, 3)).join(", ")}${w < 6 ? "," : ""}`
    )
  }
  lines.push("    ]")
  if (d.months !== undefined && d.monthProfile !== undefined) lines.push(...monthLines(d.months, d.monthProfile))
  const source =
    s.onScene?.pooled === true ? ` (too few here: ${s.onScene.own}; pooled over every area's prio ${d.prio})` : ""
  lines.push(`    # on-scene minutes: ${durationComment(fit)}${source}`)
  lines.push(`    service: ${durationModel(fit)}`)
  lines.push(`    # ${shareComment(s.twoUnits)}`)
  lines.push(`    twoUnitShare: ${num(s.twoUnits.share, 4)}`)
  return lines
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** The month profile with, per month, its calls and 95 % interval on the weights' scale; months not in the window said as such. */
function monthLines(months: MonthFactors, profile: MonthProfile): string[] {
  const byMonth = new Map(months.factors.map((f) => [f.month, f]))
  const test = `equal months ${months.p < 0.01 ? "rejected" : "not rejected"} (X² = ${num(months.statistic, 4)} on ${months.df} df, ${pValue(months.p)})`
  const lines = [
    `    # relative rate per local month, Jan first, mean 1 (perDay is an average month's): observed / expected calls; ${test}`
  ]
  for (let m = 0; m < 12; m += 4) {
    lines.push(
      `    #   ${Array.from({ length: 4 }, (_, i) => {
        const f = byMonth.get(m + i)
        if (f === undefined) return `${MONTHS[m + i]} not in the window: the window's average, not measured`
        return `${MONTHS[m + i]} n = ${f.calls}, 95 % CI ${num(f.interval.low / profile.level, 2)}–${num(f.interval.high / profile.level, 2)}`
      }).join("; ")}`
    )
  }
  lines.push(`    monthOfYearProfile: [${profile.weights.map((w) => num(w, 3)).join(", ")}]`)
  return lines
}

/**
 * The fitted scenario as commented YAML: every fitted number with its sample size and uncertainty in a comment
 * beside it, and what could not be fitted listed at the top and beside its part. Only aggregates are written
 * (rates, quantiles, counts), never an incident, a patrol or a feed value.
 */
export function scenarioYaml(fit: FitResult, name: string): string {
  const out: string[] = [
    `# Fitted by igv fit from ${fit.events} feed events, ${fit.incidents} incidents,`,
    `# window ${formatInstant(fit.from, fit.timeZone)} to ${formatInstant(fit.to, fit.timeZone)} (${fit.timeZone}).`,
    "# Every fitted number has its sample size and 95 % uncertainty in a comment beside it.",
    "# Not fitted (nothing here is invented):",
    ...fit.notFitted.map((n) => `#   - ${n.part}: ${n.reason}`),
    `name: ${q(name)}`,
    `description: ${q(`fitted from the window ${fit.start}, ${fit.days} days`)}`,
    `start: ${q(fit.start)}`,
    `days: ${fit.days}`,
    `timeZone: ${q(fit.timeZone)}`,
    "areas:",
    ...fit.areas.map((a) => `  - id: ${q(a)}`)
  ]
  const declared = new Set(fit.areas)
  out.push("travel:")
  const within = fit.travel.withinAreas
  if (within.fit === undefined)
    out.push(
      "  # NOT FITTED: too few intervals within an area; the format's default, set it yourself",
      "  default: { _tag: fixed, minutes: 10 }"
    )
  else
    out.push(
      `  # within an area, every area pooled, dispatch to on scene: ${durationComment(within.fit)}`,
      `  default: ${durationModel(within.fit)}`
    )
  const pairs = fit.travel.pairs.filter((p) => p.fit !== undefined && declared.has(p.from) && declared.has(p.to))
  out.push(pairs.length === 0 ? "  pairs: []" : "  pairs:")
  for (const p of pairs) {
    out.push(
      `    # ${durationComment(p.fit as FittedDurations)}`,
      `    - { from: ${q(p.from)}, to: ${q(p.to)}, model: ${durationModel(p.fit as FittedDurations)} }`
    )
  }
  const shifts = fit.dimensioning?.shifts ?? []
  if (fit.dimensioning === undefined)
    out.push("# NOT FITTED: no shift events in the window; give the dimensioning yourself")
  else
    out.push(
      `# patrols on duty: the median over the window's ${fit.dimensioning.days} days, per weekday and quarter hour`
    )
  out.push(shifts.length === 0 ? "dimensioning: []" : "dimensioning:")
  for (const s of shifts) {
    out.push(`  # held on ${s.matching} of ${s.samples} quarter hours (${pct(s.matching / s.samples)})`)
    out.push(
      `  - { area: ${q(s.area)}, kind: ${s.kind}, patrols: ${s.patrols}, weekdays: [${s.weekdays.join(", ")}], start: ${q(s.start)}, end: ${q(s.end)} }`
    )
  }
  const streams = fit.streams.filter((s) => s.onScene?.fit !== undefined)
  out.push("demand:", streams.length === 0 ? "  synthetic: []" : "  synthetic:")
  for (const s of streams) out.push(...streamLines(s))
  const templates = fit.plannedBlocks?.templates ?? []
  out.push(templates.length === 0 ? "plannedBlocks: []" : "plannedBlocks:")
  for (const t of templates) {
    out.push(`  # planned on ${t.occurred} of ${t.days} days of its weekdays`)
    out.push(
      `  - { area: ${q(t.area)}, patrolKind: ${t.patrolKind}, weekdays: [${t.weekdays.join(", ")}], start: ${q(t.start)}, durationMinutes: ${t.durationMinutes}, patrols: ${t.patrols}${t.tag === undefined ? "" : `, tag: ${q(t.tag)}`} }`
    )
  }
  if (fit.handledOtherwise === undefined) {
    out.push(
      "# chain-of-command rules are not fitted: today's practice (the defaults); change them to compare",
      "rules: {}"
    )
  } else {
    out.push(
      "# chain-of-command rules are not fitted: today's practice (the defaults), but for the share handled another way",
      "rules:",
      "  prio3:"
    )
    out.push(
      `    # ${shareComment(fit.handledOtherwise)} prio-3 calls handled another way`,
      `    handledOtherwiseShare: ${num(fit.handledOtherwise.share, 4)}`
    )
  }
  return `${out.join("\n")}\n`
}
