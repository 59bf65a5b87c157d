import { Schema } from "effect"
import { incomparabilities, ReplicatedReport, settingChanges, withSetting, type Scenario } from "@igv/domain"
import { attributeReplications, compareReplications } from "@igv/metrics"
import type { Limits } from "../config.js"
import { ApiError, limitExceeded, notFound } from "../errors.js"
import { ScenarioService } from "../scenarios/service.js"
import { runWarnings, Warnings } from "../scenarios/warnings.js"
import type { RunState } from "./lifecycle.js"
import type { RunService } from "./service.js"

/** Attribution runs one more set of replications per changed setting. */
export const MAX_ATTRIBUTED_SETTINGS = 16

const Change = Schema.Struct({
  path: Schema.String,
  op: Schema.Literals(["added", "removed", "changed"]),
  from: Schema.optionalKey(Schema.Unknown),
  to: Schema.optionalKey(Schema.Unknown)
})
const Part = Schema.Struct({
  path: Schema.String,
  delta: Schema.NullOr(Schema.Number),
  halfWidth: Schema.NullOr(Schema.Number),
  significant: Schema.Boolean
})

/** `compareReplications`' answer, with the two run ids, what differs between their scenarios and, asked for, the attribution. */
export const ComparisonBody = Schema.Struct({
  runs: Schema.Struct({ a: Schema.String, b: Schema.String }),
  /** Both runs used the same seeds, horizon, areas and feed window, so replication i of each saw the same random numbers. */
  commonRandomNumbers: Schema.Boolean,
  /** Deltas judged pair by pair (with common random numbers); else an unpaired (Welch) comparison that claims nothing about pairs. */
  paired: Schema.Boolean,
  /** Why the runs cannot be paired (given allowDifferent=true); empty when they can. */
  differences: Schema.Array(Schema.String),
  /** Every setting in which B's scenario differs from A's, path by path. */
  changes: Schema.Array(Change),
  /** The linter's warnings for each run's scenario version. */
  warnings: Schema.Struct({ a: Warnings, b: Warnings }),
  replications: Schema.Number,
  a: ReplicatedReport,
  b: ReplicatedReport,
  /**
   * One row per figure: `delta` is b − a, `significant` when its 95 % interval excludes 0. A figure over no data
   * (survival with nothing planned, a percentile of no calls) is null, and the delta is over the pairs that have it.
   */
  rows: Schema.Array(
    Schema.Struct({
      path: Schema.String,
      a: Schema.NullOr(Schema.Number),
      b: Schema.NullOr(Schema.Number),
      aHalfWidth: Schema.NullOr(Schema.Number),
      bHalfWidth: Schema.NullOr(Schema.Number),
      delta: Schema.NullOr(Schema.Number),
      halfWidth: Schema.NullOr(Schema.Number),
      significant: Schema.Boolean
    })
  ),
  /** With attribute=true: B − A split into each setting's own effect (B's value alone on A, paired with A) and the interaction. */
  attribution: Schema.optionalKey(
    Schema.Struct({
      settings: Schema.Array(Schema.Struct({ ...Change.fields, rows: Schema.Array(Part) })),
      interaction: Schema.Array(Part),
      total: Schema.Array(Part)
    })
  )
}).annotate({ identifier: "Comparison" })

export interface CompareRunsDeps {
  readonly runs: RunService
  readonly scenarios: ScenarioService
  readonly limits: Limits
}

const scenarioOf = async (scenarios: ScenarioService, run: RunState): Promise<Scenario> => {
  const version = await scenarios.get(run.scenarioId, run.version)
  if (version === undefined)
    throw notFound(`scenario ${run.scenarioId} version ${run.version} of run ${run.runId}`, "query.runs")
  return ScenarioService.decode(version)
}

const windowOf = (run: RunState) =>
  run.feed === undefined
    ? "none (synthetic demand)"
    : `${run.feed.from} to ${run.feed.to}${run.feed.area === undefined ? "" : ` in ${run.feed.area}`}`

/**
 * Two completed runs side by side. Runs whose scenarios differ in start, horizon, time zone or areas, or
 * that replay different feed windows, do not see the same calls: refused unless `allowDifferent`, and
 * then compared unpaired. Paired only with the same seeds and replications as well.
 */
export const compareRuns = async (
  { runs, scenarios, limits }: CompareRunsDeps,
  ids: readonly [string, string],
  options: { readonly allowDifferent: boolean; readonly attribute: boolean }
) => {
  for (const id of ids) if (runs.get(id) === undefined) throw notFound(`run ${id}`, "query.runs")
  const [a, b] = [await runs.result(ids[0]), await runs.result(ids[1])]
  const [runA, runB] = [runs.get(ids[0])!, runs.get(ids[1])!]
  const [scenarioA, scenarioB] = [await scenarioOf(scenarios, runA), await scenarioOf(scenarios, runB)]
  const differences = incomparabilities(scenarioA, scenarioB)
  if (windowOf(runA) !== windowOf(runB))
    differences.push(`replayed feed window: A ${windowOf(runA)}, B ${windowOf(runB)}`)
  if (differences.length > 0 && !options.allowDifferent) {
    throw new ApiError(
      400,
      "invalid_request",
      `runs ${ids[0]} and ${ids[1]} do not see the same calls, so they cannot be paired: ` +
        `they differ in ${differences.join("; ")}. Pass allowDifferent=true for an unpaired comparison`,
      "query.runs"
    )
  }
  // The simulator mixes both the run's and the scenario's seed into every random stream.
  const commonRandomNumbers = differences.length === 0 && runA.seed === runB.seed && scenarioA.seed === scenarioB.seed
  const paired = commonRandomNumbers && a.reports.length === b.reports.length
  const changes = settingChanges(scenarioA, scenarioB).map(({ keys: _k, ...change }) => change)
  const comparison = compareReplications(a.reports, b.reports, { paired })
  const warnings = { a: await runWarnings(scenarios, runA), b: await runWarnings(scenarios, runB) }
  const body = { runs: { a: ids[0], b: ids[1] }, commonRandomNumbers, differences, changes, warnings, ...comparison }
  if (!options.attribute) return body

  if (!paired) {
    throw new ApiError(
      400,
      "invalid_request",
      "attribution applies B's settings to A one at a time on A's calls: it needs runs with the same " +
        "seed, scenario seed, replications, horizon, areas and feed window",
      "query.attribute"
    )
  }
  const settings = settingChanges(scenarioA, scenarioB)
  if (settings.length > MAX_ATTRIBUTED_SETTINGS)
    throw limitExceeded("attributed settings", MAX_ATTRIBUTED_SETTINGS, "query.attribute", settings.length)
  if (settings.length * a.reports.length > limits.replications) {
    throw limitExceeded("replications", limits.replications, "query.attribute", settings.length * a.reports.length)
  }
  const variants = await runs.replicateVariants(
    runA,
    settings.map((setting) => withSetting(scenarioA, setting))
  )
  const attribution = attributeReplications(a.reports, b.reports, variants)
  return {
    ...body,
    attribution: {
      settings: changes.map((change, k) => ({ ...change, rows: attribution.own[k]! })),
      interaction: attribution.interaction,
      total: attribution.total
    }
  }
}
