import type { Rules, Scenario } from "@igv/domain"

/** A set of rules, where it stands in the scenario, and the areas that follow it. */
export interface RuleScope {
  readonly path: string
  readonly rules: Rules
  readonly areas: ReadonlyArray<string>
}

/**
 * The scenario's `rules`, governing the areas no rule set lists (none, when every area is in one), then each rule
 * set with its own areas: the same split the simulator makes (`rulesByArea`).
 */
export const ruleScopes = (scenario: Scenario): Array<RuleScope> => {
  const inSets = new Set<string>(scenario.ruleSets.flatMap((set) => set.areas))
  return [
    { path: "rules", rules: scenario.rules, areas: scenario.areas.map((a) => a.id).filter((a) => !inSets.has(a)) },
    ...scenario.ruleSets.map((set, k) => ({ path: `ruleSets[${k}].rules`, rules: set.rules, areas: set.areas }))
  ]
}
