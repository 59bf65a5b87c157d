import type { Scenario } from "@igv/domain"
import { writeRunResults, type Analytics } from "@igv/analytics"
import type { MetricsReport } from "@igv/metrics"
import { horizonOf } from "@igv/simulator"
import type { RunOutput } from "../runs/executor.js"
import type { RunState } from "../runs/lifecycle.js"

/**
 * A completed run into ClickHouse: replication 0 (the run's own seed), whose interruption log the API
 * serves too, with its KPIs, segments and dispatches. Idempotent (writeRunResults skips a known run).
 */
export const exportRun = async (a: Analytics, run: RunState, scenario: Scenario, output: RunOutput): Promise<void> => {
  if (output.logs === undefined) throw new Error(`run ${run.runId} has no segment and dispatch logs to export`)
  const { startT, endT } = horizonOf(scenario)
  await writeRunResults(
    a,
    {
      runId: run.runId,
      scenarioId: run.scenarioId,
      scenarioVersion: run.version,
      seed: run.seed,
      windowStart: startT,
      windowEnd: endT,
      finishedAt: new Date(run.finishedAt ?? Date.now())
    },
    {
      report: output.reports[0] as MetricsReport,
      interruptions: output.interruptions[0] ?? [],
      segments: output.logs.segments,
      dispatches: output.logs.dispatches
    }
  )
}
