export * from "./errors.js"
export * from "./feed-file.js"
export * from "./inputs.js"
export {
  foldSimulation,
  runOnce,
  runReplication,
  type FoldSimulationOptions,
  type ReplicationLogs,
  type ReplicationResult
} from "./run.js"
export {
  runLoggedReplications,
  runReplications,
  workersAvailable,
  WorkerOutOfMemory,
  type LoggedReplicationOptions,
  type Progress,
  type ReplicationOptions
} from "./replications.js"
export { CALLS_WORTH_A_THREAD, callsDrawnAhead, type CallsAhead } from "./calls-ahead.js"
export {
  decodeScenarioText,
  decodeScenarioValue,
  loadDecodedFile,
  loadScenario,
  MAX_NESTING,
  nestingDepth,
  parsePath,
  parseStructured,
  type LoadedScenario,
  type Parsed,
  type ParsedText
} from "./scenario-file.js"
export type { NumberLiteral } from "./number-literals.js"
export { tidyIssues } from "./tidy-issues.js"
export { replicationSeed } from "./seeds.js"
export { feedLine, writeEventStream } from "./event-file.js"
export { temporaryBeside } from "./temporary-file.js"
export { lintScenario, type LintOptions, type LintSeverity, type ScenarioWarning } from "./scenario-lint.js"
export { formatWarnings, scenarioWarnings, type LocatedWarning } from "./scenario-warnings.js"
export { ruleScopes, type RuleScope } from "./rule-scopes.js"
export { unknownPatrol } from "./scenario-patrols.js"
export * from "./feed-rows.js"
export * from "./feed-lines.js"
export { KEPT_PREFIX_BYTES, MAX_RECORD_BYTES, splitCsvText } from "./csv-records.js"
