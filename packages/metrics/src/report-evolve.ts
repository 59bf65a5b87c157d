import type { IgvEvent } from "@igv/domain"
import {
  blockActivity,
  commitment,
  jobEnded,
  jobStarted,
  patrolWorkClock,
  shiftEnded,
  startDuty
} from "./patrol-time.js"
import { TARGETS, areaOf, clockOf, reasonIndex, tagOf } from "./report-state.js"
import type { BlockAcc, State, TagAcc } from "./report-state.js"
import { evolveTask } from "./report-tasks.js"
import { evolveCommunityShift } from "./report-community.js"

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

export const evolve = (s: State, e: IgvEvent): State => {
  const t = e.t
  if (t < s.lastT)
    throw new RangeError(
      `events must come in time order: ${e._tag} at t=${t} after t=${s.lastT} (event ${s.events + 1})`
    )
  s.events++
  s.lastT = t
  switch (e._tag) {
    case "ShiftStarted": {
      const c = clockOf(s, e.patrol, e.area, e.kind)
      if (!c.onDuty) {
        c.area = e.area
        c.kind = e.kind
        areaOf(s, e.area)
      }
      startDuty(c, t)
      break
    }
    case "ShiftEnded": {
      const c = s.patrols.get(e.patrol)
      if (c !== undefined) shiftEnded(c, t)
      break
    }
    case "IncidentRegistered": {
      if (s.incidents.has(e.incident)) break
      const area = areaOf(s, e.area)
      area.response[e.prio - 1]!.registered++
      s.incidents.set(e.incident, {
        area,
        prio: e.prio,
        registeredT: t,
        dispatched: false,
        arrived: false,
        handled: false,
        active: 0
      })
      break
    }
    case "IncidentHandledOtherwise": {
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || inc.handled) break
      inc.handled = true
      inc.area.response[inc.prio - 1]!.handledOtherwise++
      if (inc.active === 0) s.incidents.delete(e.incident)
      break
    }
    case "PatrolDispatched": {
      const inc = s.incidents.get(e.incident)
      const added = jobStarted(clockOf(s, e.patrol, inc?.area.area ?? "unknown"), e.incident, e.prio, t)
      if (inc === undefined || !added) break
      inc.active++
      if (!inc.dispatched) {
        inc.dispatched = true
        const r = inc.area.response[inc.prio - 1]!
        const wait = t - inc.registeredT
        r.waits.push(wait)
        if (wait <= TARGETS[inc.prio - 1]!) r.withinTarget++
      }
      break
    }
    case "PatrolOnScene": {
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || inc.arrived) break
      inc.arrived = true
      const r = inc.area.response[inc.prio - 1]!
      const wait = t - inc.registeredT
      r.arrivals.push(wait)
      if (wait <= TARGETS[inc.prio - 1]!) r.arrivedWithinTarget++
      break
    }
    case "PatrolCleared":
    case "PatrolRecalled": {
      const c = s.patrols.get(e.patrol)
      const held = c === undefined ? 0 : jobEnded(c, e.incident, t)
      const inc = s.incidents.get(e.incident)
      if (inc === undefined || held === 0) break
      inc.active--
      if (e._tag === "PatrolRecalled") inc.area.response[inc.prio - 1]!.recalled++
      else if (inc.active === 0) s.incidents.delete(e.incident)
      break
    }
    case "PlannedBlockStarted": {
      const old = s.blocks.get(e.block)
      if (old !== undefined) endBlock(s, e.block, old, t, false)
      const clock = clockOf(s, e.patrol, e.area)
      const area = areaOf(s, clock.area)
      let tag: TagAcc | undefined
      if (e.tag !== undefined) {
        tag = tagOf(s, e.tag)
        tag.plannedMinutes += e.plannedMinutes
        tag.blocksPlanned++
      }
      area.plannedMinutes += e.plannedMinutes
      const delayed = e.delayedMinutes ?? 0
      if (delayed > 0) {
        area.blocksStartedLate++
        area.lateStartMinutes += Math.min(delayed, e.plannedMinutes)
      }
      area.blocksPlanned++
      s.blocks.set(e.block, {
        clock,
        area,
        tag,
        scheduledStart: t - delayed,
        plannedMinutes: e.plannedMinutes,
        active: true,
        segmentStart: t,
        interruptions: 0,
        delivered: 0
      })
      blockActivity(clock, 1, t)
      break
    }
    case "PlannedBlockUnstaffed": {
      const area = areaOf(s, e.area),
        r = reasonIndex(e.reason)
      area.plannedMinutes += e.plannedMinutes
      area.unstaffedMinutes[r]! += e.plannedMinutes
      area.blocksUnstaffed++
      area.blocksPlanned++
      s.hours.spread(t, t + e.plannedMinutes, area.plannedByHour)
      if (e.tag !== undefined) {
        const tag = tagOf(s, e.tag)
        tag.plannedMinutes += e.plannedMinutes
        tag.unstaffedMinutes[r]! += e.plannedMinutes
        tag.blocksPlanned++
      }
      break
    }
    case "PlannedBlockInterrupted":
    case "PlannedBlockGaveWay": {
      const b = s.blocks.get(e.block)
      if (b === undefined) break
      if (b.active) closeSegment(s, b, t)
      b.interruptions++
      if (e._tag === "PlannedBlockInterrupted") b.area.interruptions[e.prio - 1]!++
      else b.area.gaveWay++
      b.area.interruptionsByHour[s.hours.hourOf(t)]!++
      break
    }
    case "PatrolCommitted": {
      s.calendarEvents = true
      const c = s.patrols.get(e.patrol)
      if (c !== undefined) commitment(c, 1, t)
      break
    }
    case "CommunityShiftTaken":
    case "CommunityOfficerAbsent": {
      s.communityShiftsSeen = true
      evolveCommunityShift(areaOf(s, e.area).communityShifts, e)
      break
    }
    case "PatrolReleased": {
      const c = s.patrols.get(e.patrol)
      if (c !== undefined) commitment(c, -1, t)
      break
    }
    case "PlannedBlockResumed": {
      const b = s.blocks.get(e.block)
      if (b === undefined || b.active) break
      b.active = true
      b.segmentStart = t
      blockActivity(b.clock, 1, t)
      break
    }
    case "PlannedBlockCompleted":
    case "PlannedBlockAbandoned": {
      const b = s.blocks.get(e.block)
      if (b !== undefined) endBlock(s, e.block, b, t, e._tag === "PlannedBlockAbandoned")
      break
    }
    case "TaskAssigned":
    case "TaskStarted":
    case "TaskPaused":
    case "TaskCompleted":
    case "TaskAbandoned":
    case "PatrolActivityStarted":
    case "PatrolActivityEnded": {
      s.patrolWorkSeen = true
      evolveTask(s.tasks, (patrol, area) => areaOf(s, clockOf(s, patrol, area).area).tasks, e)
      patrolWorkClock((patrol) => clockOf(s, patrol, "unknown"), s.workingTasks, e)
    }
  }
  return s
}
