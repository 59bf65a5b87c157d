export {
  fitWindow,
  holdoutSplit,
  NothingToFit,
  type FitOptions,
  type FitResult,
  type FittedStream,
  type NotFitted
} from "./fit.js"
export { scenarioYaml } from "./scenario-yaml.js"
export { LocalHours } from "./local-hours.js"
export * from "./stats.js"
export { checkScenario, DEFAULT_CHECK_REPLICATIONS, type CheckResult, type CheckRow } from "./check.js"
export { checkTable } from "./check-table.js"
