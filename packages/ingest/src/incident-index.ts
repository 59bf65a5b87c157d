import type Database from "better-sqlite3"
import type { AppendResult, EventStore, NewEvent } from "@igv/event-store"
import { feedEventOf } from "./feed-events.js"

/** An incident's registration as an ingest is about to store it: the (pseudonymised) id and the event's content-hash id. */
export interface Registration {
  readonly incident: string
  readonly eventId: string
}

/** The outcome of claiming registrations: those this claim added, and those whose id is registered with other content. */
export interface Claim {
  readonly added: ReadonlyArray<Registration>
  /** Event id of the refused registration -> event id of the registration that holds the incident id. */
  readonly conflicts: ReadonlyMap<string, string>
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS incident_index (
  incident TEXT PRIMARY KEY,
  event_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incident_index_state (built_at TEXT NOT NULL);
`

const BUILD_CHUNK = 5000

/**
 * Incident id -> the event id (a hash of the content) of its registration, for every registration in the store,
 * so an id registered again with other content is refused whichever ingest stored the first. It lives beside the
 * quarantine (in the SQLite store's own file, or the Kafka store's quarantine file), on disk with an index, so
 * memory does not grow with the store. A registration is claimed here before it is appended: two ingests racing
 * on one id cannot both store it, and a crash between the two leaves a claim whose rerun (same content) is stored.
 * A store filled before the index existed gets it built once from its `IncidentRegistered` events.
 */
export class IncidentIndex {
  private readonly stmt: {
    insert: Database.Statement<[string, string]>
    get: Database.Statement<[string], { event_id: string }>
    remove: Database.Statement<[string, string]>
    built: Database.Statement<[], { built_at: string }>
    markBuilt: Database.Statement<[string]>
  }
  private building: Promise<void> | undefined

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA)
    this.stmt = {
      insert: db.prepare(
        "INSERT INTO incident_index (incident, event_id) VALUES (?, ?) ON CONFLICT (incident) DO NOTHING"
      ),
      get: db.prepare("SELECT event_id FROM incident_index WHERE incident = ?"),
      remove: db.prepare("DELETE FROM incident_index WHERE incident = ? AND event_id = ?"),
      built: db.prepare("SELECT built_at FROM incident_index_state LIMIT 1"),
      markBuilt: db.prepare("INSERT INTO incident_index_state (built_at) VALUES (?)")
    }
  }

  /** Resolves once the index covers the store (built from its registrations the first time). */
  ready(store: EventStore): Promise<void> {
    return (this.building ??= this.build(store).catch((e: unknown) => {
      this.building = undefined
      throw e
    }))
  }

  private async build(store: EventStore): Promise<void> {
    if (this.stmt.built.get() !== undefined) return
    // Chunks, not one transaction: a SQLite store shares this file and must be able to write meanwhile. A build cut
    // short is not marked built and starts again; the first registration of an id (by event time) keeps it.
    let chunk: Registration[] = []
    for await (const stored of store.readWindow({ types: ["IncidentRegistered"] })) {
      const event = feedEventOf(stored)
      if (event?._tag !== "IncidentRegistered") continue
      chunk.push({ incident: event.incident, eventId: stored.id })
      if (chunk.length >= BUILD_CHUNK) chunk = this.insertAll(chunk)
    }
    this.insertAll(chunk)
    if (this.stmt.built.get() === undefined) this.stmt.markBuilt.run(new Date().toISOString())
  }

  private insertAll(registrations: ReadonlyArray<Registration>): Registration[] {
    this.db.transaction(() => {
      for (const r of registrations) this.stmt.insert.run(r.incident, r.eventId)
    })()
    return []
  }

  /** Claims incident ids for these registrations in one transaction; the same content again is no conflict. */
  private claim(registrations: ReadonlyArray<Registration>): Claim {
    const added: Registration[] = []
    const conflicts = new Map<string, string>()
    if (registrations.length === 0) return { added, conflicts }
    this.db.transaction(() => {
      // Looked up first: a re-ingest finds every id held, and a read is cheaper than a refused insert and a read.
      for (const r of registrations) {
        const holder = this.stmt.get.get(r.incident)?.event_id
        if (holder === undefined) {
          this.stmt.insert.run(r.incident, r.eventId)
          added.push(r)
        } else if (holder !== r.eventId) conflicts.set(r.eventId, holder)
      }
    })()
    return { added, conflicts }
  }

  /**
   * Appends a stream's events after claiming the incident ids of the registrations among them; registrations
   * whose id is held by other content are left out and returned. Claims are given back if the append fails.
   */
  async appendClaiming(
    store: EventStore,
    stream: string,
    events: ReadonlyArray<NewEvent>,
    registrations: ReadonlyArray<Registration>
  ): Promise<{ readonly result: AppendResult; readonly conflicts: ReadonlyMap<string, string> }> {
    const { added, conflicts } = this.claim(registrations)
    try {
      const result = await store.append(
        stream,
        conflicts.size === 0 ? events : events.filter((e) => !conflicts.has(e.id)),
        "any"
      )
      return { result, conflicts }
    } catch (e) {
      this.release(added)
      throw e
    }
  }

  /** Gives back claims whose append failed, so a retry or another ingest may register those ids. */
  private release(registrations: ReadonlyArray<Registration>): void {
    this.db.transaction(() => {
      for (const r of registrations) this.stmt.remove.run(r.incident, r.eventId)
    })()
  }
}
