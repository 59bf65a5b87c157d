import type { IncidentRegistered } from "@igv/domain"
import type { LoadedScenario } from "./scenario-file.js"
import { lintScenario, type ScenarioWarning } from "./scenario-lint.js"

/** A linter warning with, when the scenario came from a file, the line its path is on. */
export interface LocatedWarning extends ScenarioWarning {
  readonly line?: number
}

/**
 * The linter's warnings for a scenario read from a file, judged with the incidents a run replays (read from an event
 * store when `fromStore`), in the order of their lines.
 */
export const scenarioWarnings = (
  loaded: LoadedScenario,
  replayed?: ReadonlyArray<IncidentRegistered>,
  fromStore?: boolean
): Array<LocatedWarning> =>
  lintScenario(loaded.scenario, {
    ...(replayed === undefined ? {} : { replayed }),
    ...(fromStore === undefined ? {} : { replayedFromStore: fromStore })
  })
    .map((w): LocatedWarning => {
      const line = loaded.locate(w.path)
      return line === undefined ? w : { ...w, line }
    })
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))

/** "file:12: warning: at rules.reserve[0]: no effect: …", one line per warning. */
export const formatWarnings = (file: string, warnings: ReadonlyArray<LocatedWarning>): string =>
  warnings
    .map((w) => `${file}${w.line === undefined ? "" : `:${w.line}`}: warning: at ${w.path}: ${w.message}`)
    .join("\n")
