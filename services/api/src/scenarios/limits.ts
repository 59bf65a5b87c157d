import type { Scenario } from "@igv/domain"
import type { Limits } from "../config.js"
import { ApiError, limitExceeded } from "../errors.js"

/** Patrols a scenario can have on duty at once, at most: every shift row's patrols together. */
export const patrolCount = (s: Scenario): number => s.dimensioning.reduce((n, shift) => n + shift.patrols, 0)

/** The size limits a scenario must respect; `at` prefixes the paths (`body.scenario`). */
export const checkScenarioLimits = (s: Scenario, limits: Limits, at: string): void => {
  if (s.areas.length > limits.scenarioAreas) throw limitExceeded("scenarioAreas", limits.scenarioAreas, `${at}.areas`, s.areas.length)
  const patrols = patrolCount(s)
  if (patrols > limits.scenarioPatrols) throw limitExceeded("scenarioPatrols", limits.scenarioPatrols, `${at}.dimensioning`, patrols)
  if (s.days > limits.scenarioDays) throw limitExceeded("scenarioDays", limits.scenarioDays, `${at}.days`, s.days)
  if (s.replications > limits.replications) throw limitExceeded("replications", limits.replications, `${at}.replications`, s.replications)
  if (s.demand.feed !== undefined && s.demand.feed !== "store") {
    throw new ApiError(400, "invalid_request",
      `the service never reads files: use demand.feed "store" and give POST /runs a feed window (from, to, area)`, `${at}.demand.feed`)
  }
}
