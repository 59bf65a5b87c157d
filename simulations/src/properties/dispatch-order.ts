import type { IgvEvent } from "@igv/domain"

/**
 * Dispatch discipline from the raw events: whenever a patrol is dispatched to a call, no call of the
 * same area that ranks ahead of it (higher priority, or same priority registered earlier) may still be
 * waiting for a unit. Holds when every waiting call can use every patrol a later one could (all
 * priorities interrupt, no deferral, no borrowing, no reserve, community officers drawn for all,
 * no pre-emption). Returns readable violations.
 */
export const dispatchOrderViolations = (events: Iterable<IgvEvent>, limit = 5): Array<string> => {
  const out: Array<string> = []
  interface Waiting {
    readonly incident: string
    readonly area: string
    readonly prio: number
    readonly t: number
    units: number
  }
  const waiting = new Map<string, Waiting>()
  for (const e of events) {
    if (e._tag === "IncidentRegistered") {
      waiting.set(e.incident, { incident: e.incident, area: e.area, prio: e.prio, t: e.t, units: e.unitsNeeded })
    } else if (e._tag === "IncidentHandledOtherwise") {
      waiting.delete(e.incident)
    } else if (e._tag === "PatrolDispatched") {
      const me = waiting.get(e.incident)
      if (me === undefined) continue
      for (const w of waiting.values()) {
        if (w === me || w.area !== me.area) continue
        if ((w.prio < me.prio || (w.prio === me.prio && w.t < me.t)) && out.length < limit) {
          out.push(
            `t=${e.t}: ${e.patrol} dispatched to ${me.incident} (prio ${me.prio}, registered ${me.t}) while ${w.incident} (prio ${w.prio}, registered ${w.t}) waits`
          )
        }
      }
      if (--me.units === 0) waiting.delete(e.incident)
    }
  }
  return out
}
