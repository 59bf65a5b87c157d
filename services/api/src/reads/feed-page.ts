import { DEFAULT_TIME_ZONE, encodeFeedEvent, formatInstant } from "@igv/domain"
import { collect, occurredAtMillis, type EventStore, type WindowCursor } from "@igv/event-store"
import { feedEventOf, inTime, storeWindow, type ReplayWindow } from "@igv/ingest"

/** One page of `GET /feed/events`: a window of feed events, some types, after the previous page's cursor. */
export interface FeedPageRequest {
  readonly window: ReplayWindow
  readonly types: ReadonlyArray<string>
  readonly limit: number
  readonly after?: WindowCursor
}

/** The page's answer as JSON bytes, `{items, nextCursor?}`: built on a read thread, sent as is. */
export const feedPage = async (store: EventStore, request: FeedPageRequest): Promise<Uint8Array> => {
  const { window, limit, after } = request
  const page = await collect(
    store.readWindow({ ...storeWindow(window, request.types), limit, ...(after === undefined ? {} : { after }) })
  )
  const items: Array<Record<string, unknown>> = []
  for (const stored of page) {
    const event = feedEventOf(stored)
    // The store's window is a millisecond wider each way than the exact one.
    if (event !== undefined && inTime(window, event.t)) {
      items.push({
        position: String(stored.position),
        ...encodeFeedEvent(event, (t) => formatInstant(t, DEFAULT_TIME_ZONE))
      })
    }
  }
  const last = page.at(-1)
  // A full page may have more after it; the cursor is the last event's event time and position, `<ms>.<position>`.
  const nextCursor =
    page.length < limit || last === undefined ? undefined : `${occurredAtMillis(last.occurredAt)}.${last.position}`
  return new TextEncoder().encode(JSON.stringify({ items, ...(nextCursor === undefined ? {} : { nextCursor }) }))
}
