import type {
  CommunityOfficerAbsent,
  CommunityShiftTaken,
  IgvEvent,
  IncidentRegistered,
  PatrolCommitted,
  PlannedBlockUnstaffed,
  ShiftStarted
} from "./events.js"
import type {
  PatrolActivityEnded,
  PatrolActivityStarted,
  TaskAbandoned,
  TaskAssigned,
  TaskCompleted,
  TaskPaused,
  TaskStarted
} from "./events-patrol-work.js"
import type { AreaId, BlockId, IncidentId, PatrolId } from "./ids.js"
import type { Priority } from "./priority.js"

/** The events of tasks and time around jobs, which a sink takes as they are. */
export type PatrolWorkEvent =
  | TaskAssigned
  | TaskStarted
  | TaskPaused
  | TaskCompleted
  | TaskAbandoned
  | PatrolActivityStarted
  | PatrolActivityEnded

/** A community officer's shift taken into other duty, or absent: the sink takes these as they are too. */
export type CommunityShiftEvent = CommunityShiftTaken | CommunityOfficerAbsent

/**
 * The feed as calls instead of objects: one method per event kind, the event's fields as arguments in its order
 * (an absent optional field is undefined, or 0 for `delayedMinutes`). A fold that implements it (the report)
 * takes a simulation's events without an object per event; `eventObjects` turns the calls back into the
 * `IgvEvent` stream, which stays the contract for feeds, stores and other projections, and `deliverEvent` makes
 * the calls from the stream. Tasks, time around jobs and community officers' shifts are rarer and come as their
 * events.
 *
 * The simulator also gives each call about an incident a `key`: a small whole number the incident holds from its
 * registration to its last event, never held by two incidents at once and given again once free, so a fold can
 * keep open incidents in an array instead of looking their ids up. The calls that start and end a patrol's job
 * also give a `patrolKey`, the patrol's own small whole number for the whole run, so a fold can keep patrols in
 * an array too. A recorded stream has no keys (undefined).
 */
export interface EventSink {
  /**
   * True for a sink that, whenever a call has a key, never reads the incident ids it is given (the report): the
   * simulator then gives "" for them rather than build a string per incident. The events of tasks and time
   * around jobs name their incidents all the same.
   */
  readonly incidentsByKeyOnly?: boolean
  incidentRegistered(
    t: number,
    incident: IncidentId,
    area: AreaId,
    prio: Priority,
    onSceneMinutes: number,
    unitsNeeded: IncidentRegistered["unitsNeeded"],
    key?: number
  ): void
  incidentHandledOtherwise(t: number, incident: IncidentId, key?: number): void
  patrolDispatched(
    t: number,
    incident: IncidentId,
    patrol: PatrolId,
    prio: Priority,
    key?: number,
    patrolKey?: number
  ): void
  patrolOnScene(t: number, incident: IncidentId, patrol: PatrolId, key?: number): void
  patrolCleared(t: number, incident: IncidentId, patrol: PatrolId, key?: number, patrolKey?: number): void
  patrolRecalled(
    t: number,
    incident: IncidentId,
    patrol: PatrolId,
    byIncident: IncidentId,
    key?: number,
    patrolKey?: number
  ): void
  shiftStarted(t: number, patrol: PatrolId, area: AreaId, kind: ShiftStarted["kind"]): void
  shiftEnded(t: number, patrol: PatrolId): void
  plannedBlockStarted(
    t: number,
    block: BlockId,
    patrol: PatrolId,
    area: AreaId,
    plannedMinutes: number,
    tag: string | undefined,
    delayedMinutes: number
  ): void
  plannedBlockInterrupted(t: number, block: BlockId, patrol: PatrolId, incident: IncidentId, prio: Priority): void
  plannedBlockResumed(t: number, block: BlockId, patrol: PatrolId): void
  plannedBlockCompleted(t: number, block: BlockId, patrol: PatrolId): void
  plannedBlockAbandoned(t: number, block: BlockId, patrol: PatrolId): void
  plannedBlockUnstaffed(
    t: number,
    block: BlockId,
    area: AreaId,
    kind: PlannedBlockUnstaffed["kind"],
    plannedMinutes: number,
    tag: string | undefined,
    reason: PlannedBlockUnstaffed["reason"]
  ): void
  patrolCommitted(t: number, patrol: PatrolId, calendarEvent: string, kind: PatrolCommitted["kind"]): void
  patrolReleased(t: number, patrol: PatrolId, calendarEvent: string): void
  plannedBlockGaveWay(t: number, block: BlockId, patrol: PatrolId, calendarEvent: string): void
  communityShift(event: CommunityShiftEvent): void
  patrolWork(event: PatrolWorkEvent): void
}

/** A sink that hands each call on as its `IgvEvent`, the fields in the schema's order, optional ones only when set. */
export const eventObjects = (onEvent: (event: IgvEvent) => void): EventSink => ({
  incidentRegistered: (t, incident, area, prio, onSceneMinutes, unitsNeeded) =>
    onEvent({ _tag: "IncidentRegistered", t, incident, area, prio, onSceneMinutes, unitsNeeded }),
  incidentHandledOtherwise: (t, incident) => onEvent({ _tag: "IncidentHandledOtherwise", t, incident }),
  patrolDispatched: (t, incident, patrol, prio) => onEvent({ _tag: "PatrolDispatched", t, incident, patrol, prio }),
  patrolOnScene: (t, incident, patrol) => onEvent({ _tag: "PatrolOnScene", t, incident, patrol }),
  patrolCleared: (t, incident, patrol) => onEvent({ _tag: "PatrolCleared", t, incident, patrol }),
  patrolRecalled: (t, incident, patrol, byIncident) =>
    onEvent({ _tag: "PatrolRecalled", t, incident, patrol, byIncident }),
  shiftStarted: (t, patrol, area, kind) => onEvent({ _tag: "ShiftStarted", t, patrol, area, kind }),
  shiftEnded: (t, patrol) => onEvent({ _tag: "ShiftEnded", t, patrol }),
  plannedBlockStarted: (t, block, patrol, area, plannedMinutes, tag, delayedMinutes) => {
    if (delayedMinutes > 0)
      onEvent(
        tag === undefined
          ? { _tag: "PlannedBlockStarted", t, block, patrol, area, plannedMinutes, delayedMinutes }
          : { _tag: "PlannedBlockStarted", t, block, patrol, area, plannedMinutes, tag, delayedMinutes }
      )
    else
      onEvent(
        tag === undefined
          ? { _tag: "PlannedBlockStarted", t, block, patrol, area, plannedMinutes }
          : { _tag: "PlannedBlockStarted", t, block, patrol, area, plannedMinutes, tag }
      )
  },
  plannedBlockInterrupted: (t, block, patrol, incident, prio) =>
    onEvent({ _tag: "PlannedBlockInterrupted", t, block, patrol, incident, prio }),
  plannedBlockResumed: (t, block, patrol) => onEvent({ _tag: "PlannedBlockResumed", t, block, patrol }),
  plannedBlockCompleted: (t, block, patrol) => onEvent({ _tag: "PlannedBlockCompleted", t, block, patrol }),
  plannedBlockAbandoned: (t, block, patrol) => onEvent({ _tag: "PlannedBlockAbandoned", t, block, patrol }),
  plannedBlockUnstaffed: (t, block, area, kind, plannedMinutes, tag, reason) =>
    onEvent(
      tag === undefined
        ? { _tag: "PlannedBlockUnstaffed", t, block, area, kind, plannedMinutes, reason }
        : { _tag: "PlannedBlockUnstaffed", t, block, area, kind, plannedMinutes, tag, reason }
    ),
  patrolCommitted: (t, patrol, calendarEvent, kind) =>
    onEvent({ _tag: "PatrolCommitted", t, patrol, calendarEvent, kind }),
  patrolReleased: (t, patrol, calendarEvent) => onEvent({ _tag: "PatrolReleased", t, patrol, calendarEvent }),
  plannedBlockGaveWay: (t, block, patrol, calendarEvent) =>
    onEvent({ _tag: "PlannedBlockGaveWay", t, block, patrol, calendarEvent }),
  communityShift: onEvent,
  patrolWork: onEvent
})

/** Makes the sink's call for one event of the stream. */
export const deliverEvent = (sink: EventSink, e: IgvEvent): void => {
  switch (e._tag) {
    case "IncidentRegistered":
      sink.incidentRegistered(e.t, e.incident, e.area, e.prio, e.onSceneMinutes, e.unitsNeeded)
      return
    case "IncidentHandledOtherwise":
      sink.incidentHandledOtherwise(e.t, e.incident)
      return
    case "PatrolDispatched":
      sink.patrolDispatched(e.t, e.incident, e.patrol, e.prio)
      return
    case "PatrolOnScene":
      sink.patrolOnScene(e.t, e.incident, e.patrol)
      return
    case "PatrolCleared":
      sink.patrolCleared(e.t, e.incident, e.patrol)
      return
    case "PatrolRecalled":
      sink.patrolRecalled(e.t, e.incident, e.patrol, e.byIncident)
      return
    case "ShiftStarted":
      sink.shiftStarted(e.t, e.patrol, e.area, e.kind)
      return
    case "ShiftEnded":
      sink.shiftEnded(e.t, e.patrol)
      return
    case "PlannedBlockStarted":
      sink.plannedBlockStarted(e.t, e.block, e.patrol, e.area, e.plannedMinutes, e.tag, e.delayedMinutes ?? 0)
      return
    case "PlannedBlockInterrupted":
      sink.plannedBlockInterrupted(e.t, e.block, e.patrol, e.incident, e.prio)
      return
    case "PlannedBlockResumed":
      sink.plannedBlockResumed(e.t, e.block, e.patrol)
      return
    case "PlannedBlockCompleted":
      sink.plannedBlockCompleted(e.t, e.block, e.patrol)
      return
    case "PlannedBlockAbandoned":
      sink.plannedBlockAbandoned(e.t, e.block, e.patrol)
      return
    case "PlannedBlockUnstaffed":
      sink.plannedBlockUnstaffed(e.t, e.block, e.area, e.kind, e.plannedMinutes, e.tag, e.reason)
      return
    case "PatrolCommitted":
      sink.patrolCommitted(e.t, e.patrol, e.calendarEvent, e.kind)
      return
    case "PatrolReleased":
      sink.patrolReleased(e.t, e.patrol, e.calendarEvent)
      return
    case "PlannedBlockGaveWay":
      sink.plannedBlockGaveWay(e.t, e.block, e.patrol, e.calendarEvent)
      return
    case "CommunityShiftTaken":
    case "CommunityOfficerAbsent":
      sink.communityShift(e)
      return
    default:
      sink.patrolWork(e)
      return
  }
}
