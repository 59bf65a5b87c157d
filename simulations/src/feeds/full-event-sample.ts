/**
 * The full-event sample feed: a scenario's simulated event stream with the noise of a real RLC export.
 * SYNTHETIC. Regenerate (after a build) with
 *   node simulations/dist/src/feeds/full-event-sample.js [--seed N] [--out FILE]
 * The same seed and code give the same file, byte for byte.
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import type { IgvEvent, IncidentRegistered, Scenario } from "@igv/domain"
import { rng } from "@igv/ingest"
import { feedLine, loadScenario, replicationSeed } from "@igv/runner"
import { simulate } from "@igv/simulator"

/** simulations/feeds, from src/feeds (sources, tests) or dist/src/feeds (built). */
const FEEDS = new URL(import.meta.url.includes("/dist/") ? "../../../feeds/" : "../../feeds/", import.meta.url)
export const SAMPLE_SCENARIO = fileURLToPath(new URL("full-events.scenario.yaml", FEEDS))
export const SAMPLE_FEED = fileURLToPath(new URL("full-events.ndjson", FEEDS))

/** How a real export deviates from what happened; each a share of the rows it may touch. */
export const EXPORT_NOISE = {
  /** Arrivals reported up to this many seconds late (never at or after the patrol cleared). */
  arrivalLagSeconds: 90,
  /** Arrivals never reported at all. */
  missingArrivalShare: 0.01,
  /**
   * Arrivals entered afterwards, so they reach the export in a batch at its end. (Arrivals only: the
   * history view orders events of the same second by store order, and a registration or dispatch that
   * arrived late would then fold after what it caused.)
   */
  lateArrivalShare: 0.03,
  /** Rows the export sends twice. */
  duplicateRowShare: 0.002
} as const

const toSecond = (t: number) => Math.round(t * 60) / 60

/**
 * A simulated stream as an export would carry it: times to the whole second and on-scene minutes to
 * the whole minute; arrivals reported a little late (before the clearance still), entered afterwards
 * (at the end of the export) or not at all; a few rows sent twice.
 */
export const withExportNoise = (events: ReadonlyArray<IgvEvent>, seed: number): Array<IgvEvent> => {
  const u = rng(seed)
  const cleared = new Map<string, number>()
  for (const e of events) if (e._tag === "PatrolCleared") cleared.set(`${e.incident}|${e.patrol}`, toSecond(e.t))
  const inOrder: Array<IgvEvent> = [],
    late: Array<IgvEvent> = []
  for (const e of events) {
    let row: IgvEvent = { ...e, t: toSecond(e.t) }
    if (row._tag === "IncidentRegistered")
      row = { ...row, onSceneMinutes: Math.max(1, Math.round(row.onSceneMinutes)) } satisfies IncidentRegistered
    if (row._tag === "PatrolOnScene") {
      if (u() < EXPORT_NOISE.missingArrivalShare) continue
      const clear = cleared.get(`${row.incident}|${row.patrol}`)
      const lagged = toSecond(row.t + (u() * EXPORT_NOISE.arrivalLagSeconds) / 60)
      if (clear !== undefined) row = { ...row, t: Math.max(row.t, Math.min(lagged, clear - 1 / 60)) }
    }
    ;(row._tag === "PatrolOnScene" && u() < EXPORT_NOISE.lateArrivalShare ? late : inOrder).push(row)
    if (u() < EXPORT_NOISE.duplicateRowShare) inOrder.push(row)
  }
  return [...inOrder, ...late]
}

/** The sample's lines: the scenario's replication 0 on `seed`, with export noise drawn from `seed` too. */
export const fullEventSample = (scenario: Scenario, seed: number): Array<string> => {
  const events: Array<IgvEvent> = []
  simulate(scenario, { seed: replicationSeed(seed, 0), onEvent: (e) => void events.push({ ...e }) })
  return withExportNoise(events, seed).map((e) => feedLine(e, scenario.timeZone))
}

const main = async () => {
  const { values } = parseArgs({
    options: { seed: { type: "string", default: "1" }, out: { type: "string", default: SAMPLE_FEED } }
  })
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`)
  const { scenario } = await loadScenario(SAMPLE_SCENARIO)
  const lines = fullEventSample(scenario, seed)
  writeFileSync(values.out, `${lines.join("\n")}\n`)
  process.stderr.write(`wrote ${values.out}: ${lines.length} rows (seed ${seed})\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
