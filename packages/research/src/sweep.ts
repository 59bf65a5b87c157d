import { createHash } from "node:crypto"
import { type Decoded, Scenario, type IncidentRegistered } from "@igv/domain"
import { summarizeReplications, type MetricsReport } from "@igv/metrics"
import { decodeScenarioValue, runOnce, runReplications, type Progress } from "@igv/runner"
import { Schema } from "effect"
import type { Factor, Point } from "./design.js"
import { getAt, PathAbsent, setAt } from "./paths.js"
import { sweepOverKafka } from "./sweep-kafka.js"

/** A sweep that cannot run as asked: a factor path the scenario does not have, a value of the wrong kind, an unknown metric. */
export class SweepInvalid extends Error {
  override readonly name = "SweepInvalid"
}

/** What names or seeds a run rather than models it: varying it would break common random numbers or mean nothing. */
const NOT_FACTORS: ReadonlySet<string> = new Set(["seed", "name", "description", "replications"])

const encode = Schema.encodeSync(Scenario)

/**
 * The base scenario with the point's values set, decoded as strictly as a scenario file; or, each as an issue
 * whose message names the `--vary`, a factor that is no setting, a path the scenario lacks, a value that does not
 * decode.
 */
export const scenarioAt = (base: Scenario, factors: ReadonlyArray<Factor>, point: Point): Decoded<Scenario> => {
  const refused = (path: string, message: string): Decoded<Scenario> => ({ ok: false, issues: [{ path, message }] })
  let value: unknown = encode(base)
  for (const [i, f] of factors.entries()) {
    if (NOT_FACTORS.has(f.path)) return refused(f.path, `--vary ${f.path}: ${f.path} is not a setting of the model`)
    try {
      value = setAt(value, f.path, point[i])
    } catch (e) {
      if (e instanceof PathAbsent)
        return refused(f.path, `--vary ${f.path}: the scenario has no such element (${e.message})`)
      throw e
    }
  }
  const decoded = decodeScenarioValue({ value, numbers: [], locate: () => undefined })
  if (decoded.ok) return decoded
  return {
    ok: false,
    issues: decoded.issues.map((i) => ({ path: i.path, message: `--vary at ${i.path}: ${i.message}` }))
  }
}

export interface MetricFigure {
  readonly mean: number | null
  /** 95 % half-width over the replications (Student t); null with a single replication or no value. */
  readonly halfWidth: number | null
}

export interface SweepRow {
  readonly point: number
  /** The factors' values at this point, by path. */
  readonly values: Readonly<Record<string, unknown>>
  readonly replications: number
  readonly metrics: Readonly<Record<string, MetricFigure>>
}

export interface SweepOptions {
  readonly replications: number
  /** Replication r of every point runs on replicationSeed(seed, r): common random numbers across points. */
  readonly seed: number
  readonly metrics: ReadonlyArray<string>
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  readonly parallelism?: number
  /** `kafka://HOST:PORT/TOPIC`: publish the replications as tasks for `igv worker`s instead of running them here. */
  readonly via?: string
  /** Hears the share of the sweep done, with a few words on where it is. */
  readonly onProgress?: (fraction: number, detail: string) => void
  /** Hears each point's reports once all its replications are in (awaited: e.g. to store them). */
  readonly onPointDone?: (point: number, reports: ReadonlyArray<MetricsReport>) => Promise<void> | void
  /** Over Kafka: the sweep's id in every task, for workers that store each replication under it (default: sweepIdOf the sweep). */
  readonly sweepId?: string
}

/**
 * Names a sweep by everything that decides its table (scenario, feed, factors, points, seeds, replications,
 * metrics): the same sweep run again has the same id, so stored results are not stored twice.
 */
export const sweepIdOf = (
  base: Scenario,
  factors: ReadonlyArray<Factor>,
  points: ReadonlyArray<Point>,
  options: Pick<SweepOptions, "replications" | "seed" | "metrics" | "incidents">
): string => {
  const hash = createHash("sha256").update(
    JSON.stringify([
      encode(base),
      factors.map((f) => f.path),
      points,
      options.seed,
      options.replications,
      options.metrics
    ])
  )
  if (options.incidents !== undefined) hash.update(JSON.stringify(options.incidents))
  return `sweep-${hash.digest("hex").slice(0, 16)}`
}

/** A point's values as one text each, as the CSV table shows them: text as it is, anything else as JSON. */
export const valueText = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v))

/**
 * Runs every point's replications (here on the runner's worker pool, or over Kafka) and summarizes the metrics,
 * one row per point. Both ways give the same rows, byte for byte: the same seeds, reports folded in replication order.
 */
export const runSweep = async (
  base: Scenario,
  factors: ReadonlyArray<Factor>,
  points: ReadonlyArray<Point>,
  options: SweepOptions
): Promise<Array<SweepRow>> => {
  // Every point is built, and the metrics checked on a day's run, before any work.
  const scenarios = points.map((p) => {
    const at = scenarioAt(base, factors, p)
    if (!at.ok) throw new SweepInvalid(at.issues.map((i) => i.message).join("\n"))
    return at.value
  })
  if (scenarios.length > 0)
    metricFigures(summarizeReplications([runOnce({ ...scenarios[0]!, days: 1 }, options.seed)]), options.metrics, 1)
  const progress = options.onProgress ?? (() => {})
  let reports: Array<Array<MetricsReport>>
  if (options.via !== undefined) {
    if (options.incidents !== undefined)
      throw new SweepInvalid("a sweep over Kafka does not ship a replayed feed to its workers; run it here")
    reports = await sweepOverKafka(options.via, scenarios, {
      replications: options.replications,
      seed: options.seed,
      record: {
        sweepId: options.sweepId ?? sweepIdOf(base, factors, points, options),
        scenario: base.name,
        values: points.map((p) => pointValues(factors, p))
      },
      onProgress: (done, total) => progress(done / total, `${done}/${total} replications`)
    })
    for (const [i, r] of reports.entries()) await options.onPointDone?.(i, r)
  } else {
    reports = []
    for (const [i, scenario] of scenarios.entries()) {
      reports.push(
        await runReplications(scenario, {
          replications: options.replications,
          seed: options.seed,
          ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
          ...(options.incidents === undefined ? {} : { incidents: options.incidents }),
          onProgress: (p: Progress) =>
            progress((i + p.fraction) / scenarios.length, `point ${i + 1}/${scenarios.length}`)
        })
      )
      await options.onPointDone?.(i, reports[i]!)
    }
  }
  return reports.map((r, i) => sweepRow(i, factors, points[i]!, r, options.metrics))
}

/** Reads the metrics of a summary of replications; an unknown metric path is a SweepInvalid. */
export const metricFigures = (
  summary: { mean: unknown; halfWidth95: unknown },
  metrics: ReadonlyArray<string>,
  replications: number
) =>
  Object.fromEntries(
    metrics.map((m) => {
      const mean = getAt(summary.mean, m)
      if (mean !== null && typeof mean !== "number")
        throw new SweepInvalid(
          `--metric ${m}: not a figure of the report (e.g. lineTime.survival, interruptions.total)`
        )
      const hw = getAt(summary.halfWidth95, m)
      return [m, { mean, halfWidth: replications < 2 || typeof hw !== "number" ? null : hw }]
    })
  )

/** The factors' values at a point, by path. */
export const pointValues = (factors: ReadonlyArray<Factor>, values: Point): Record<string, unknown> =>
  Object.fromEntries(factors.map((f, k) => [f.path, values[k]]))

/** One point's row from its replications' reports. */
export const sweepRow = (
  point: number,
  factors: ReadonlyArray<Factor>,
  values: Point,
  reports: Parameters<typeof summarizeReplications>[0],
  metrics: ReadonlyArray<string>
): SweepRow => ({
  point,
  values: pointValues(factors, values),
  replications: reports.length,
  metrics: metricFigures(summarizeReplications(reports), metrics, reports.length)
})

/** CSV (RFC 4180): point, each factor, replications, then mean and half-width of each metric. */
export const sweepCsv = (
  factors: ReadonlyArray<Factor>,
  metrics: ReadonlyArray<string>,
  rows: ReadonlyArray<SweepRow>
): string => {
  const cell = (v: unknown): string => {
    const s = v === null || v === undefined ? "" : valueText(v)
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  const header = [
    "point",
    ...factors.map((f) => f.path),
    "replications",
    ...metrics.flatMap((m) => [`${m}.mean`, `${m}.halfWidth95`])
  ]
  const lines = rows.map((r) =>
    [
      r.point,
      ...factors.map((f) => r.values[f.path]),
      r.replications,
      ...metrics.flatMap((m) => [r.metrics[m]!.mean, r.metrics[m]!.halfWidth])
    ]
      .map(cell)
      .join(",")
  )
  return [header.map(cell).join(","), ...lines].join("\n")
}

/** JSON lines: one object per point. */
export const sweepJsonLines = (rows: ReadonlyArray<SweepRow>): string => rows.map((r) => JSON.stringify(r)).join("\n")
