import type { IncidentRegistered, Scenario } from "@igv/domain"
import { lintScenario } from "@igv/runner"

/** Whether the linter's path names the setting at `path` or a part of the scenario that holds it. */
const covers = (warningPath: string, path: string): boolean =>
  path === warningPath || path.startsWith(`${warningPath}.`) || path.startsWith(`${warningPath}[`)

/**
 * For each path, the linter's "no effect" warning on that setting (or on a part of the scenario that holds it) in
 * this scenario, as "path: message"; undefined where the setting acts.
 */
export const inertReasons = (
  scenario: Scenario,
  paths: ReadonlyArray<string>,
  incidents?: ReadonlyArray<IncidentRegistered>
): Array<string | undefined> => {
  const inert = lintScenario(scenario, incidents === undefined ? {} : { replayed: incidents }).filter(
    (w) => w.severity === "inert"
  )
  return paths.map((path) => {
    const why = inert.find((w) => covers(w.path, path))
    return why === undefined ? undefined : `${why.path}: ${why.message}`
  })
}
