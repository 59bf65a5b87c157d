import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { deserialize, serialize } from "node:v8"
import type { IgvEvent } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { fold, reportProjection, type MetricsReport, type RecordedFeed, type ReportOptions } from "@igv/metrics"
import { feedEventOf } from "./feed-events.js"
import { areaOfEvent, eventOrder, inTime, type ReplayWindow } from "./window.js"

interface Checkpoint {
  readonly format: 1
  readonly window: ReplayWindow
  /** Global position of the last store event taken in (0 before any). */
  readonly position: bigint
  /** Id of that event: if the store at `position` holds another event, the store was replaced and the view is rebuilt. */
  readonly lastId: string | undefined
  /** The window's feed events in replay order: by event time, ties in store order. */
  readonly events: IgvEvent[]
}

export interface CatchUp {
  /** Store events read in this catch-up (after the checkpoint). */
  readonly read: number
  /** Of those, feed events inside the window. */
  readonly taken: number
  /** True when the view started from position 0 (no checkpoint, `rebuild`, or a replaced store). */
  readonly rebuilt: boolean
  /** True when a late event (earlier than what the view held) had to be sorted into place. */
  readonly reordered: boolean
}

const emptyCheckpoint = (window: ReplayWindow): Checkpoint => ({
  format: 1,
  window,
  position: 0n,
  lastId: undefined,
  events: []
})

const sameWindow = (a: ReplayWindow, b: ReplayWindow) => a.from === b.from && a.to === b.to && a.area === b.area

/** A file name for the view of one store and window, so different windows keep different checkpoints. */
export const historyCheckpointName = (storeUrl: string, window: ReplayWindow): string =>
  `history-${createHash("sha256")
    .update(JSON.stringify([storeUrl, window.from ?? null, window.to ?? null, window.area ?? null]))
    .digest("hex")
    .slice(0, 16)}.v8`

/**
 * What really happened in a window, as a projection of the stored feed that catches up instead of starting over.
 *
 * The fold (`reportProjection`) needs events in time order, but the store is in arrival order and late events are
 * normal, so a fold state cannot simply be extended. What the view persists is therefore the fold's *input*:
 * the window's feed events already in replay order, with the store position read up to. After a restart it reads
 * only the store events after that position, merges them in (appending when they are later than everything held,
 * sorting a late one into place), saves, and recomputes the report from the merged input (the fold is in-memory
 * and cheap next to reading and decoding the store). A rebuild from position 0 gives the same input, hence the
 * same report.
 */
export class HistoryView {
  private checkpoint: Checkpoint

  private constructor(
    private readonly path: string | undefined,
    private readonly window: ReplayWindow,
    checkpoint: Checkpoint
  ) {
    this.checkpoint = checkpoint
  }

  /** Loads the checkpoint at `path` (none, unreadable or for another window: start from 0). Without a path nothing persists. */
  static open(path: string | undefined, window: ReplayWindow = {}): HistoryView {
    let checkpoint = emptyCheckpoint(window)
    if (path !== undefined) {
      try {
        const loaded = deserialize(readFileSync(path)) as Checkpoint
        if (loaded.format === 1 && sameWindow(loaded.window, window)) checkpoint = loaded
      } catch {
        // No checkpoint yet, or a torn/old one: the view rebuilds, which is always correct.
      }
    }
    return new HistoryView(path, window, checkpoint)
  }

  get position(): bigint {
    return this.checkpoint.position
  }

  get events(): ReadonlyArray<IgvEvent> {
    return this.checkpoint.events
  }

  async catchUp(store: EventStore, options: { readonly rebuild?: boolean } = {}): Promise<CatchUp> {
    let rebuilt = options.rebuild === true || this.checkpoint.position === 0n
    if (!rebuilt && !(await this.stillSameStore(store))) rebuilt = true
    const base = rebuilt ? emptyCheckpoint(this.window) : this.checkpoint
    const fresh: IgvEvent[] = []
    let position = base.position,
      lastId = base.lastId,
      read = 0
    for await (const stored of store.readAll({ from: position })) {
      read += 1
      position = stored.position
      lastId = stored.id
      const event = feedEventOf(stored)
      if (event !== undefined && inTime(this.window, event.t)) fresh.push(event)
    }
    const held = base.events
    let events = held,
      reordered = false
    if (fresh.length > 0) {
      const inOrder = fresh.every((e, i) => {
        const before = i === 0 ? held[held.length - 1] : fresh[i - 1]!
        return before === undefined || eventOrder(before, e) <= 0
      })
      events = held.concat(fresh)
      // Stable: other ties keep store order, the same order a rebuild from position 0 produces.
      if (!inOrder) {
        events.sort(eventOrder)
        reordered = true
      }
    }
    this.checkpoint = { format: 1, window: this.window, position, lastId, events }
    if (this.path !== undefined && (read > 0 || rebuilt)) this.save(this.path)
    return { read, taken: fresh.length, rebuilt, reordered }
  }

  /**
   * The events the report folds: all of the window, or with an area those that name it, whose patrol belongs to
   * it, or whose incident was registered in it (a borrowed patrol's dispatch counts for the incident's area).
   * Applied here rather than when catching up, so a late registration still brings in its earlier dispatches.
   */
  eventsInArea(): ReadonlyArray<IgvEvent> {
    const area = this.window.area
    const events = this.checkpoint.events
    if (area === undefined) return events
    const incidents = new Set<string>()
    for (const e of events) if (e._tag === "IncidentRegistered" && e.area === area) incidents.add(e.incident)
    return events.filter(
      (e) => areaOfEvent(e) === area || ("incident" in e && e.incident !== undefined && incidents.has(e.incident))
    )
  }

  report(options: RecordedFeed & ReportOptions = {}): MetricsReport {
    return fold(reportProjection({ recordedFeed: options }, options), this.eventsInArea())
  }

  private save(path: string): void {
    mkdirSync(dirname(path), { recursive: true })
    const temp = `${path}.${process.pid}.tmp`
    try {
      writeFileSync(temp, serialize(this.checkpoint))
      renameSync(temp, path)
    } catch (e) {
      rmSync(temp, { force: true })
      throw e
    }
  }

  private async stillSameStore(store: EventStore): Promise<boolean> {
    const { position, lastId } = this.checkpoint
    for await (const e of store.readAll({ from: position - 1n, limit: 1 }))
      return e.id === lastId && e.position === position
    return false
  }
}
