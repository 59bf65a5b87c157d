import { dirname, join, resolve } from "node:path"
import { DEFAULT_TIME_ZONE, type Instant, isValidTimeZone, issueMessages, type IgvEvent } from "@igv/domain"
import { isKafkaUrl, openStore, splitQuery, StoreMissing } from "@igv/event-store-url"
import { historyCheckpointName, HistoryView, unknownAreaProblem, windowTime, type ReplayWindow } from "@igv/ingest"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { flag, stringOption } from "./args.js"
import { UsageError, type Io, type OptionValues } from "./command.js"
import { storeUrlOf } from "./commands/ingest.js"

/** Beside the SQLite file (so it goes where the data goes), or under ./data for Kafka. */
const defaultCheckpoint = (storeUrl: string, window: ReplayWindow): string => {
  const name = historyCheckpointName(storeUrl, window)
  return isKafkaUrl(storeUrl)
    ? resolve("data", "history", name)
    : join(dirname(resolve(sqlitePathFromUrl(storeUrl))), ".history", name)
}

/** The options that choose a stored window, as `igv history` and `igv interruptions --store` take them. */
export const STORE_WINDOW_OPTIONS = {
  store: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  area: { type: "string" },
  "time-zone": { type: "string" },
  rebuild: { type: "boolean" },
  checkpoint: { type: "string" }
} as const

/** A store that must already exist: a SQLite path that does not is the user's mistake (exit 2), never a new file. */
export const openExistingStore = async (storeUrl: string) => {
  try {
    return await openStore(storeUrl, { existing: true })
  } catch (e) {
    if (e instanceof StoreMissing) throw new UsageError(`--store: ${e.message}`)
    throw e
  }
}

/** A stored window's events in time order, as `igv history` and `igv interruptions --store` read them. */
export interface StoreWindow {
  readonly storeUrl: string
  readonly window: { readonly from?: number; readonly to?: number; readonly area?: string }
  readonly timeZone: string
  readonly events: ReadonlyArray<IgvEvent>
}

/** A time option (`--from`, `--to`) as `igv history` reads it, or a usage error naming the option and the rule broken. */
export const optionTime = (text: string, option: string): Instant => {
  const parsed = windowTime(text, option)
  if (!parsed.ok) throw new UsageError(issueMessages(parsed.issues))
  return parsed.value
}

/** `--from`, `--to` and `--time-zone` as the user gave them; refused before the store is opened. */
export const windowOf = (
  values: OptionValues
): { window: { from?: number; to?: number; area?: string }; timeZone: string } => {
  const window: { from?: number; to?: number; area?: string } = {}
  const from = stringOption(values, "from"),
    to = stringOption(values, "to"),
    area = stringOption(values, "area")
  if (from !== undefined) window.from = optionTime(from, "--from")
  if (to !== undefined) window.to = optionTime(to, "--to")
  if (area !== undefined) window.area = area
  if (window.from !== undefined && window.to !== undefined && window.to <= window.from)
    throw new UsageError("--to must be after --from")
  const timeZone = stringOption(values, "time-zone") ?? DEFAULT_TIME_ZONE
  if (!isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone "${timeZone}"`)
  return { window, timeZone }
}

/** Opens the store given by `--store` (never creating one) and catches its history view of the window up. */
export const readStoreWindow = async (values: OptionValues, io: Io): Promise<StoreWindow> => {
  const storeUrl = splitQuery(storeUrlOf(values)).url
  const { window, timeZone } = windowOf(values)
  const store = await openExistingStore(storeUrl)
  let caught: { readonly view: HistoryView } & Awaited<ReturnType<HistoryView["catchUp"]>>
  try {
    const unknownArea = window.area === undefined ? undefined : await unknownAreaProblem(store, window.area)
    if (unknownArea !== undefined) throw new UsageError(`--area: ${unknownArea}`)
    const view = HistoryView.open(stringOption(values, "checkpoint") ?? defaultCheckpoint(storeUrl, window), window)
    caught = { view, ...(await view.catchUp(store, { rebuild: flag(values, "rebuild") })) }
  } finally {
    await store.close()
  }
  io.stderr.write(
    `${caught.rebuilt ? "read the store from position 0" : "caught up from the checkpoint"}: ${caught.read} new store events, ` +
      `${caught.taken} in the window${caught.reordered ? " (late events sorted into place)" : ""}\n`
  )
  return { storeUrl, window, timeZone, events: caught.view.eventsInArea() }
}
