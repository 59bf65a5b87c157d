import { meanAndHalfWidth } from "@igv/metrics"
import { loadScenario, replicationSeed, runOnce } from "@igv/runner"
import { FIGURES, type FigureId } from "./figures.js"

/** Replications each calibration figure is measured over, as `igv simulate -r 20` runs them. */
export const CALIBRATION_REPLICATIONS = 20

export interface Measured {
  readonly mean: number
  readonly halfWidth: number
}

/**
 * Each figure of a scenario file over replications 0 … n − 1 of its own seed (the replications `igv simulate`
 * runs), as a mean with its 95 % half-width. A figure a replication cannot measure is an error: no figure over
 * data that is not there.
 */
export const measureScenario = async (
  file: string,
  replications = CALIBRATION_REPLICATIONS
): Promise<Record<FigureId, Measured>> => {
  const { scenario } = await loadScenario(file)
  const reports = Array.from({ length: replications }, (_, i) => runOnce(scenario, replicationSeed(scenario.seed, i)))
  const of = (id: FigureId): Measured =>
    meanAndHalfWidth(
      reports.map((r, i) => {
        const x = FIGURES[id](r)
        if (x === null) throw new Error(`${file}: ${id} not measured in replication ${i}`)
        return x
      })
    )
  return {
    prio12Share: of("prio12Share"),
    hrFreeShare: of("hrFreeShare"),
    ownMissionShare: of("ownMissionShare"),
    preventionHours: of("preventionHours")
  }
}
