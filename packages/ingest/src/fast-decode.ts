import {
  EVENT_SCHEMAS,
  INCIDENT_ROW_COLUMNS,
  isEventRecord,
  parseInstant,
  type FeedRecord,
  type IgvEvent
} from "@igv/domain"

/**
 * A hand-written decoder for the common case, about ten times cheaper than the schema decoder. It only ever
 * *accepts*: when a record passes, the event equals what `decodeFeedRecord` gives (a property test holds it to
 * that); anything it does not recognise returns undefined and goes to `decodeFeedRecord`, which also writes the
 * reasons for rejected rows. A field it has no rule for makes the whole type fall back, so a schema change in
 * the domain can only make this path slower, never wrong.
 */
type Check = (v: unknown) => boolean

const id: Check = (v) => typeof v === "string" && v.length > 0 && v.trim() === v
const FIELD_RULES: Readonly<Record<string, Check>> = {
  incident: id,
  byIncident: id,
  patrol: id,
  area: id,
  block: id,
  prio: (v) => v === 1 || v === 2 || v === 3,
  onSceneMinutes: (v) => typeof v === "number" && Number.isFinite(v) && v >= 0,
  unitsNeeded: (v) => v === 1 || v === 2,
  kind: (v) => v === "igv" || v === "community",
  plannedMinutes: (v) => typeof v === "number" && Number.isFinite(v) && v > 0,
  tag: (v) => typeof v === "string"
}
const OPTIONAL: ReadonlySet<string> = new Set(["tag"])

interface TypeRule {
  readonly fields: ReadonlyArray<string>
  readonly known: ReadonlySet<string>
}

const RULES: ReadonlyMap<string, TypeRule> = new Map(
  Object.entries(EVENT_SCHEMAS).flatMap(([type, schema]) => {
    const fields = Object.keys(schema.fields).filter((k) => k !== "_tag" && k !== "t")
    return fields.every((f) => FIELD_RULES[f] !== undefined)
      ? [[type, { fields, known: new Set(fields) }] as const]
      : []
  })
)
const ROW_FIELDS: ReadonlySet<string> = new Set(INCIDENT_ROW_COLUMNS)

function fastEvent(record: Record<string, unknown>): FeedRecord | undefined {
  const rule = RULES.get(record["type"] as string)
  if (rule === undefined || typeof record["at"] !== "string") return undefined
  const t = parseInstant(record["at"])
  if (t === undefined) return undefined
  const event: Record<string, unknown> = { _tag: record["type"], t }
  for (const f of rule.fields) {
    const v = record[f]
    if (v === undefined && OPTIONAL.has(f) && !(f in record)) continue
    if (!FIELD_RULES[f]!(v)) return undefined
    event[f] = v
  }
  let droppedFields: string[] | undefined
  for (const k in record) {
    if (k !== "type" && k !== "at" && !rule.known.has(k)) (droppedFields ??= []).push(k)
  }
  return { event: event as unknown as IgvEvent, droppedFields: droppedFields ?? [] }
}

function fastRow(record: Record<string, unknown>): FeedRecord | undefined {
  const { id: incident, registeredAt, area, prio, onSceneMinutes } = record
  const unitsNeeded = "unitsNeeded" in record ? record["unitsNeeded"] : 1
  if (!id(incident) || !id(area) || typeof registeredAt !== "string" || !FIELD_RULES["prio"]!(prio)) return undefined
  if (
    typeof onSceneMinutes !== "number" ||
    !Number.isFinite(onSceneMinutes) ||
    onSceneMinutes < 0 ||
    (unitsNeeded !== 1 && unitsNeeded !== 2)
  )
    return undefined
  const t = parseInstant(registeredAt)
  if (t === undefined) return undefined
  let droppedFields: string[] | undefined
  for (const k in record) if (!ROW_FIELDS.has(k)) (droppedFields ??= []).push(k)
  const event = { _tag: "IncidentRegistered", t, incident, area, prio, onSceneMinutes, unitsNeeded }
  return { event: event as unknown as IgvEvent, droppedFields: droppedFields ?? [] }
}

/** The decoded record when the fast path is sure, else undefined (ask `decodeFeedRecord`). */
export function fastDecodeFeedRecord(input: unknown): FeedRecord | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
  const record = input as Record<string, unknown>
  return isEventRecord(record) ? fastEvent(record) : fastRow(record)
}
