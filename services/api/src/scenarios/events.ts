import { Schema } from "effect"
import { Scenario } from "@igv/domain"
import { storedEvents } from "../events/stored.js"

const version = {
  /** When it was written (ISO 8601), stored as the event's occurredAt too. */
  at: Schema.String,
  id: Schema.String,
  name: Schema.String,
  /** The scenario with every default filled in, in its encoded (file) form, as it will run. */
  scenario: Schema.toEncoded(Scenario),
  /** Key id of the author. */
  by: Schema.String,
  comment: Schema.optionalKey(Schema.String)
}

/** A scenario's versions, in `scenario-<id>`: the stream version is the scenario version. */
export const ScenarioCreated = Schema.TaggedStruct("ScenarioCreated", version)
export const ScenarioRevised = Schema.TaggedStruct("ScenarioRevised", version)
export const ScenarioEvent = Schema.Union([ScenarioCreated, ScenarioRevised])
export type ScenarioEvent = typeof ScenarioEvent.Type
export const scenarioEvents = storedEvents(ScenarioEvent)

/** An entry of `scenario-index`. */
export const ScenarioIndexed = Schema.TaggedStruct("ScenarioIndexed", { at: Schema.String, id: Schema.String })
export const scenarioIndexEvents = storedEvents(ScenarioIndexed)
