import { basename } from "node:path"
import type { Scenario } from "@igv/domain"
import { loadReplayInputs } from "@igv/ingest"
import type { Projection } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"
import { intOption, stringOption } from "./args.js"
import { UsageError, type Io, type OptionValues } from "./command.js"
import { resolveScenarioArg } from "./presets.js"
import { STORE_WINDOW_OPTIONS } from "./store-window.js"
import { writeWarnings } from "./warnings.js"

/** The options that pick one simulated replication. */
const REPLICATION_OPTIONS = {
  scenario: { type: "string", short: "s" },
  replication: { type: "string" },
  seed: { type: "string" },
  feed: { type: "string" }
} as const

/** What `igv interruptions` and `igv timeline` read (oneSource takes one): a replication, a stored window, a run. */
export const SOURCE_OPTIONS = { ...REPLICATION_OPTIONS, ...STORE_WINDOW_OPTIONS, run: { type: "string" } } as const

/** The one source a listing reads: `--scenario FILE`, `--run ID`, or else the recorded window of `--store URL`. */
export const oneSource = (values: OptionValues): { scenario: string | undefined; run: string | undefined } => {
  const scenario = stringOption(values, "scenario"),
    run = stringOption(values, "run")
  const storeWindow = stringOption(values, "store") !== undefined && run === undefined
  if ((scenario !== undefined ? 1 : 0) + (run !== undefined ? 1 : 0) + (storeWindow ? 1 : 0) !== 1)
    throw new UsageError("give one source: --scenario FILE, --store URL (a recorded window) or --run ID")
  return { scenario, run }
}

/** A scenario simulated once more, as replication N of `igv simulate` draws it (same seed mixing), folded by `projection`. */
export const foldReplication = async <S, R>(
  values: OptionValues,
  file: string,
  io: Io,
  projection: (scenario: Scenario) => Projection<S, R>
) => {
  const replication = intOption(values, "replication", 0, 99_999) ?? 0
  const seedOption = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
  const inputs = await loadReplayInputs(resolveScenarioArg(file), stringOption(values, "feed"))
  writeWarnings(io, inputs.scenarioFile, inputs.warnings)
  const { scenario } = inputs
  const seed = seedOption ?? scenario.seed
  const result = foldSimulation(scenario, projection(scenario), {
    seed: replicationSeed(seed, replication),
    ...(inputs.feed === undefined ? {} : { incidents: inputs.feed.incidents })
  })
  const replay =
    inputs.feed === undefined
      ? ""
      : ` · replaying ${basename(inputs.feed.file)} (${inputs.feed.incidents.length} incidents)`
  return {
    scenario,
    result,
    title: `${scenario.name} · ${scenario.days} days from ${scenario.start} (${scenario.timeZone}) · seed ${seed} · replication ${replication}${replay}`
  }
}
