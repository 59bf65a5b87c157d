import type { EventStore } from "@igv/event-store"
import { CONFLICTING_ID } from "@igv/runner"
import { pseudonymiser, streamOf, toNewEvent } from "./feed-events.js"
import { openQuarantine, QUARANTINE_STREAM, quarantineOf, toResolvedEvent } from "./quarantine.js"
import { decodeRow } from "./records.js"

/** A corrected row for a quarantine entry: `raw` is the row as it should have been (same format: JSON, or CSV with the entry's header). */
export interface Correction {
  readonly quarantineId: string
  readonly raw: string
}

export interface ResubmitResult {
  /** Entries whose row now decodes: the event is stored (or was already) and the entry is resolved. */
  readonly resolved: number
  /** Of `resolved`: the event was already in the store. */
  readonly duplicates: number
  readonly stillRejected: ReadonlyArray<{
    readonly quarantineId: string
    readonly line: number
    readonly source: string
    readonly reason: string
  }>
  /** Quarantine ids in the corrections that are not open entries (unknown, or already resolved). */
  readonly notOpen: ReadonlyArray<string>
}

/**
 * Decodes corrected rows for open quarantine entries (or, with no corrections, every open entry as it stands,
 * e.g. after a decoder fix). A row that decodes is stored as an event and its entry resolved; one that still
 * does not is left open with its new reason. Resolution is written after the event, so a crash in between
 * leaves the entry open and a retry stores nothing twice.
 */
export async function resubmitQuarantine(
  store: EventStore,
  corrections: ReadonlyArray<Correction> | "all-open",
  options: { readonly pseudonymKey?: string } = {}
): Promise<ResubmitResult> {
  const open = new Map((await openQuarantine(store)).map((e) => [e.quarantineId, e]))
  const todo =
    corrections === "all-open"
      ? [...open.values()].map((e) => ({ quarantineId: e.quarantineId, raw: e.raw }))
      : corrections
  const pseudonyms = options.pseudonymKey === undefined ? undefined : pseudonymiser(options.pseudonymKey)
  let resolved = 0,
    duplicates = 0
  const stillRejected: Array<ResubmitResult["stillRejected"][number]> = []
  const notOpen: string[] = []
  for (const { quarantineId, raw } of todo) {
    const entry = open.get(quarantineId)
    if (entry === undefined) {
      notOpen.push(quarantineId)
      continue
    }
    const outcome = decodeRow(entry.line, raw, entry.csvHeader)
    if (outcome.kind !== "event") {
      stillRejected.push({ quarantineId, line: entry.line, source: entry.source, reason: outcome.row.reason })
      continue
    }
    const event = pseudonyms === undefined || entry.pseudonymised ? outcome.event : pseudonyms.event(outcome.event)
    const stored = toNewEvent(event)
    // A registration claims its incident id like an ingest's: one registered with other content stays quarantined.
    const incidents = quarantineOf(store).incidents
    if (event._tag === "IncidentRegistered") await incidents.ready(store)
    const registration = event._tag === "IncidentRegistered" ? [{ incident: event.incident, eventId: stored.id }] : []
    const { result, conflicts } = await incidents.appendClaiming(store, streamOf(event), [stored], registration)
    const holder = conflicts.get(stored.id)
    if (holder !== undefined) {
      stillRejected.push({
        quarantineId,
        line: entry.line,
        source: entry.source,
        reason: `${CONFLICTING_ID} (event ${holder})`
      })
      continue
    }
    duplicates += result.duplicates
    await store.append(QUARANTINE_STREAM, [toResolvedEvent({ quarantineId, eventId: stored.id })], "any")
    quarantineOf(store).closeEntries([quarantineId])
    open.delete(quarantineId)
    resolved += 1
  }
  return { resolved, duplicates, stillRejected, notOpen }
}
