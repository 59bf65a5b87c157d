import type { Scenario } from "@igv/domain"
import { FeedInvalid, type LocatedIssue } from "./errors.js"
import { loadFeed, type LoadedFeed, type LoadFeedOptions } from "./feed-file.js"
import { loadScenario, type LoadedScenario } from "./scenario-file.js"
import { scenarioWarnings, type LocatedWarning } from "./scenario-warnings.js"

export interface Inputs {
  readonly scenarioFile: string
  readonly scenario: Scenario
  /** The replayed feed: the one given, else the scenario's `demand.feed`. */
  readonly feed?: LoadedFeed
  /** What the linter finds in the scenario, judged with the replayed feed, with lines in the scenario file. */
  readonly warnings: ReadonlyArray<LocatedWarning>
}

/** How the scenario reads a feed file: its timestamps without an offset in `demand.feedTimeZone`, if given. */
export const feedFileOptions = (scenario: Scenario): LoadFeedOptions =>
  scenario.demand.feedTimeZone === undefined ? {} : { localTimeZone: scenario.demand.feedTimeZone }

/** Feed incidents in areas the scenario does not declare, one issue per area (at its first line). */
export const feedAreaIssues = (feed: LoadedFeed, scenario: Scenario): ReadonlyArray<LocatedIssue> => {
  const declared = new Set<string>(scenario.areas.map((a) => a.id))
  const unknown = new Map<string, { line: number; count: number }>()
  feed.incidents.forEach((incident, i) => {
    if (declared.has(incident.area)) return
    const seen = unknown.get(incident.area)
    if (seen === undefined) unknown.set(incident.area, { line: feed.lines[i]!, count: 1 })
    else seen.count++
  })
  return [...unknown].map(([area, { line, count }]) => ({
    line,
    path: "area",
    message: `area "${area}" is not declared in the scenario (${count} incident${count > 1 ? "s" : ""}; declared: ${[...declared].join(", ")})`
  }))
}

/** The scenario and the feed it replays, checked against each other; rejects with `ScenarioInvalid` or `FeedInvalid`. */
export const loadInputs = async (scenarioFile: string, feedFile?: string): Promise<Inputs> =>
  inputsOf(await loadScenario(scenarioFile), feedFile)

/** `loadInputs` of a scenario already loaded (a caller that looked into it first does not read it twice). */
export const inputsOf = async (loaded: LoadedScenario, feedFile?: string): Promise<Inputs> => {
  const { scenario, file: scenarioFile } = loaded
  const path = feedFile ?? scenario.demand.feed
  if (path === undefined) return { scenarioFile, scenario, warnings: scenarioWarnings(loaded) }
  const feed = await loadFeed(path, feedFileOptions(scenario))
  const issues = feedAreaIssues(feed, scenario)
  if (issues.length > 0) throw new FeedInvalid({ file: path, issues })
  return { scenarioFile, scenario, feed, warnings: scenarioWarnings(loaded, feed.incidents) }
}
