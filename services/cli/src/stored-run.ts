import {
  DEFAULT_TIME_ZONE,
  decodeScenarioInput,
  parseTimeInput,
  type ReplicatedReport,
  type Report,
  type Scenario
} from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import type { ReplayWindow } from "@igv/ingest"
import type { InterruptionRecord } from "@igv/metrics"
import { splitQuery } from "@igv/event-store-url"
import { storeUrlOf } from "./commands/ingest.js"
import { UsageError, type OptionValues } from "./command.js"
import { openExistingStore } from "./store-window.js"

/** A run the API completed on a store, as its `run-<id>` stream records it. */
export interface StoredRun {
  readonly runId: string
  readonly scenarioId: string
  readonly version: number
  readonly seed: number
  readonly replications: number
  /** The stored feed window it replayed; synthetic demand when absent. */
  readonly feed?: ReplayWindow
  /** The stream holding its report, replication reports and interruptions. */
  readonly resultStream: string
}

interface Requested {
  readonly scenarioId: string
  readonly version: number
  readonly seed: number
  readonly feed?: { readonly from: string; readonly to: string; readonly area?: string }
}

const instant = (text: string, runId: string) => {
  const parsed = parseTimeInput(text)
  if (!parsed.ok) throw new Error(`run ${runId}: its stored feed window does not read as a time`)
  return parsed.value
}

/** `--run ID` of `igv interruptions` and `igv timeline`: the completed run, or a usage error saying why not. */
export const readStoredRun = async (store: EventStore, storeUrl: string, runId: string): Promise<StoredRun> => {
  if (!/^run_[0-9a-f]{16}$/.test(runId))
    throw new UsageError(`--run takes a run id as the API gives it (run_ and 16 hex digits)`)
  let requested: Requested | undefined,
    completed: { resultStream: string; replications: number } | undefined,
    status = "unknown"
  for await (const e of store.readStream(`run-${runId}`)) {
    status = e.type
    if (e.type === "RunRequested") requested = e.payload as Requested
    if (e.type === "RunCompleted") completed = e.payload as { resultStream: string; replications: number }
  }
  if (status === "unknown" || requested === undefined)
    throw new UsageError(`--run: the store ${storeUrl} holds no run ${runId}`)
  if (completed === undefined)
    throw new UsageError(`--run: run ${runId} has not completed (its last event is ${status})`)
  const { feed } = requested
  return {
    runId,
    scenarioId: requested.scenarioId,
    version: requested.version,
    seed: requested.seed,
    replications: completed.replications,
    resultStream: completed.resultStream,
    ...(feed === undefined
      ? {}
      : {
          feed: {
            from: instant(feed.from, runId),
            to: instant(feed.to, runId),
            ...(feed.area === undefined ? {} : { area: feed.area })
          }
        })
  }
}

/** The interruption rows the run stored for one replication, and the time zone of its report. */
export const storedInterruptions = async (store: EventStore, run: StoredRun, replication: number) => {
  const rows: Array<InterruptionRecord> = []
  let timeZone = DEFAULT_TIME_ZONE,
    keptReplication0Only = false
  for await (const e of store.readStream(run.resultStream)) {
    if (e.type === "RunReport") timeZone = (e.payload as { timeZone: string }).timeZone
    if (e.type !== "RunInterruptions") continue
    // Runs stored before every replication was kept carry replication 0's rows without a number.
    const p = e.payload as { replication?: number; rows: ReadonlyArray<InterruptionRecord> }
    if (p.replication === undefined) keptReplication0Only = true
    if ((p.replication ?? 0) === replication) rows.push(...p.rows)
  }
  if (keptReplication0Only && replication !== 0)
    throw new UsageError(
      `--replication ${replication}: run ${run.runId} was stored when only replication 0's interruptions were kept`
    )
  if (replication >= run.replications)
    throw new UsageError(`--replication ${replication}: run ${run.runId} has replications 0 to ${run.replications - 1}`)
  return { timeZone, rows }
}

/** The scenario version the run ran, as the API stored it (every default filled in). */
export const storedRunScenario = async (store: EventStore, run: StoredRun): Promise<Scenario> => {
  for await (const e of store.readStream(`scenario-${run.scenarioId}`, run.version)) {
    const decoded = decodeScenarioInput((e.payload as { scenario: unknown }).scenario)
    if (!decoded.ok)
      throw new Error(
        `scenario ${run.scenarioId} version ${run.version} of run ${run.runId} no longer reads as a scenario`
      )
    return decoded.value
  }
  throw new Error(`run ${run.runId}: the store holds no scenario ${run.scenarioId} version ${run.version}`)
}

/** The report the run stored with its result, as `igv simulate --json` prints it (a Report, or a ReplicatedReport). */
export const storedReport = async (store: EventStore, run: StoredRun): Promise<Report | ReplicatedReport> => {
  for await (const e of store.readStream(run.resultStream)) {
    if (e.type === "RunReport") return (e.payload as { report: Report | ReplicatedReport }).report
  }
  throw new Error(`run ${run.runId}: its result stream holds no report`)
}

/** `--run ID [--store URL]`: the store opened, the run read, `f` given both, the store closed whatever happens. */
export const withStoredRun = async <T>(
  values: OptionValues,
  runId: string,
  f: (store: EventStore, run: StoredRun, storeUrl: string) => Promise<T>
): Promise<T> => {
  const storeUrl = splitQuery(storeUrlOf(values)).url
  const store = await openExistingStore(storeUrl)
  try {
    return await f(store, await readStoredRun(store, storeUrl, runId), storeUrl)
  } finally {
    await store.close()
  }
}
