import {
  encodeFeedEvent,
  formatUtc,
  type AreaId,
  type IgvEvent,
  type IncidentId,
  type PatrolId,
  type Priority
} from "@igv/domain"

/** Mulberry32: a small deterministic generator, so a generated feed is the same file on every run. */
export const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}

export interface SyntheticFeedOptions {
  /** Incidents to generate; each yields 4 feed events (registered, dispatched, on scene, cleared). */
  readonly incidents: number
  readonly seed?: number
  readonly areas?: ReadonlyArray<string>
  /** First registration, minutes since the epoch. Default 2024-03-01T00:00Z. */
  readonly start?: number
  /** Share of rows carrying fields outside the schema (caller name, address), as a recorded feed does. */
  readonly personalDataShare?: number
}

/**
 * A recorded-feed look-alike as NDJSON lines: each incident's registration, dispatch, arrival and clearance,
 * written in registration order (so dispatch events arrive late relative to later registrations, as in a real
 * export). For benchmarks and crash tests; not a demand model (that is the simulator's job).
 */
export function* syntheticFeedEvents(
  options: SyntheticFeedOptions
): Generator<{ event: IgvEvent; extra?: Record<string, string> }> {
  const random = rng(options.seed ?? 1)
  const areas = options.areas ?? ["lpo1", "lpo2", "lpo3"]
  const personal = options.personalDataShare ?? 0
  let t = options.start ?? Date.UTC(2024, 2, 1) / 60_000
  for (let i = 0; i < options.incidents; i++) {
    t += random() * 6
    const area = areas[Math.floor(random() * areas.length)]! as AreaId
    const prio = (1 + Math.floor(random() * 3)) as Priority
    const incident = `HR-${options.seed ?? 1}-${i}` as IncidentId
    const patrol = `${area}/igv/${Math.floor(random() * 6)}` as PatrolId
    const onSceneMinutes = Math.round(10 + random() * 50)
    const dispatchAt = t + random() * (prio === 3 ? 120 : 10)
    const arriveAt = dispatchAt + 2 + random() * 15
    const extra = random() < personal ? { callerName: "Anna Andersson", address: "Storgatan 1" } : undefined
    yield {
      event: { _tag: "IncidentRegistered", t, incident, area, prio, onSceneMinutes, unitsNeeded: 1 },
      ...(extra ? { extra } : {})
    }
    yield { event: { _tag: "PatrolDispatched", t: dispatchAt, incident, patrol, prio } }
    yield { event: { _tag: "PatrolOnScene", t: arriveAt, incident, patrol } }
    yield { event: { _tag: "PatrolCleared", t: arriveAt + onSceneMinutes, incident, patrol } }
  }
}

export function* syntheticFeedLines(options: SyntheticFeedOptions): Generator<string> {
  for (const { event, extra } of syntheticFeedEvents(options))
    yield JSON.stringify({ ...encodeFeedEvent(event, formatUtc), ...extra })
}
