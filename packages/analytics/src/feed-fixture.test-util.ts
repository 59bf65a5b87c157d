import {
  formatInstant,
  type AreaId,
  type BlockId,
  type IgvEvent,
  type IncidentId,
  type PatrolId,
  type Priority
} from "@igv/domain"
import type { NewEvent, StoredEvent } from "@igv/event-store"

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
  readonly patrolsPerArea: number
  /** Share of a patrol's free stretches spent in a planned block. Default 0.4. */
  readonly blockShare?: number
}

/**
 * A consistent RLC feed built patrol by patrol: each area's patrols work 07–17 and 17–03 shifts; along
 * each shift a patrol alternates free time, jobs (registered, dispatched, on scene, cleared) and planned
 * blocks, which jobs may interrupt (then resumed, or abandoned when little is left). A patrol never holds
 * two jobs at once and finishes each job inside its shift; some prio 3 are handled otherwise. Every time
 * is a whole minute, so second-resolution DateTime columns hold them exactly.
 */
export const feedFixture = (o: FeedFixtureOptions): Array<IgvEvent> => {
  const rnd = prng(o.seed)
  const pick = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const prioOf = (): Priority => {
    const x = rnd()
    return x < 0.1 ? 1 : x < 0.45 ? 2 : 3
  }
  const events: Array<IgvEvent> = []
  let n = 0
  for (const areaName of o.areas) {
    const area = areaName as AreaId
    for (let d = 0; d < o.days; d++) {
      for (const startHour of [7, 17]) {
        for (let p = 0; p < o.patrolsPerArea; p++) {
          const patrol = `${areaName}/igv/${p}` as PatrolId
          const shiftStart = o.start + d * 1440 + startHour * 60
          const shiftEnd = shiftStart + 600
          events.push({ _tag: "ShiftStarted", t: shiftStart, patrol, area, kind: "igv" })
          const job = (dispatchT: number, prio: Priority): number => {
            const incident = `${areaName}-${o.seed}-${n++}` as IncidentId
            const wait = prio === 1 ? pick(1, 6) : prio === 2 ? pick(2, 30) : pick(5, 60)
            events.push({
              _tag: "IncidentRegistered",
              t: dispatchT - wait,
              incident,
              area,
              prio,
              onSceneMinutes: 20,
              unitsNeeded: 1
            })
            events.push({ _tag: "PatrolDispatched", t: dispatchT, incident, patrol, prio })
            const arrive = dispatchT + pick(3, 15)
            const clear = arrive + pick(5, 40)
            events.push({ _tag: "PatrolOnScene", t: arrive, incident, patrol })
            events.push({ _tag: "PatrolCleared", t: clear, incident, patrol })
            return clear
          }
          let t = shiftStart + pick(0, 20)
          // Late enough starts could run a job past the shift end; stop early so every job ends inside the shift.
          while (t < shiftEnd - 210) {
            if (rnd() < (o.blockShare ?? 0.4)) {
              const block = `${patrol}-b${n++}` as BlockId
              const planned = pick(4, 10) * 15
              const plannedEnd = t + planned
              events.push({
                _tag: "PlannedBlockStarted",
                t,
                block,
                patrol,
                area,
                plannedMinutes: planned,
                ...(rnd() < 0.5 ? { tag: "promise-1" } : {})
              })
              let cursor = t
              for (;;) {
                if (rnd() < 0.5) {
                  events.push({ _tag: "PlannedBlockCompleted", t: plannedEnd, block, patrol })
                  t = plannedEnd
                  break
                }
                const at = cursor + pick(5, Math.max(5, plannedEnd - cursor - 5))
                if (at >= plannedEnd - 1) {
                  events.push({ _tag: "PlannedBlockCompleted", t: plannedEnd, block, patrol })
                  t = plannedEnd
                  break
                }
                const prio = prioOf()
                const incidentAt = at
                events.push({
                  _tag: "PlannedBlockInterrupted",
                  t: incidentAt,
                  block,
                  patrol,
                  incident: `${areaName}-${o.seed}-${n}` as IncidentId,
                  prio
                })
                const clear = job(incidentAt, prio)
                if (clear < plannedEnd - 15) {
                  events.push({ _tag: "PlannedBlockResumed", t: clear, block, patrol })
                  cursor = clear
                } else {
                  events.push({ _tag: "PlannedBlockAbandoned", t: clear, block, patrol })
                  t = clear
                  break
                }
              }
            } else if (rnd() < 0.7) {
              const prio = prioOf()
              t = job(t + pick(1, 30), prio)
            } else {
              t += pick(10, 40)
            }
            t += pick(0, 10)
          }
          // A prio 3 handled by phone now and then: registered, no patrol.
          if (rnd() < 0.5) {
            const incident = `${areaName}-${o.seed}-${n++}` as IncidentId
            const r = shiftStart + pick(30, 500)
            events.push({
              _tag: "IncidentRegistered",
              t: r,
              incident,
              area,
              prio: 3,
              onSceneMinutes: 0,
              unitsNeeded: 1
            })
            events.push({ _tag: "IncidentHandledOtherwise", t: r + pick(5, 30), incident })
          }
          if (t > shiftEnd) throw new Error("fixture: a job ran past the shift end")
          events.push({ _tag: "ShiftEnded", t: shiftEnd, patrol })
        }
      }
    }
  }
  // Stable sort keeps each patrol's own order for events at the same minute.
  return events
    .map((e, i) => [e, i] as const)
    .sort((x, y) => x[0].t - y[0].t || x[1] - y[1])
    .map(([e]) => e)
}

/** As the ingest package stores them: id per event, payload is the in-memory event. */
export const toStoreEvent = (event: IgvEvent, id: string): NewEvent => ({
  id,
  type: event._tag,
  occurredAt: formatInstant(event.t),
  schemaVersion: 1,
  payload: event
})

export const streamFor = (event: IgvEvent): string => {
  if ("area" in event) return `area-${event.area}`
  if ("patrol" in event) return `area-${event.patrol.split("/")[0]}`
  return "area-unplaced"
}

/** Events as the store hands them out, in their order (version and position from 1), with ids `${prefix}-${i}`. */
export const asStored = (events: ReadonlyArray<IgvEvent>, prefix: string): Array<StoredEvent> =>
  events.map((e, i) => ({
    id: `${prefix}-${i}`,
    type: e._tag,
    stream: streamFor(e),
    version: i + 1,
    position: BigInt(i + 1),
    occurredAt: new Date(e.t * 60_000).toISOString(),
    recordedAt: "2026-11-30T00:00:00Z",
    schemaVersion: 1,
    payload: e
  }))
