import { decodeWith, Scenario, type Priority } from "@igv/domain"

export interface MMcSetup {
  /** Patrols on duty around the clock (servers). */
  readonly patrols: number
  /** Mean on-scene minutes (exponential; 1/μ). */
  readonly meanServiceMinutes: number
  /** Incidents per day by priority (flat Poisson). */
  readonly perDay: Partial<Record<Priority, number>>
  readonly days: number
  readonly seed?: number
}

/**
 * One area as an M/M/c queue: `patrols` IGV patrols on a 24-hour shift every day (so duty is
 * continuous), zero travel so a patrol's job time is exactly the on-scene time, no planned blocks,
 * single-unit calls, exponential on-scene times, flat Poisson demand. UTC keeps every day 24 h long.
 */
const decode = decodeWith(Scenario)

export const mmcScenario = (setup: MMcSetup): Scenario => {
  const r = decode({
    name: `M/M/${setup.patrols}`,
    start: "2025-01-06",
    days: setup.days,
    timeZone: "UTC",
    seed: setup.seed ?? 1,
    areas: [{ id: "q" }],
    travel: { default: { _tag: "fixed", minutes: 0 } },
    dimensioning: [{ area: "q", patrols: setup.patrols, start: "00:00", end: "00:00" }],
    demand: {
      synthetic: (Object.entries(setup.perDay) as Array<[string, number]>).map(([prio, perDay]) => ({
        area: "q",
        prio: Number(prio),
        perDay,
        service: { _tag: "exponential", meanMinutes: setup.meanServiceMinutes }
      }))
    }
  })
  if (!r.ok) throw new Error(`invalid M/M/c scenario: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`)
  return r.value
}

/** Minutes since the epoch at the scenario's start (local midnight in UTC). */
export const scenarioStartMinutes = (s: Scenario): number => Date.parse(`${s.start}T00:00:00Z`) / 60_000

/** Arrival rate per minute from incidents per day. */
export const perMinute = (perDay: number): number => perDay / 1440
