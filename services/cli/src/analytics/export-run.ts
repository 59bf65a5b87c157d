import { createHash } from "node:crypto"
import { runResultsProjection, writeRunResults, type Analytics, type RunInfo } from "@igv/analytics"
import type { IncidentRegistered, Scenario } from "@igv/domain"
import { foldSimulation, replicationSeed } from "@igv/runner"
import { horizonOf } from "@igv/simulator"

export interface ExportRunOptions {
  readonly scenario: Scenario
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  readonly scenarioId: string
  readonly scenarioVersion: number
  readonly seed: number
  readonly replications: number
  /** Run ids: `<prefix>/r<replication>`. */
  readonly runIdPrefix: string
  readonly sweepId?: string
  readonly params?: Readonly<Record<string, string>>
  readonly onRun?: (runId: string, outcome: "written" | "exists") => void
}

export interface ExportedRun {
  readonly runId: string
  readonly seed: number
  readonly outcome: "written" | "exists"
}

/**
 * A default run-id prefix that changes with anything that changes the outcome (scenario text, seed, replayed
 * incidents), so exporting the same run again is a no-op and a changed scenario is never mistaken for a recorded one.
 */
export const defaultRunIdPrefix = (
  o: Pick<ExportRunOptions, "scenario" | "incidents" | "scenarioId" | "scenarioVersion" | "seed">
): string => {
  const hash = createHash("sha256").update(JSON.stringify(o.scenario)).update(`\n${o.seed}\n`)
  if (o.incidents !== undefined) hash.update(JSON.stringify(o.incidents))
  return `${o.scenarioId}/v${o.scenarioVersion}/${hash.digest("hex").slice(0, 12)}`
}

/**
 * Simulates replications 0..R-1 (replication r seeded as `igv simulate` seeds it) one after another, each folded
 * into its report and interruption, segment and dispatch logs, and writes each to ClickHouse as it finishes.
 * A run id already recorded is skipped by writeRunResults, so an interrupted export can simply be run again.
 */
export const exportRuns = async (a: Analytics, o: ExportRunOptions): Promise<Array<ExportedRun>> => {
  const { startT, endT } = horizonOf(o.scenario)
  const out: Array<ExportedRun> = []
  for (let r = 0; r < o.replications; r++) {
    const seed = replicationSeed(o.seed, r)
    const runId = `${o.runIdPrefix}/r${r}`
    const results = foldSimulation(o.scenario, runResultsProjection({ scenario: o.scenario }), {
      seed,
      ...(o.incidents === undefined ? {} : { incidents: o.incidents })
    })
    const info: RunInfo = {
      runId,
      scenarioId: o.scenarioId,
      scenarioVersion: o.scenarioVersion,
      seed,
      ...(o.sweepId === undefined ? {} : { sweepId: o.sweepId }),
      ...(o.params === undefined ? {} : { params: o.params }),
      windowStart: startT,
      windowEnd: endT,
      finishedAt: new Date()
    }
    const outcome = await writeRunResults(a, info, results)
    o.onRun?.(runId, outcome)
    out.push({ runId, seed, outcome })
  }
  return out
}
