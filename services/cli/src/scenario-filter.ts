import type { Scenario } from "@igv/domain"
import { unknownPatrol } from "@igv/runner"
import { horizonOf } from "@igv/simulator"
import { UsageError } from "./command.js"

interface ScenarioFilter {
  readonly area?: string
  /** One patrol (`igv interruptions --patrol`) or several (`igv timeline --patrol a,b`). */
  readonly patrol?: string
  readonly patrols?: ReadonlyArray<string>
  readonly tag?: string
  readonly from?: number
  readonly to?: number
}

/** At most this many of the scenario's patrols are listed beside an unknown one. */
const PATROLS_LISTED = 8

/**
 * A filter that cannot match anything a scenario simulates is a misspelt area, patrol or tag, or a window beside
 * the horizon: refused, rather than listed as "0 interruptions" as if none had happened.
 */
export const checkFilterAgainstScenario = (scenario: Scenario, filter: ScenarioFilter): void => {
  const areas = scenario.areas.map((a) => a.id as string)
  if (filter.area !== undefined && !areas.includes(filter.area))
    throw new UsageError(`--area: the scenario has no area "${filter.area}" (its areas: ${areas.join(", ")})`)
  if (filter.tag !== undefined) {
    const blocks = [...scenario.plannedBlocks, ...scenario.seasons.flatMap((s) => s.plannedBlocks ?? [])]
    const tags = [...new Set(blocks.flatMap((b) => (b.tag === undefined ? [] : [b.tag])))]
    if (!tags.includes(filter.tag))
      throw new UsageError(
        `--tag: no planned block of the scenario is tagged "${filter.tag}" (${tags.length === 0 ? "it tags none" : `its tags: ${tags.join(", ")}`})`
      )
  }
  const unknown = unknownPatrol(scenario, [
    ...(filter.patrol === undefined ? [] : [filter.patrol]),
    ...(filter.patrols ?? [])
  ])
  if (unknown !== undefined) {
    const ids = unknown.known
    const listed =
      ids.slice(0, PATROLS_LISTED).join(", ") + (ids.length > PATROLS_LISTED ? `, … (${ids.length} in all)` : "")
    throw new UsageError(`--patrol: the scenario has no patrol "${unknown.patrol}" (its patrols: ${listed || "none"})`)
  }
  const { startT, endT } = horizonOf(scenario)
  if ((filter.from !== undefined && filter.from >= endT) || (filter.to !== undefined && filter.to <= startT))
    throw new UsageError(
      `--from/--to: the window lies outside the simulated horizon (${scenario.days} days from ${scenario.start}): nothing in it was simulated`
    )
}
