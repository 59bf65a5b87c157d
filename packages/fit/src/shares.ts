import type { IncidentRegistered } from "@igv/domain"
import { wilson, type Interval } from "./stats.js"

export interface FittedShare {
  readonly k: number
  readonly n: number
  readonly share: number
  readonly interval: Interval
}

export const shareOf = (k: number, n: number): FittedShare => ({
  k,
  n,
  share: n === 0 ? 0 : k / n,
  interval: wilson(k, n)
})

/** Share of calls that need two units, per area and priority ("area\u0000prio"). */
export function fitTwoUnitShares(incidents: ReadonlyArray<IncidentRegistered>): Map<string, FittedShare> {
  const counts = new Map<string, { k: number; n: number }>()
  for (const i of incidents) {
    const id = `${i.area}\u0000${i.prio}`
    let c = counts.get(id)
    if (c === undefined) counts.set(id, (c = { k: 0, n: 0 }))
    c.n++
    if (i.unitsNeeded === 2) c.k++
  }
  return new Map([...counts].map(([id, c]) => [id, shareOf(c.k, c.n)]))
}

/** Share of prio-3 calls handled another way (desk, phone): the window's `IncidentHandledOtherwise` over its prio-3 registrations. */
export function fitHandledOtherwise(
  incidents: ReadonlyArray<IncidentRegistered>,
  handledOtherwise: ReadonlySet<string>
): FittedShare {
  let n = 0,
    k = 0
  for (const i of incidents) {
    if (i.prio !== 3) continue
    n++
    if (handledOtherwise.has(i.incident)) k++
  }
  return shareOf(k, n)
}
