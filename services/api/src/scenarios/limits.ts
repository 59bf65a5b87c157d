import type { Scenario } from "@igv/domain"
import { expectedWork } from "@igv/simulator"
import type { Limits } from "../config.js"
import { ApiError, limitExceeded } from "../errors.js"

/** Patrols a scenario can have on duty at once, at most: every shift row's patrols together. */
export const patrolCount = (s: Scenario): number => s.dimensioning.reduce((n, shift) => n + shift.patrols, 0)

/** The size limits a scenario must respect; `at` prefixes the paths (`body.scenario`). */
export const checkScenarioLimits = (s: Scenario, limits: Limits, at: string): void => {
  if (s.areas.length > limits.scenarioAreas)
    throw limitExceeded("scenarioAreas", limits.scenarioAreas, `${at}.areas`, s.areas.length)
  const patrols = patrolCount(s)
  if (patrols > limits.scenarioPatrols)
    throw limitExceeded("scenarioPatrols", limits.scenarioPatrols, `${at}.dimensioning`, patrols)
  if (s.days > limits.scenarioDays) throw limitExceeded("scenarioDays", limits.scenarioDays, `${at}.days`, s.days)
  if (s.replications > limits.replications)
    throw limitExceeded("replications", limits.replications, `${at}.replications`, s.replications)
  checkRunWork(s, s.replications, limits, { calls: `${at}.demand.synthetic`, events: at })
  if (s.demand.feed !== undefined && s.demand.feed !== "store") {
    throw new ApiError(
      400,
      "invalid_request",
      `the service never reads files: use demand.feed "store" and give POST /runs a feed window (from, to, area)`,
      `${at}.demand.feed`
    )
  }
}

/** A replayed incident's events when served by one unit: registered, dispatched, on scene, cleared. */
const REPLAYED_EVENTS = 4

const whole = (n: number) => Math.round(n).toLocaleString("en-US")

/**
 * The expected work of running `s` with `replications`, against runCalls and runEvents: what a run would make
 * the service simulate and hold, known before it starts (a scenario with `perDay: 1e8` is refused here, not
 * when its run has filled the memory). `paths` says which input each limit blames. `replayed`: the incidents of
 * a feed window, once read (each replayed in every replication).
 */
export const checkRunWork = (
  s: Scenario,
  replications: number,
  limits: Limits,
  paths: { readonly calls: string; readonly events: string },
  replayed = 0
): void => {
  const one = expectedWork(s)
  const calls = (one.calls + replayed) * replications,
    events = (one.events + replayed * REPLAYED_EVENTS) * replications
  if (calls > limits.runCalls) {
    const what =
      replayed === 0
        ? "synthetic calls"
        : `calls (${whole(replayed)} replayed from the feed window in each replication, with the synthetic ones)`
    throw new ApiError(
      400,
      "limit_exceeded",
      `limit runCalls is ${whole(limits.runCalls)}: this run would draw about ${whole(calls)} ${what} ` +
        `(Σ perDay × ${s.days} days × ${replications} replications, weighted by the hour-of-week profiles)`,
      paths.calls
    )
  }
  if (events > limits.runEvents) {
    throw new ApiError(
      400,
      "limit_exceeded",
      `limit runEvents is ${whole(limits.runEvents)}: this run would simulate about ${whole(events)} events ` +
        `(calls and their units, shift changes and planned blocks over ${s.days} days × ${replications} replications)`,
      paths.events
    )
  }
}
