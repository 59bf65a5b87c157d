export {
  decodeScenario, demandStreamArb, holdRules, plannedBlockArb, rulesArb, scenarioInputArb, serviceArb, shiftArb, travelArb,
  type ScenarioConstraints
} from "./generators.js"
