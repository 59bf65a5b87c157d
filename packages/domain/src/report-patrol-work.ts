import { Schema } from "effect"

// The report's figures for tasks, leadership and time around jobs. They are present only when the scenario
// uses those mechanisms (or a recorded window holds their events), so a report without them is unchanged.

const Hours = Schema.optionalKey(Schema.Finite)

/**
 * More time-use categories: prio 1–3 + planned + dated events + task + briefing + meal + report writing + transport
 * + free = total.
 * Free time is the unled rest, split by the scenario's `leadership.selfInitiatedShare` (an assumption).
 */
export const PatrolWorkTimeUse = Schema.Struct({
  /** Working on the group chief's tasks. */
  taskHours: Hours,
  briefingHours: Hours,
  mealHours: Hours,
  reportWritingHours: Hours,
  transportHours: Hours,
  /** Led line work: planned blocks and tasks. */
  ledLineHours: Hours,
  /** The share of free time taken to be self-initiated prevention; null when the share is not known (a recorded window). */
  selfInitiatedHours: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
  /** Free time left: waiting for event-driven jobs. */
  standbyHours: Schema.optionalKey(Schema.NullOr(Schema.Finite))
})

/** The group chief's tasks: assigned at duty start, completed, abandoned (duty ended or not resumed), and their time. */
export const TaskReport = Schema.Struct({
  assigned: Schema.Finite,
  completed: Schema.Finite,
  abandoned: Schema.Finite,
  assignedHours: Schema.Finite,
  workedHours: Schema.Finite,
  /** worked / assigned; null when nothing was assigned. */
  survival: Schema.NullOr(Schema.Finite),
  /** Calls that took a patrol from a task, by priority. */
  interruptions: Schema.Struct({
    total: Schema.Finite,
    byPriority: Schema.Struct({ "1": Schema.Finite, "2": Schema.Finite, "3": Schema.Finite })
  })
})
