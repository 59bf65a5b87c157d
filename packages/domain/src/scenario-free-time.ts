import { Schema } from "effect"
import { isFiniteNumber, isNonNegative } from "./checks.js"
import { AreaId } from "./ids.js"
import { PatrolKind } from "./priority.js"
import { Count, orDefault, PositiveMinutes, ServiceModel, Share, weeklyWindow } from "./scenario-parts.js"

/**
 * The group chief's list (report 8.2): work items handed to each patrol of an area and kind at the start of its
 * duty, worked whenever it is free of jobs and planned blocks, due by the end of that duty. Give the list's size
 * as `perShift` tasks or as `minutesPerShift` of work (tasks drawn until their sum reaches it, the last one cut).
 */
export const TaskList = Schema.Struct({
  area: AreaId,
  patrolKind: orDefault(PatrolKind, "igv"),
  perShift: Schema.optionalKey(Count),
  minutesPerShift: Schema.optionalKey(PositiveMinutes),
  /** How long one task takes. */
  duration: ServiceModel,
  tag: Schema.optionalKey(Schema.String)
}).check(
  Schema.makeFilter(
    (l) =>
      (l.perShift === undefined) !== (l.minutesPerShift === undefined) || {
        path: ["perShift"],
        issue: "give the list's size as perShift (tasks) or minutesPerShift (minutes of work), one of the two"
      }
  )
)
export type TaskList = typeof TaskList.Type

/** Whether the group chief hands out the list at duty starts in a window of an area's week, and how full it is. */
export const LeadershipWindow = Schema.Struct({
  /** All areas when omitted. */
  area: Schema.optionalKey(AreaId),
  ...weeklyWindow,
  /** Share of the duty starts in the window that get the list: 1 a list every shift, 0 none. */
  listShare: Share,
  /** The list's size relative to `tasks` (0.5: half the tasks or minutes). */
  fullness: orDefault(Schema.Number.check(isFiniteNumber, isNonNegative), 1)
})
export type LeadershipWindow = typeof LeadershipWindow.Type

/** Who leads the free time: where and when a task list is given, and what unled free time is taken to be. */
export const Leadership = Schema.Struct({
  /** Share of duty starts outside every window that get the list. */
  listShare: orDefault(Share, 1),
  /** Per area and time; the first window that holds a duty start decides for it. */
  windows: orDefault(Schema.Array(LeadershipWindow), []),
  /**
   * Share of unled free time (neither a job, a planned block, a task nor time around jobs) the patrol spends on
   * self-initiated prevention, "what the patrol itself was interested in" (8.2); the rest is standby, "waiting for
   * event-driven jobs" (8.3). An assumption, not a measurement: the report found 0 hours registered as
   * crime-preventing (BF3) in all three LPOs, so the default counts none.
   */
  selfInitiatedShare: orDefault(Share, 0)
})
export type Leadership = typeof Leadership.Type
