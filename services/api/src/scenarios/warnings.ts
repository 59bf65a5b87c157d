import { Schema } from "effect"
import { lintScenario } from "@igv/runner"
import type { RunRequest } from "../runs/lifecycle.js"
import { ScenarioService } from "./service.js"

/** The scenario linter's findings, as the CLI prints them: a JSON path, what is wrong, and "inert" for a setting without effect. */
export const Warnings = Schema.Array(
  Schema.Struct({
    path: Schema.String,
    message: Schema.String,
    severity: Schema.Literals(["warning", "inert"])
  })
).annotate({ identifier: "ScenarioWarnings" })

/** A run's warnings: its scenario version linted with what it replays (a stored feed window is not read here). */
export const runWarnings = async (
  scenarios: ScenarioService,
  run: Pick<RunRequest, "scenarioId" | "version" | "feed">
) => {
  const version = await scenarios.get(run.scenarioId, run.version)
  return version === undefined
    ? []
    : lintScenario(ScenarioService.decode(version), run.feed === undefined ? {} : { replayed: "unknown" })
}
