import type { IgvEvent } from "@igv/domain"

export interface PatrolMinutes {
  readonly area: string
  onDuty: number
  prio1: number
  prio2: number
  prio3: number
  planned: number
  /** On dated events. */
  calendar: number
  /** Working on tasks, and time around jobs by activity. */
  task: number
  briefing: number
  meal: number
  reportWriting: number
  transport: number
}

/** Every kind of time a patrol spends on duty other than free time. */
export const BUSY_CATEGORIES = [
  "prio1",
  "prio2",
  "prio3",
  "planned",
  "calendar",
  "task",
  "briefing",
  "meal",
  "reportWriting",
  "transport"
] as const

/** A patrol's minutes before any event: nothing yet in any category. */
export const noMinutes = (area: string): PatrolMinutes => ({
  area,
  onDuty: 0,
  prio1: 0,
  prio2: 0,
  prio3: 0,
  planned: 0,
  calendar: 0,
  task: 0,
  briefing: 0,
  meal: 0,
  reportWriting: 0,
  transport: 0
})

/** Ends the span open under `key`, if one is, handing its start to `add`. */
const endSpan = <S>(open: Map<string, S>, key: string, add: (since: S) => void): void => {
  const since = open.get(key)
  if (since !== undefined) add(since)
  open.delete(key)
}

/**
 * Each patrol's time straight from the raw events, independently of @igv/metrics: on duty from
 * ShiftStarted to ShiftEnded, on a job from PatrolDispatched to PatrolCleared/Recalled (by the
 * dispatch's priority), in a planned block from PlannedBlockStarted/Resumed to Interrupted/GaveWay/Completed/Abandoned,
 * on a dated event from PatrolCommitted to PatrolReleased, on a task from TaskStarted to TaskPaused/Completed/Abandoned,
 * in an activity from PatrolActivityStarted to Ended.
 */
export const patrolMinutes = (events: Iterable<IgvEvent>): Map<string, PatrolMinutes> => {
  const out = new Map<string, PatrolMinutes>()
  const dutySince = new Map<string, number>()
  const jobSince = new Map<string, { t: number; prio: 1 | 2 | 3 }>()
  const blockSince = new Map<string, { t: number; patrol: string }>()
  const committedSince = new Map<string, number>()
  const taskSince = new Map<string, { t: number; patrol: string }>()
  const activitySince = new Map<string, { t: number; activity: "briefing" | "meal" | "reportWriting" | "transport" }>()
  const of = (patrol: string, area = "?") => {
    let m = out.get(patrol)
    if (m === undefined) {
      out.set(patrol, (m = noMinutes(area)))
    }
    return m
  }
  for (const e of events) {
    switch (e._tag) {
      case "ShiftStarted":
        of(e.patrol, e.area)
        dutySince.set(e.patrol, e.t)
        break
      case "ShiftEnded":
        endSpan(dutySince, e.patrol, (since) => (of(e.patrol).onDuty += e.t - since))
        break
      case "PatrolDispatched":
        jobSince.set(e.patrol, { t: e.t, prio: e.prio })
        break
      case "PatrolCleared":
      case "PatrolRecalled":
        endSpan(jobSince, e.patrol, (j) => (of(e.patrol)[`prio${j.prio}`] += e.t - j.t))
        break
      case "PlannedBlockStarted":
      case "PlannedBlockResumed":
        blockSince.set(e.block, { t: e.t, patrol: e.patrol })
        break
      case "PatrolCommitted":
        committedSince.set(e.patrol, e.t)
        break
      case "PatrolReleased":
        endSpan(committedSince, e.patrol, (since) => (of(e.patrol).calendar += e.t - since))
        break
      case "PlannedBlockInterrupted":
      case "PlannedBlockGaveWay":
      case "PlannedBlockCompleted":
      case "PlannedBlockAbandoned":
        endSpan(blockSince, e.block, (b) => (of(b.patrol).planned += e.t - b.t))
        break
      case "TaskStarted":
        taskSince.set(e.task, { t: e.t, patrol: e.patrol })
        break
      case "TaskPaused":
      case "TaskCompleted":
      case "TaskAbandoned":
        endSpan(taskSince, e.task, (task) => (of(task.patrol).task += e.t - task.t))
        break
      case "PatrolActivityStarted":
        activitySince.set(e.patrol, { t: e.t, activity: e.activity })
        break
      case "PatrolActivityEnded":
        endSpan(activitySince, e.patrol, (a) => (of(e.patrol)[a.activity] += e.t - a.t))
        break
    }
  }
  return out
}
