// Which of a scenario's rules let a call take a patrol from planned work, as an interruption's details quote it.

interface Rules {
  readonly interruptingPriorities?: ReadonlyArray<number>
  readonly prio3?: { readonly handling?: string; readonly deferLimitMinutes?: number }
}

/** A scenario's rules as the page and the report file get them: `rules`, and the rule sets that replace them in some areas. */
export interface ScenarioRules {
  readonly rules?: Rules
  readonly ruleSets?: ReadonlyArray<{ readonly areas: ReadonlyArray<string>; readonly rules?: Rules }>
}

/** The rules an area follows and their path in the scenario: the rule set that lists it, else `rules`. */
const rulesOfArea = (scenario: ScenarioRules | undefined, area: string): { path: string; rules: Rules | undefined } => {
  const sets = scenario?.ruleSets ?? []
  const i = sets.findIndex((set) => set.areas.includes(area))
  return i < 0 ? { path: "rules", rules: scenario?.rules } : { path: `ruleSets[${i}].rules`, rules: sets[i]!.rules }
}

/**
 * The area whose rules let the call interrupt: the call's, which a borrowed patrol's block is not in. A simulated
 * call always has its registration; the block's area stands in for one the feed lacks.
 */
export const callArea = (i: { readonly area: string; readonly call?: { readonly area?: string } }): string =>
  i.call?.area ?? i.area

/** Which rule let a call of this priority in this area take a patrol from planned work (the defaults filled in). */
export const ruleFor = (scenario: ScenarioRules | undefined, area: string, prio: number): string => {
  const { path, rules } = rulesOfArea(scenario, area)
  const prio3 = rules?.prio3 ?? {}
  if (prio === 3 && prio3.handling === "defer")
    return `${path}.prio3.handling: defer, deferLimitMinutes ${prio3.deferLimitMinutes ?? 180}`
  return `${path}.interruptingPriorities: [${(rules?.interruptingPriorities ?? [1, 2, 3]).join(", ")}]`
}
