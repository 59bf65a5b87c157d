import { formatInstant, type AreaId, type BlockId, type IgvEvent, type IncidentId, type PatrolId, type Priority } from "@igv/domain"
import type { NewEvent } from "@igv/event-store"

/** Small deterministic PRNG (mulberry32) so fixtures are the same on every run. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}

export interface FeedFixtureOptions {
  readonly seed: number
  readonly areas: ReadonlyArray<string>
  /** Start of the window, minutes since the epoch (whole minutes). */
  readonly start: number
  readonly days: number
  readonly incidentsPerDay: number
  readonly patrolsPerArea: number
}

/**
 * A consistent RLC feed: each area's patrols work 10-hour shifts starting 07:00 and 17:00 UTC; incidents
 * arrive through the day and are dispatched, on scene and cleared by one patrol; some prio 3 are handled otherwise.
 * Every time is a whole minute, so second-resolution DateTime columns hold them exactly.
 */
export const feedFixture = (o: FeedFixtureOptions): Array<IgvEvent> => {
  const rnd = prng(o.seed)
  const events: Array<IgvEvent> = []
  for (const area of o.areas) {
    for (let d = 0; d < o.days; d++) {
      for (const startHour of [7, 17]) {
        for (let p = 0; p < o.patrolsPerArea; p++) {
          const patrol = `${area}/igv/${p}` as PatrolId
          const t0 = o.start + d * 1440 + startHour * 60
          events.push({ _tag: "ShiftStarted", t: t0, patrol, area: area as AreaId, kind: "igv" })
          events.push({ _tag: "ShiftEnded", t: t0 + 600, patrol })
        }
      }
      for (let i = 0; i < o.incidentsPerDay; i++) {
        const incident = `${area}-d${d}-i${i}` as IncidentId
        const t = o.start + d * 1440 + 7 * 60 + Math.floor(rnd() * 1180)
        const prio = (1 + Math.floor(rnd() * 3)) as Priority
        events.push({ _tag: "IncidentRegistered", t, incident, area: area as AreaId, prio, onSceneMinutes: 10, unitsNeeded: 1 })
        if (prio === 3 && rnd() < 0.2) {
          events.push({ _tag: "IncidentHandledOtherwise", t: t + 5, incident })
          continue
        }
        const patrol = `${area}/igv/${Math.floor(rnd() * o.patrolsPerArea)}` as PatrolId
        const dispatchAt = t + 1 + Math.floor(rnd() * (prio === 1 ? 6 : prio === 2 ? 30 : 200))
        const arrive = dispatchAt + 3 + Math.floor(rnd() * 15)
        const clear = arrive + 5 + Math.floor(rnd() * 60)
        events.push({ _tag: "PatrolDispatched", t: dispatchAt, incident, patrol, prio })
        events.push({ _tag: "PatrolOnScene", t: arrive, incident, patrol })
        events.push({ _tag: "PatrolCleared", t: clear, incident, patrol })
        if (rnd() < 0.1) {
          const block = `${incident}-block` as BlockId
          events.push({ _tag: "PlannedBlockStarted", t: t - 30, block, patrol, area: area as AreaId, plannedMinutes: 120 })
          events.push({ _tag: "PlannedBlockInterrupted", t: dispatchAt, block, patrol, incident, prio })
        }
      }
    }
  }
  return events.sort((x, y) => x.t - y.t)
}

/** As the ingest package stores them: id per event, payload is the in-memory event. */
export const toStoreEvent = (event: IgvEvent, id: string): NewEvent => ({
  id, type: event._tag, occurredAt: formatInstant(event.t), schemaVersion: 1, payload: event
})

export const streamFor = (event: IgvEvent): string => {
  if ("area" in event) return `area-${event.area}`
  if ("patrol" in event) return `area-${event.patrol.split("/")[0]}`
  return "area-unplaced"
}
