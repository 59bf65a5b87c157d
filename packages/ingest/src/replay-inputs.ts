import { FeedInvalid, inputsOf, loadScenario, scenarioWarnings, type Inputs, type LoadedFeed } from "@igv/runner"
import { isStoreSpec, resolveFeed } from "./replay.js"

/**
 * `loadInputs` that also takes a store as the feed: `sqlite:./data/igv.db?from=...&to=...&area=...` or
 * `kafka://host:port/topic?...`, given on the command line or as the scenario's `demand.feed`. Feed files go to
 * the runner's loader unchanged; a store's incidents of the window are checked against the scenario's areas.
 */
export async function loadReplayInputs(scenarioFile: string, feedSpec?: string): Promise<Inputs> {
  const loaded = await loadScenario(scenarioFile)
  const { scenario } = loaded
  const spec = feedSpec ?? scenario.demand.feed
  if (spec === undefined || !isStoreSpec(spec)) return inputsOf(loaded, feedSpec)
  let incidents: Awaited<ReturnType<typeof resolveFeed>>
  try {
    incidents = await resolveFeed(spec)
  } catch (e) {
    if (e instanceof FeedInvalid) throw e
    throw new FeedInvalid({
      file: spec,
      issues: [{ path: "", message: `cannot read the store: ${(e as Error).message}` }]
    })
  }
  if (incidents.length === 0) {
    throw new FeedInvalid({
      file: spec,
      issues: [
        { path: "", message: "no stored incidents in this window (ingest a feed first: igv ingest FILE --store ...)" }
      ]
    })
  }
  const declared = new Set<string>(scenario.areas.map((a) => a.id))
  const unknown = new Map<string, number>()
  for (const i of incidents) if (!declared.has(i.area)) unknown.set(i.area, (unknown.get(i.area) ?? 0) + 1)
  if (unknown.size > 0) {
    throw new FeedInvalid({
      file: spec,
      issues: [...unknown].map(([area, n]) => ({
        path: "area",
        message: `area "${area}" is not declared in the scenario (${n} incident${n > 1 ? "s" : ""}; declared: ${[...declared].join(", ")}); narrow the window with &area=...`
      }))
    })
  }
  const feed: LoadedFeed = {
    file: spec,
    // Stored feed events are the NDJSON records they were ingested from.
    format: "ndjson",
    incidents,
    lines: incidents.map((_, i) => i + 1),
    records: incidents.length,
    duplicates: 0,
    otherEvents: {},
    droppedFields: {}
  }
  return { scenarioFile, scenario, feed, warnings: scenarioWarnings(loaded, incidents, true) }
}
