import type { IncidentRegistered, Scenario } from "@igv/domain"
import type { Factor, Point } from "./design.js"
import { inertReasons } from "./inert-paths.js"
import { scenarioAt } from "./sweep.js"

/** A factor that changes nothing at any point of a sweep, and the linter's reason at the first point. */
export interface InertFactor {
  readonly path: string
  readonly reason: string
}

/**
 * The factors the linter calls "no effect" at every point of the sweep (with the other factors' values of that
 * point, so a setting that acts only beside another factor's value is not one of them): their rows would differ
 * in them by nothing. The points are judged until every factor has acted at one; a point that does not decode is
 * left to the sweep, which refuses it.
 */
export const inertFactors = (
  base: Scenario,
  factors: ReadonlyArray<Factor>,
  points: ReadonlyArray<Point>,
  incidents?: ReadonlyArray<IncidentRegistered>
): Array<InertFactor> => {
  const paths = factors.map((f) => f.path)
  const reasons = new Map<number, string>(factors.map((_, i) => [i, ""]))
  for (const point of points) {
    const at = scenarioAt(base, factors, point)
    if (!at.ok) return []
    const why = inertReasons(at.value, paths, incidents)
    for (const [i, reason] of reasons) {
      if (why[i] === undefined) reasons.delete(i)
      else if (reason === "") reasons.set(i, why[i])
    }
    if (reasons.size === 0) return []
  }
  return [...reasons].map(([i, reason]) => ({ path: paths[i]!, reason }))
}
