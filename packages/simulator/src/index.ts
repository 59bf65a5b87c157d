export type { SimulationOptions, SimulationSummary } from "./api.js"
export { simulate } from "./engine.js"
// Call records drawn elsewhere than the run (the runner draws long runs' calls on another core).
export {
  CALL_RECORD,
  CallDrawer,
  type CallSupplies,
  type CallSupply,
  callsDrawnHere,
  CallsDrawnHere,
  NEXT_CALL,
  recipeOf,
  type StreamRecipe
} from "./call-draws.js"
export type { ArrivalStream } from "./demand.js"
// The compiled model and its calendar, for static checks of a scenario against exactly what the engine runs.
export { countAt, countUpTo, forEachWindow, type Timeline } from "./calendar.js"
export { horizonOf, type Horizon } from "@igv/domain"
export { COMMUNITY, compile, groupOf, IGV, type Model } from "./model.js"
export { datedDimensioning, datedPlannedBlocks } from "./seasons.js"
export type { HourGrid } from "./demand.js"
export { expectedWork, type ExpectedWork } from "./expected-work.js"
// The engine's random-number generator, for benchmarks that compare a bare event loop with the engine on equal draws.
export { Rng } from "./rng.js"
