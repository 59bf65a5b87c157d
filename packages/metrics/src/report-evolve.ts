import type {
  AreaId,
  BlockId,
  EventSink,
  IncidentId,
  IncidentRegistered,
  CommunityShiftEvent,
  PatrolCommitted,
  PatrolId,
  PatrolWorkEvent,
  PlannedBlockUnstaffed,
  Priority,
  ShiftStarted
} from "@igv/domain"
import {
  blockActivity,
  commitment,
  jobEnded,
  jobStarted,
  patrolWorkClock,
  shiftEnded,
  startDuty
} from "./patrol-time.js"
import { TARGETS, areaOf, clockOf, keyedClockOf, knownClockOf, reasonIndex, tagOf } from "./report-state.js"
import type { BlockAcc, State, TagAcc } from "./report-state.js"
import { evolveTask } from "./report-tasks.js"
import { evolveCommunityShift } from "./report-community.js"
import type { IncidentAcc } from "./open-incidents.js"
import type { SampleBuffer } from "./stats.js"

/** Adds the incident's wait from registration to `t` to the samples; whether it was within its priority's target. */
const waitWithinTarget = (samples: SampleBuffer, inc: IncidentAcc, t: number): boolean => {
  const wait = t - inc.registeredT
  samples.push(wait)
  return wait <= TARGETS[inc.prio - 1]!
}

const closeSegment = (s: State, b: BlockAcc, t: number): void => {
  const minutes = t - b.segmentStart
  b.area.deliveredMinutes += minutes
  b.delivered += minutes
  s.hours.spread(b.segmentStart, t, b.area.deliveredByHour)
  if (b.tag !== undefined) b.tag.deliveredMinutes += minutes
  // A block interrupted the moment it starts delivers nothing: no segment.
  if (minutes > 0) b.area.segments.push(minutes)
  b.active = false
  blockActivity(b.clock, -1, t)
}

const endBlock = (s: State, id: string, b: BlockAcc, t: number, abandoned: boolean): void => {
  if (b.active) closeSegment(s, b, t)
  s.hours.spread(b.scheduledStart, b.scheduledStart + b.plannedMinutes, b.area.plannedByHour)
  // A block that delivered nothing (its patrol on a job from start to end) never ran: neither count.
  if (b.interruptions > 0) b.area.blocksInterrupted++
  else if (b.delivered > 0) {
    b.area.blocksUninterrupted++
    if (b.tag !== undefined) b.tag.blocksUninterrupted++
  }
  if (abandoned) b.area.blocksAbandoned++
  s.blocks.delete(id)
}

/**
 * The report's fold as an event sink: the simulator calls it without an object per event, and `deliverEvent` feeds
 * it a recorded stream, so both paths run the same code. Events must come in time order.
 */
export class ReportFold implements EventSink {
  readonly incidentsByKeyOnly = true

  constructor(readonly s: State) {}

  private step(t: number, kind: string): void {
    const s = this.s
    if (t < s.lastT)
      throw new RangeError(
        `events must come in time order: ${kind} at t=${t} after t=${s.lastT} (event ${s.events + 1})`
      )
    s.events++
    s.lastT = t
  }

  shiftStarted(t: number, patrol: PatrolId, area: AreaId, kind: ShiftStarted["kind"]): void {
    this.step(t, "ShiftStarted")
    const s = this.s,
      c = clockOf(s, patrol, area, kind)
    if (!c.onDuty) {
      c.area = area
      c.kind = kind
      areaOf(s, area)
    }
    startDuty(c, t)
  }

  shiftEnded(t: number, patrol: PatrolId): void {
    this.step(t, "ShiftEnded")
    const c = this.s.patrols.get(patrol)
    if (c !== undefined) shiftEnded(c, t)
  }

  incidentRegistered(
    t: number,
    incident: IncidentId,
    areaId: AreaId,
    prio: Priority,
    _onSceneMinutes: number,
    _unitsNeeded: IncidentRegistered["unitsNeeded"],
    key?: number
  ): void {
    this.step(t, "IncidentRegistered")
    const s = this.s
    // A recorded stream may register an open incident again: the first registration stands.
    if (key === undefined && s.incidents.get(incident, key) !== undefined) return
    const area = areaOf(s, areaId)
    area.response[prio - 1]!.registered++
    s.incidents.open(incident, key, area, prio, t)
  }

  incidentHandledOtherwise(t: number, incident: IncidentId, key?: number): void {
    this.step(t, "IncidentHandledOtherwise")
    const s = this.s,
      inc = s.incidents.get(incident, key)
    if (inc === undefined || inc.handled) return
    inc.handled = true
    inc.response.handledOtherwise++
    if (inc.active === 0) s.incidents.close(incident, key, inc)
  }

  patrolDispatched(
    t: number,
    incident: IncidentId,
    patrol: PatrolId,
    prio: Priority,
    key?: number,
    patrolKey?: number
  ): void {
    this.step(t, "PatrolDispatched")
    const s = this.s,
      inc = s.incidents.get(incident, key)
    const clock = keyedClockOf(s, patrol, patrolKey, inc?.area.area ?? "unknown")
    const added = jobStarted(clock, key ?? incident, prio, t)
    if (inc === undefined || !added) return
    inc.active++
    if (!inc.dispatched) {
      inc.dispatched = true
      const r = inc.response
      if (waitWithinTarget(r.waits, inc, t)) r.withinTarget++
    }
  }

  patrolOnScene(t: number, incident: IncidentId, _patrol: PatrolId, key?: number): void {
    this.step(t, "PatrolOnScene")
    const inc = this.s.incidents.get(incident, key)
    if (inc === undefined || inc.arrived) return
    inc.arrived = true
    const r = inc.response
    if (waitWithinTarget(r.arrivals, inc, t)) r.arrivedWithinTarget++
  }

  patrolCleared(t: number, incident: IncidentId, patrol: PatrolId, key?: number, patrolKey?: number): void {
    this.step(t, "PatrolCleared")
    this.jobEnds(t, incident, patrol, false, key, patrolKey)
  }

  patrolRecalled(
    t: number,
    incident: IncidentId,
    patrol: PatrolId,
    _byIncident: IncidentId,
    key?: number,
    patrolKey?: number
  ): void {
    this.step(t, "PatrolRecalled")
    this.jobEnds(t, incident, patrol, true, key, patrolKey)
  }

  private jobEnds(
    t: number,
    incident: IncidentId,
    patrol: PatrolId,
    recalled: boolean,
    key: number | undefined,
    patrolKey: number | undefined
  ): void {
    const s = this.s,
      c = knownClockOf(s, patrol, patrolKey)
    const held = c === undefined ? 0 : jobEnded(c, key ?? incident, t)
    const inc = s.incidents.get(incident, key)
    if (inc === undefined || held === 0) return
    inc.active--
    if (recalled) inc.response.recalled++
    else if (inc.active === 0) s.incidents.close(incident, key, inc)
  }

  plannedBlockStarted(
    t: number,
    block: BlockId,
    patrol: PatrolId,
    areaId: AreaId,
    plannedMinutes: number,
    tagId: string | undefined,
    delayed: number
  ): void {
    this.step(t, "PlannedBlockStarted")
    const s = this.s
    const old = s.blocks.get(block)
    if (old !== undefined) endBlock(s, block, old, t, false)
    const clock = clockOf(s, patrol, areaId)
    const area = areaOf(s, clock.area)
    let tag: TagAcc | undefined
    if (tagId !== undefined) {
      tag = tagOf(s, tagId)
      tag.plannedMinutes += plannedMinutes
      tag.blocksPlanned++
    }
    area.plannedMinutes += plannedMinutes
    if (delayed > 0) {
      area.blocksStartedLate++
      area.lateStartMinutes += Math.min(delayed, plannedMinutes)
    }
    area.blocksPlanned++
    s.blocks.set(block, {
      clock,
      area,
      tag,
      scheduledStart: t - delayed,
      plannedMinutes,
      active: true,
      segmentStart: t,
      interruptions: 0,
      delivered: 0
    })
    blockActivity(clock, 1, t)
  }

  plannedBlockUnstaffed(
    t: number,
    _block: BlockId,
    areaId: AreaId,
    _kind: PlannedBlockUnstaffed["kind"],
    plannedMinutes: number,
    tagId: string | undefined,
    reason: PlannedBlockUnstaffed["reason"]
  ): void {
    this.step(t, "PlannedBlockUnstaffed")
    const s = this.s,
      area = areaOf(s, areaId),
      r = reasonIndex(reason)
    // The part past the horizon's end was never simulated (a block handed over when duty fell to zero there, or
    // one left unstaffed that runs over it): it is named apart, not counted as planned and unstaffed.
    const inside = Math.min(plannedMinutes, Math.max(0, s.horizonEnd - t))
    area.beyondHorizonMinutes += plannedMinutes - inside
    if (inside <= 0) return
    area.plannedMinutes += inside
    area.unstaffedMinutes[r]! += inside
    area.blocksUnstaffed++
    area.blocksPlanned++
    s.hours.spread(t, t + inside, area.plannedByHour)
    if (tagId !== undefined) {
      const tag = tagOf(s, tagId)
      tag.plannedMinutes += inside
      tag.unstaffedMinutes[r]! += inside
      tag.blocksPlanned++
    }
  }

  plannedBlockInterrupted(t: number, block: BlockId, _patrol: PatrolId, _incident: IncidentId, prio: Priority): void {
    this.step(t, "PlannedBlockInterrupted")
    this.blockLeft(t, block, prio)
  }

  plannedBlockGaveWay(t: number, block: BlockId, _patrol: PatrolId, _calendarEvent: string): void {
    this.step(t, "PlannedBlockGaveWay")
    this.blockLeft(t, block, 0)
  }

  /** The block's patrol left it for a call of `prio`, or (prio 0) for a dated event. */
  private blockLeft(t: number, block: BlockId, prio: number): void {
    const s = this.s,
      b = s.blocks.get(block)
    if (b === undefined) return
    if (b.active) closeSegment(s, b, t)
    b.interruptions++
    if (prio > 0) b.area.interruptions[prio - 1]!++
    else b.area.gaveWay++
    b.area.interruptionsByHour[s.hours.hourOf(t)]!++
  }

  patrolCommitted(t: number, patrol: PatrolId, _calendarEvent: string, _kind: PatrolCommitted["kind"]): void {
    this.step(t, "PatrolCommitted")
    const s = this.s
    s.calendarEvents = true
    const c = s.patrols.get(patrol)
    if (c !== undefined) commitment(c, 1, t)
  }

  patrolReleased(t: number, patrol: PatrolId, _calendarEvent: string): void {
    this.step(t, "PatrolReleased")
    const c = this.s.patrols.get(patrol)
    if (c !== undefined) commitment(c, -1, t)
  }

  plannedBlockResumed(t: number, block: BlockId, _patrol: PatrolId): void {
    this.step(t, "PlannedBlockResumed")
    const b = this.s.blocks.get(block)
    if (b === undefined || b.active) return
    b.active = true
    b.segmentStart = t
    blockActivity(b.clock, 1, t)
  }

  plannedBlockCompleted(t: number, block: BlockId, _patrol: PatrolId): void {
    this.step(t, "PlannedBlockCompleted")
    const b = this.s.blocks.get(block)
    if (b !== undefined) endBlock(this.s, block, b, t, false)
  }

  plannedBlockAbandoned(t: number, block: BlockId, _patrol: PatrolId): void {
    this.step(t, "PlannedBlockAbandoned")
    const b = this.s.blocks.get(block)
    if (b !== undefined) endBlock(this.s, block, b, t, true)
  }

  communityShift(e: CommunityShiftEvent): void {
    this.step(e.t, e._tag)
    const s = this.s
    s.communityShiftsSeen = true
    evolveCommunityShift(areaOf(s, e.area).communityShifts, e)
  }

  patrolWork(e: PatrolWorkEvent): void {
    this.step(e.t, e._tag)
    const s = this.s
    s.patrolWorkSeen = true
    evolveTask(s.tasks, (patrol, area) => areaOf(s, clockOf(s, patrol, area).area).tasks, e)
    patrolWorkClock((patrol) => clockOf(s, patrol, "unknown"), s.workingTasks, e)
  }
}
