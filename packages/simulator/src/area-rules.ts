import type { Rules, Scenario } from "@igv/domain"
import { quantile, type Sampler } from "./sampler.js"

/** The rules each area follows, by area index: the rule set that lists it, else the scenario's `rules`. */
export const rulesByArea = (scenario: Scenario): Array<Rules> =>
  scenario.areas.map((a) => scenario.ruleSets.find((set) => set.areas.includes(a.id))?.rules ?? scenario.rules)

/** Bit p set: the area's rules protect blocks with this tag from prio-p calls. */
export const protectionMask = (rules: Rules, tag: string | undefined): number => {
  if (tag === undefined) return 0
  let mask = 0
  for (const entry of rules.protectedTags) if (entry.tag === tag) for (const p of entry.from) mask |= 1 << p
  return mask
}

/**
 * For each call area, every area ordered by the median travel time from it (own area first on a tie, then the
 * scenario's order): where prio 1 looks for the nearest free patrol.
 */
export const nearestAreas = (
  areas: number,
  travel: ReadonlyArray<Sampler>,
  travelModel: Int32Array
): Array<Int32Array> =>
  Array.from({ length: areas }, (_, to) => {
    const median = (from: number) => quantile(travel[travelModel[from * areas + to]!]!, 0.5)
    const order = Array.from({ length: areas }, (_, from) => from)
    order.sort((x, y) => median(x) - median(y) || Number(x !== to) - Number(y !== to) || x - y)
    return Int32Array.from(order)
  })
