export { fitWindow, NothingToFit, type FitOptions, type FitResult, type FittedStream, type NotFitted } from "./fit.js"
export { scenarioYaml } from "./scenario-yaml.js"
export { LocalHours } from "./local-hours.js"
export * from "./stats.js"
