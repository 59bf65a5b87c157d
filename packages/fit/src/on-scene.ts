import type { IncidentRegistered } from "@igv/domain"
import { EMPIRICAL_FROM, fitDurations, type FittedDurations } from "./durations.js"

export interface FittedOnScene {
  readonly area: string
  readonly prio: 1 | 2 | 3
  /** The stream's own fit, or the priority's fit over every area when the stream has too few times of its own. */
  readonly fit: FittedDurations | undefined
  readonly pooled: boolean
  /** On-scene times of the stream itself (positive and zero). */
  readonly own: number
}

/**
 * On-scene minutes per area and priority, from the registrations (`onSceneMinutes`), leaving out calls
 * handled another way (no patrol went). A stream with fewer than `MIN_DURATIONS` times borrows its priority's
 * fit over all areas, and says so; with too few there as well it has none.
 */
export function fitOnScene(
  incidents: ReadonlyArray<IncidentRegistered>,
  handledOtherwise: ReadonlySet<string>
): FittedOnScene[] {
  const byStream = new Map<string, { area: string; prio: 1 | 2 | 3; minutes: number[] }>()
  const byPrio = new Map<number, number[]>()
  for (const i of incidents) {
    if (handledOtherwise.has(i.incident)) continue
    const id = `${i.area}\u0000${i.prio}`
    let s = byStream.get(id)
    if (s === undefined) byStream.set(id, (s = { area: i.area, prio: i.prio, minutes: [] }))
    s.minutes.push(i.onSceneMinutes)
    let p = byPrio.get(i.prio)
    if (p === undefined) byPrio.set(i.prio, (p = []))
    p.push(i.onSceneMinutes)
  }
  const pooled = new Map<number, FittedDurations | undefined>()
  const pooledFit = (prio: number) => {
    if (!pooled.has(prio)) pooled.set(prio, fitDurations(byPrio.get(prio) ?? [], { empiricalFrom: EMPIRICAL_FROM }))
    return pooled.get(prio)
  }
  return [...byStream.values()].map((s) => {
    const own = fitDurations(s.minutes, { empiricalFrom: EMPIRICAL_FROM })
    return own !== undefined
      ? { area: s.area, prio: s.prio, fit: own, pooled: false, own: s.minutes.length }
      : { area: s.area, prio: s.prio, fit: pooledFit(s.prio), pooled: true, own: s.minutes.length }
  })
}
