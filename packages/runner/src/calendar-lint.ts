import type { Rules, Scenario } from "@igv/domain"
import { groupOf, type Model } from "@igv/simulator"
import { ruleScopes } from "./rule-scopes.js"

type Report = (path: string, message: string) => void

/**
 * The calendar's settings that have no effect: a dated event or season outside the horizon, a dated event's
 * take of 0 patrols or of a kind nobody of is ever on duty, a protected tag no planned block carries in the areas
 * the rules govern, prio 1 to the nearest unit with one area. `inert` prefixes "no effect:".
 */
export const lintCalendar = (scenario: Scenario, m: Model, inert: Report): void => {
  const horizon = { first: m.calendar.date(0), last: m.calendar.date(m.calendar.days - 1) }
  const occurs = new Set(m.commitments.id.map((id) => id.slice(0, id.lastIndexOf("/"))))
  scenario.calendar.forEach((event, i) => {
    event.takes.forEach((take, j) => {
      const path = `calendar[${i}].takes[${j}]`
      if (take.patrols === 0) inert(path, "takes 0 patrols")
      else if (m.groupSlots[groupOf(m.areaIndex.get(take.area)!, take.kind === "igv" ? 0 : 1)] === 0) {
        inert(
          path,
          `no ${take.kind === "igv" ? "IGV patrol" : "community officer"} is ever on duty in "${take.area}" to take`
        )
      }
    })
    if (!occurs.has(event.id) && event.takes.some((t) => t.patrols > 0)) {
      inert(
        `calendar[${i}]`,
        `this dated event (${event.from} to ${event.to}) falls on no day of the horizon (${horizon.first} to ${horizon.last}) and weekdays it lists`
      )
    }
  })
  scenario.seasons.forEach((season, i) => {
    // The day before the first counts: a night shift that starts then runs into the horizon.
    if (season.to < m.calendar.date(-1) || season.from > horizon.last) {
      inert(
        `seasons[${i}]`,
        `this season (${season.from} to ${season.to}) falls on no day of the horizon (${horizon.first} to ${horizon.last})`
      )
    }
  })
  const blockTags = (areas: ReadonlyArray<string>) =>
    new Set(m.templates.filter((t) => areas.includes(m.areaIds[t.area]!)).map((t) => t.tag))
  const lintRules = (path: string, rules: Rules, areas: ReadonlyArray<string>) => {
    const tags = blockTags(areas)
    rules.protectedTags.forEach((p, j) => {
      if (!tags.has(p.tag))
        inert(
          `${path}.protectedTags[${j}]`,
          `no planned block tagged "${p.tag}" in ${areas.map((a) => `"${a}"`).join(", ") || "any area these rules govern"}`
        )
    })
  }
  // Rules that govern no area are named whole (lintScenario).
  for (const scope of ruleScopes(scenario)) if (scope.areas.length > 0) lintRules(scope.path, scope.rules, scope.areas)
}
