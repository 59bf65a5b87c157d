export type { SimulationOptions, SimulationSummary } from "./api.js"
export { simulate } from "./engine.js"
