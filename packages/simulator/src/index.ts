export type { SimulationOptions, SimulationSummary } from "./api.js"
export { simulate } from "./engine.js"
export { expectedWork, type ExpectedWork } from "./expected-work.js"
