import type { IgvEvent } from "@igv/domain"
import { fitDurations, type FittedDurations } from "./durations.js"
import type { PatrolDirectory } from "./patrols.js"

export interface FittedTravel {
  readonly from: string
  readonly to: string
  readonly fit: FittedDurations | undefined
  /** Dispatch-to-on-scene intervals observed for the pair. */
  readonly samples: number
}

export interface TravelFits {
  readonly pairs: ReadonlyArray<FittedTravel>
  /** Every within-area interval pooled: the scenario's default travel. */
  readonly withinAreas: FittedTravel
}

/**
 * Travel per area pair (the patrol's area to the incident's): the minutes from a patrol's last dispatch to a
 * call to its arrival there. A dispatch undone by a recall before arrival has no arrival and is not counted.
 */
export function fitTravel(events: ReadonlyArray<IgvEvent>, patrols: PatrolDirectory): TravelFits {
  const incidentArea = new Map<string, string>()
  const dispatchedAt = new Map<string, number>()
  const samples = new Map<string, { from: string; to: string; minutes: number[] }>()
  const within: number[] = []
  for (const e of events) {
    if (e._tag === "IncidentRegistered") incidentArea.set(e.incident, e.area)
    else if (e._tag === "PatrolDispatched") dispatchedAt.set(`${e.incident}\u0000${e.patrol}`, e.t)
    else if (e._tag === "PatrolOnScene") {
      const id = `${e.incident}\u0000${e.patrol}`
      const start = dispatchedAt.get(id)
      const to = incidentArea.get(e.incident),
        from = patrols.areaOf(e.patrol)
      if (start === undefined || to === undefined || from === undefined) continue
      dispatchedAt.delete(id)
      const pair = `${from}\u0000${to}`
      let s = samples.get(pair)
      if (s === undefined) samples.set(pair, (s = { from, to, minutes: [] }))
      s.minutes.push(e.t - start)
      if (from === to) within.push(e.t - start)
    }
  }
  const pairs = [...samples.values()]
    .sort((a, b) => (a.from + "\u0000" + a.to < b.from + "\u0000" + b.to ? -1 : 1))
    .map((s) => ({ from: s.from, to: s.to, fit: fitDurations(s.minutes), samples: s.minutes.length }))
  return { pairs, withinAreas: { from: "*", to: "*", fit: fitDurations(within), samples: within.length } }
}
