import type { IgvEvent, Scenario } from "@igv/domain"
import { fold, historyProjection } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"
import { horizonOf } from "@igv/simulator"

/** 39 replications: their smallest and largest value are a 95 % prediction interval for one more run. */
export const DEFAULT_CHECK_REPLICATIONS = 39

export interface CheckRow {
  /** The report figure's JSON path, e.g. `response.1.p90DispatchMinutes`. */
  readonly figure: string
  readonly observed: number
  readonly mean: number
  readonly low: number
  readonly high: number
  readonly inside: boolean
  /** False when every replication gave the same value (a scheduled figure, not a random one). */
  readonly varies: boolean
}

export interface CheckResult {
  readonly replications: number
  /** Nominal coverage of the intervals: (R + 1 − 2k) / (R + 1) for the k-th smallest and largest of R runs. */
  readonly nominal: number
  readonly rows: ReadonlyArray<CheckRow>
}

/** Numeric figures of a report, by path; lists (histograms, by-hour figures) and fixed settings (targets) left out. */
const figuresOf = (report: unknown, prefix = "", out = new Map<string, number>()): Map<string, number> => {
  if (report === null || typeof report !== "object" || Array.isArray(report)) return out
  for (const [k, v] of Object.entries(report)) {
    const path = prefix === "" ? k : `${prefix}.${k}`
    if (typeof v === "number" && Number.isFinite(v) && k !== "targetMinutes" && k !== "events") out.set(path, v)
    else if (typeof v === "object") figuresOf(v, path, out)
  }
  return out
}

/**
 * Simulates a scenario R times over its horizon and puts each report figure of the recorded events in that
 * horizon (the history projection, as `igv history` folds it) beside the runs: their mean and the prediction
 * interval from the k-th smallest to the k-th largest run, k = max(1, ⌊0.025 (R + 1)⌋). For a run exchangeable
 * with the simulated ones the observed figure falls inside with probability (R + 1 − 2k) / (R + 1).
 * Figures the observed window does not measure (null) are left out.
 */
export function checkScenario(
  scenario: Scenario,
  recorded: ReadonlyArray<IgvEvent>,
  options: { replications?: number; seed?: number } = {}
): CheckResult {
  const R = options.replications ?? DEFAULT_CHECK_REPLICATIONS
  const { startT, endT } = horizonOf(scenario)
  const history = historyProjection({ timeZone: scenario.timeZone })
  // Both sides see the horizon only: a simulated job's overtime past its end is cut as the recorded window is.
  const projection = {
    ...history,
    evolve: (s: ReturnType<typeof history.initial>, e: IgvEvent) =>
      e.t >= startT && e.t < endT ? history.evolve(s, e) : s
  }
  const observed = figuresOf(fold(projection, recorded))
  const runs = Array.from({ length: R }, (_, r) =>
    figuresOf(foldSimulation(scenario, projection, { seed: replicationSeed(options.seed ?? scenario.seed, r) }))
  )
  const k = Math.max(1, Math.floor(0.025 * (R + 1)))
  const rows: CheckRow[] = []
  for (const [figure, value] of observed) {
    const values = runs
      .map((f) => f.get(figure))
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b)
    if (values.length < R) continue
    const low = values[k - 1] as number,
      high = values[R - k] as number
    rows.push({
      figure,
      observed: value,
      mean: values.reduce((s, v) => s + v, 0) / R,
      low,
      high,
      inside: value >= low - 1e-9 * Math.abs(low) && value <= high + 1e-9 * Math.abs(high),
      varies: (values[0] as number) !== (values[R - 1] as number)
    })
  }
  return { replications: R, nominal: (R + 1 - 2 * k) / (R + 1), rows }
}
