import { Schema } from "effect"

// The report's figures for tasks, leadership and time around jobs. They are present only when the scenario
// uses those mechanisms (or a recorded window holds their events), so a report without them is unchanged.

const Hours = Schema.optional(Schema.Number)

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
  selfInitiatedHours: Schema.optional(Schema.NullOr(Schema.Number)),
  /** Free time left: waiting for event-driven jobs. */
  standbyHours: Schema.optional(Schema.NullOr(Schema.Number))
})

/** The group chief's tasks: assigned at duty start, completed, abandoned (duty ended or not resumed), and their time. */
export const TaskReport = Schema.Struct({
  assigned: Schema.Number,
  completed: Schema.Number,
  abandoned: Schema.Number,
  assignedHours: Schema.Number,
  workedHours: Schema.Number,
  /** worked / assigned; null when nothing was assigned. */
  survival: Schema.NullOr(Schema.Number),
  /** Calls that took a patrol from a task, by priority. */
  interruptions: Schema.Struct({ total: Schema.Number, byPriority: Schema.Struct({ "1": Schema.Number, "2": Schema.Number, "3": Schema.Number }) })
})
