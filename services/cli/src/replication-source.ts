import { basename } from "node:path"
import type { Scenario } from "@igv/domain"
import { loadReplayInputs } from "@igv/ingest"
import type { Projection } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"
import { intOption, stringOption } from "./args.js"
import type { Io, OptionValues } from "./command.js"
import { resolveScenarioArg } from "./presets.js"
import { writeWarnings } from "./warnings.js"

/** The options that pick one simulated replication, as `igv interruptions` and `igv timeline` take them. */
export const REPLICATION_OPTIONS = {
  scenario: { type: "string", short: "s" },
  replication: { type: "string" },
  seed: { type: "string" },
  feed: { type: "string" }
} as const

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
