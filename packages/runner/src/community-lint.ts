import type { Rules, Scenario } from "@igv/domain"
import type { Model } from "@igv/simulator"
import { ruleScopes } from "./rule-scopes.js"

type Report = (path: string, message: string) => void

/**
 * Community officers' settings that have no effect: shifts taken or absences where no community officer is
 * rostered, an IGV minimum never undercut during an officer's shift, and `crew: "alone"` when the officers are not
 * drawn for prio 1 or 2 anyway. `inert` prefixes "no effect:".
 */
export const lintCommunityOfficers = (scenario: Scenario, m: Model, inert: Report): void => {
  const rostered = new Set(
    [...scenario.dimensioning, ...scenario.seasons.flatMap((s) => s.dimensioning ?? [])]
      .filter((shift) => shift.kind === "community" && shift.patrols > 0)
      .map((shift) => shift.area as string)
  )
  const lintRules = (path: string, rules: Rules, areas: ReadonlyArray<string>) => {
    const co = rules.communityOfficers
    const at = `${path}.communityOfficers`
    const named = areas.map((a) => `"${a}"`).join(", ") || "any area these rules govern"
    const anyRostered = areas.some((a) => rostered.has(a))
    const drawsBefore = (j: number) =>
      (co.absences ?? []).length + (co.shiftsTaken ?? []).slice(0, j).filter((r) => r.whenIgvBelow === undefined).length
    const took = (rule: string) =>
      m.takenShifts.rule.some((r, i) => r === rule && areas.includes(m.areaIds[m.takenShifts.area[i]!]!))
    ;(co.absences ?? []).forEach((_, j) => {
      if (!anyRostered) inert(`${at}.absences[${j}]`, `no community officer is rostered in ${named}`)
    })
    ;(co.shiftsTaken ?? []).forEach((rule, j) => {
      const where = `${at}.shiftsTaken[${j}]`
      if (!anyRostered) inert(where, `no community officer is rostered in ${named}`)
      // Judged only when every rule before it is a minimum too: then what it takes depends on no draw.
      else if (rule.whenIgvBelow !== undefined && drawsBefore(j) === 0 && !took(`shiftsTaken[${j}]`))
        inert(
          where,
          `the IGV patrols on duty never fall below ${rule.whenIgvBelow} during a community officer's shift in ${named}`
        )
    })
    if (co.crew === "alone" && anyRostered && !co.drawnFor.some((p) => p < 3))
      inert(
        `${at}.crew`,
        "community officers are not drawn for prio 1 or 2 anyway (drawnFor), which is all a lone officer changes"
      )
    else if (co.crew === "alone" && !anyRostered) inert(`${at}.crew`, `no community officer is rostered in ${named}`)
  }
  // Rules that govern no area are named whole (lintScenario).
  for (const scope of ruleScopes(scenario)) if (scope.areas.length > 0) lintRules(scope.path, scope.rules, scope.areas)
}
