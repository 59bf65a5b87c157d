/** A stored fact. Immutable once appended; `payload` is the decoded event body of `type` at `schemaVersion`. */
export interface StoredEvent<P = unknown> {
  /** Globally unique event id; appending an id that is already stored is a no-op (idempotence). */
  readonly id: string
  readonly type: string
  /** Stream name, e.g. `area-<areaId>` for feed events, `scenario-<id>`, `run-<id>`. */
  readonly stream: string
  /** 1-based position within its stream. */
  readonly version: number
  /** 1-based position in the store's global order (SQLite: insertion order; Kafka: see README). */
  readonly position: bigint
  /** When it happened in the world (ISO 8601 with offset). */
  readonly occurredAt: string
  /** When the store recorded it (ISO 8601 UTC). */
  readonly recordedAt: string
  readonly schemaVersion: number
  readonly payload: P
  /**
   * The payload's JSON text exactly as the store holds it (`JSON.stringify(payload)`), when the store keeps it
   * as text. Readers that forward the payload unchanged (the analytics sink) use it instead of serialising again.
   */
  readonly payloadJson?: string
}

/** What a writer hands to `append`; the store assigns version, position and recordedAt. */
export interface NewEvent<P = unknown> {
  readonly id: string
  readonly type: string
  readonly occurredAt: string
  readonly schemaVersion: number
  readonly payload: P
  /**
   * The payload already serialised, equal to `JSON.stringify(payload)`, when the writer has it (the ingest worker
   * serialises beside the store writes). A store that keeps JSON text writes it as it is.
   */
  readonly payloadJson?: string
}
