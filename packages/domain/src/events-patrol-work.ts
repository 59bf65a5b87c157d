import { Schema } from "effect"
import { isFiniteNumber, isPositive } from "./checks.js"
import { AreaId, IncidentId, PatrolId, TaskId } from "./ids.js"
import { Priority } from "./priority.js"

// The feed's facts about a patrol's own work between jobs: the group chief's tasks and the time around jobs
// (see the domain README's event table). Every event carries `t`, minutes since the Unix epoch, like events.ts.

const at = { t: Schema.Number.check(isFiniteNumber) }
/** The fields of a fact about one patrol's task. */
const patrolTask = { ...at, task: TaskId, patrol: PatrolId }

/** A task from the group chief's list handed to the patrol at the start of its duty, due by its end. */
export const TaskAssigned = Schema.TaggedStruct("TaskAssigned", {
  ...patrolTask,
  area: AreaId,
  plannedMinutes: Schema.Number.check(isFiniteNumber, isPositive),
  tag: Schema.optionalKey(Schema.String)
})
export type TaskAssigned = typeof TaskAssigned.Type

/** The patrol works on the task, from its start or again after a pause. */
export const TaskStarted = Schema.TaggedStruct("TaskStarted", patrolTask)
export type TaskStarted = typeof TaskStarted.Type

/**
 * The patrol stops working on the task: for a call (`incident`, `prio`: an interruption, under the planned blocks'
 * rules), or without them, set aside for a planned block or a meal, to go on afterwards.
 */
export const TaskPaused = Schema.TaggedStruct("TaskPaused", {
  ...patrolTask,
  incident: Schema.optionalKey(IncidentId),
  prio: Schema.optionalKey(Priority)
})
export type TaskPaused = typeof TaskPaused.Type

/** All of the task's planned minutes were worked. */
export const TaskCompleted = Schema.TaggedStruct("TaskCompleted", patrolTask)
export type TaskCompleted = typeof TaskCompleted.Type

/** The task will not be finished: the duty ended first, or it was interrupted and is not resumed (the blocks' resume rule). */
export const TaskAbandoned = Schema.TaggedStruct("TaskAbandoned", patrolTask)
export type TaskAbandoned = typeof TaskAbandoned.Type

/** Time around jobs, each its own time-use category. */
export const AroundJobActivity = Schema.Literals(["briefing", "meal", "reportWriting", "transport"])
export type AroundJobActivity = typeof AroundJobActivity.Type

/** The patrol begins an activity around jobs; report writing and transport name the call they follow. */
export const PatrolActivityStarted = Schema.TaggedStruct("PatrolActivityStarted", {
  ...at,
  patrol: PatrolId,
  activity: AroundJobActivity,
  incident: Schema.optionalKey(IncidentId),
  prio: Schema.optionalKey(Priority)
})
export type PatrolActivityStarted = typeof PatrolActivityStarted.Type

/** The activity ends: done, the duty ended, or (a meal only) a call took the patrol (`byIncident`). */
export const PatrolActivityEnded = Schema.TaggedStruct("PatrolActivityEnded", {
  ...at,
  patrol: PatrolId,
  activity: AroundJobActivity,
  byIncident: Schema.optionalKey(IncidentId)
})
export type PatrolActivityEnded = typeof PatrolActivityEnded.Type
