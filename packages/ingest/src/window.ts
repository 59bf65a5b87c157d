import { type Decoded, type Instant, issueMessages, parseTimeInput, type IgvEvent } from "@igv/domain"
import type { EventStore } from "@igv/event-store"

/** A replay window: `from` inclusive, `to` exclusive (instants, minutes since the epoch), optionally one area. */
export interface ReplayWindow {
  readonly from?: number
  readonly to?: number
  readonly area?: string
}

/**
 * `2024-03-01` (local midnight, Europe/Stockholm), `2024-03-01T06:00` (local wall time; in the autumn
 * overlap the earlier hour) or ISO 8601 with an offset; an impossible date (2024-04-32) is refused, not rolled over,
 * with one issue at `what` that names it: `--from "2024-04-32": April 2024 has days 01 to 30`.
 */
export const windowTime = (text: string, what: string): Decoded<Instant> => {
  const parsed = parseTimeInput(text)
  if (parsed.ok) return parsed
  return {
    ok: false,
    issues: [{ path: what, message: `${what} "${text.slice(0, 40)}": ${issueMessages(parsed.issues)}` }]
  }
}

/** A window bound read from a feed URL's query; a bound that does not read is an error of the URL. */
const queryTime = (text: string, what: string): Instant => {
  const parsed = windowTime(text, what)
  if (!parsed.ok) throw new Error(issueMessages(parsed.issues))
  return parsed.value
}

export function windowFromQuery(query: { get(name: string): string | null }): ReplayWindow {
  const from = query.get("from"),
    to = query.get("to"),
    area = query.get("area")
  const window: { from?: number; to?: number; area?: string } = {}
  if (from !== null && from !== "") window.from = queryTime(from, "from")
  if (to !== null && to !== "") window.to = queryTime(to, "to")
  if (area !== null && area !== "") window.area = area
  if (window.from !== undefined && window.to !== undefined && window.to <= window.from)
    throw new Error(`The window's "to" must be after its "from"`)
  return window
}

export const inTime = (w: ReplayWindow, t: number): boolean =>
  (w.from === undefined || t >= w.from) && (w.to === undefined || t < w.to)

/** The area an event belongs to: its own, or its patrol slot's (`lpo1/igv/3` -> `lpo1`); undefined when it names neither. */
export function areaOfEvent(event: IgvEvent): string | undefined {
  if ("area" in event) return event.area
  if ("patrol" in event) {
    const slash = event.patrol.indexOf("/")
    return slash > 0 ? event.patrol.slice(0, slash) : undefined
  }
  return undefined
}

/**
 * Event-time order for a recorded feed. At equal times a registration comes first: an export may write a call's
 * registration after its own dispatch (same second), and folded in that order the call would wait until the end.
 * Other ties keep store order (the sort is stable).
 */
export const eventOrder = (
  a: { readonly t: number; readonly _tag?: string },
  b: { readonly t: number; readonly _tag?: string }
): number => a.t - b.t || (a._tag === "IncidentRegistered" ? 0 : 1) - (b._tag === "IncidentRegistered" ? 0 : 1)

/** Sorts by event time (`eventOrder`). */
export const byEventTime = <T extends { readonly t: number; readonly _tag?: string }>(events: T[]): T[] =>
  events.sort(eventOrder)

const AREA_STREAM = "area-"
const UNPLACED = "area-unplaced"

/** The areas the store holds feed events of, sorted: from the names of its area streams, never its events. */
export async function storedAreas(store: EventStore): Promise<Array<string>> {
  return (await store.listStreams(AREA_STREAM)).filter((s) => s !== UNPLACED).map((s) => s.slice(AREA_STREAM.length))
}

/** `area "x" is not in the store (areas with stored events: a, b)`, or undefined when the store holds the area. */
export async function unknownAreaProblem(store: EventStore, area: string): Promise<string | undefined> {
  const known = await storedAreas(store)
  if (known.includes(area)) return undefined
  return `area ${JSON.stringify(area.slice(0, 40))} is not in the store (${known.length === 0 ? "it holds no feed events" : `areas with stored events: ${known.join(", ")}`})`
}
