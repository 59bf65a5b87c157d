import { Effect, Schema } from "effect"
import { isFiniteNumber, isNonNegative } from "./checks.js"
import { decodeWith, type Decoded, type InputIssue } from "./errors.js"
import { EVENT_SCHEMAS, IgvEvent, type IgvEventType, type IncidentRegistered } from "./events.js"
import { AreaId, IncidentId } from "./ids.js"
import { Priority } from "./priority.js"
import { parseInstant } from "./time.js"

/**
 * A row of a recorded dispatch feed for replay: one incident. CSV columns and NDJSON keys are the same.
 * Anything else a feed carries (names, addresses, free text) is dropped at decode and only counted.
 */
export const IncidentRow = Schema.Struct({
  id: IncidentId,
  registeredAt: Schema.String,
  area: AreaId,
  prio: Priority,
  onSceneMinutes: Schema.Number.check(isFiniteNumber, isNonNegative),
  unitsNeeded: Schema.Literals([1, 2]).pipe(Schema.withDecodingDefaultKey(Effect.succeed(1 as const)))
})
export const INCIDENT_ROW_COLUMNS = ["id", "registeredAt", "area", "prio", "onSceneMinutes", "unitsNeeded"] as const

const decodeEventBody = decodeWith(IgvEvent)
const decodeIncidentRow = decodeWith(IncidentRow)

const fieldsByType: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [
    type,
    new Set(Object.keys(schema.fields).filter((k) => k !== "_tag" && k !== "t"))
  ])
)
const incidentRowFields: ReadonlySet<string> = new Set(INCIDENT_ROW_COLUMNS)

export interface FeedRecord {
  readonly event: IgvEvent
  /** Names of fields outside the schema that were dropped (never their values). */
  readonly droppedFields: ReadonlyArray<string>
}

const fail = (path: string, message: string): Decoded<FeedRecord> => ({ ok: false, issues: [{ path, message }] })

const timestamp = (value: unknown, path: string): number | InputIssue => {
  if (typeof value !== "string") return { path, message: "expected an ISO 8601 timestamp string" }
  const t = parseInstant(value)
  return t === undefined
    ? {
        path,
        message:
          "not an ISO 8601 timestamp with an offset (e.g. 2024-03-31T02:30:00+02:00); local times without offset are ambiguous across DST unless their time zone is given"
      }
    : t
}

/**
 * Whether a feed record is an event `{type, at, ...}` rather than an incident row `{id, registeredAt, ...}`. A row
 * with a column named `type` (an export's kind of incident, say) is still a row: `registeredAt` without `at` says so,
 * and its `type` is dropped like any other column outside the schema.
 */
export const isEventRecord = (record: Readonly<Record<string, unknown>>): boolean =>
  "type" in record && ("at" in record || !("registeredAt" in record))

/**
 * Decodes one feed record: either an event `{type, at, ...}` of the RLC feed, or an incident row
 * `{id, registeredAt, area, prio, onSceneMinutes, unitsNeeded}` (becoming IncidentRegistered).
 */
export const decodeFeedRecord = (input: unknown): Decoded<FeedRecord> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("", "expected an object")
  const record = input as Record<string, unknown>
  if (isEventRecord(record)) {
    const type = record["type"]
    const known = typeof type === "string" ? fieldsByType.get(type) : undefined
    // The value is not quoted: a feed's fields may hold personal data.
    if (known === undefined) return fail("type", `unknown event type; known: ${[...fieldsByType.keys()].join(", ")}`)
    const t = timestamp(record["at"], "at")
    if (typeof t !== "number") return { ok: false, issues: [t] }
    const body: Record<string, unknown> = { _tag: type, t }
    const droppedFields: Array<string> = []
    for (const [k, v] of Object.entries(record)) {
      if (k === "type" || k === "at") continue
      if (known.has(k)) body[k] = v
      else droppedFields.push(k)
    }
    const decoded = decodeEventBody(body)
    return decoded.ok ? { ok: true, value: { event: decoded.value, droppedFields } } : decoded
  }
  const decoded = decodeIncidentRow(record)
  if (!decoded.ok) return decoded
  const t = timestamp(decoded.value.registeredAt, "registeredAt")
  if (typeof t !== "number") return { ok: false, issues: [t] }
  const row = decoded.value
  const event: IncidentRegistered = {
    _tag: "IncidentRegistered",
    t,
    incident: row.id,
    area: row.area,
    prio: row.prio,
    onSceneMinutes: row.onSceneMinutes,
    unitsNeeded: row.unitsNeeded
  }
  return { ok: true, value: { event, droppedFields: Object.keys(record).filter((k) => !incidentRowFields.has(k)) } }
}

/** The wire form of an event: `type` and `at` (ISO with offset) instead of `_tag` and `t`. */
export const encodeFeedEvent = (event: IgvEvent, formatAt: (t: number) => string): Record<string, unknown> => {
  const { _tag, t, ...rest } = event
  return { type: _tag, at: formatAt(t), ...rest }
}

export const isEventType = (s: string): s is IgvEventType => fieldsByType.has(s)
