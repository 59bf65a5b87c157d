export {
  decodeScenario,
  demandStreamArb,
  holdRules,
  plannedBlockArb,
  rulesArb,
  scenarioInputArb,
  serviceArb,
  shiftArb,
  travelArb,
  type ScenarioConstraints
} from "./generators.js"
export { FEED_EVENT_KINDS, feedArb, feedText, type FeedConstraints, type GeneratedFeed } from "./feeds.js"
export { getAt, PathAbsent, setAt } from "./paths.js"
export {
  looksOf,
  sequentialPairedTest,
  type Relation,
  type SequentialOptions,
  type SequentialResult,
  type Verdict
} from "./sequential.js"
export {
  checkHypothesis,
  heldRuleIssues,
  HypothesisInvalid,
  type Counterexample,
  type Hypothesis,
  type HypothesisResult
} from "./hypothesis.js"
export {
  describeClaim,
  formatHypothesisResult,
  writeCounterexample,
  type CounterexampleFiles
} from "./hypothesis-report.js"
export { decodeHypothesisText, HypothesisFile, loadHypothesis } from "./hypothesis-file.js"
export {
  gridDesign,
  latinHypercubeDesign,
  MAX_LEVELS,
  parseFactor,
  seededUniform,
  type Factor,
  type Point
} from "./design.js"
export {
  metricFigures,
  pointValues,
  runSweep,
  scenarioAt,
  sweepCsv,
  sweepJsonLines,
  sweepIdOf,
  sweepRow,
  SweepInvalid,
  valueText,
  type MetricFigure,
  type SweepOptions,
  type SweepRow
} from "./sweep.js"
export { inertFactors, type InertFactor } from "./sweep-inert.js"
export {
  resultsTopicOf,
  startSweepWorker,
  sweepOverKafka,
  type SweepOverKafkaOptions,
  type SweepTask,
  type SweepTaskResult,
  type SweepWorker,
  type SweepWorkerOptions
} from "./sweep-kafka.js"
export { sweepParquet } from "./sweep-parquet.js"
export { sweepHtml, type SweepPlotInfo } from "./sweep-plot.js"
