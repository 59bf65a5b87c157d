import type { IgvEvent } from "@igv/domain"

// The report's accumulators for the group chief's tasks, per area (the patrol's), beside the planned blocks'.

export interface TaskAcc {
  assigned: number
  completed: number
  abandoned: number
  assignedMinutes: number
  workedMinutes: number
  /** Calls that took a patrol from a task, by priority 1..3 (index 0..2). */
  readonly interruptions: Float64Array
}

export const newTaskAcc = (): TaskAcc => ({
  assigned: 0,
  completed: 0,
  abandoned: 0,
  assignedMinutes: 0,
  workedMinutes: 0,
  interruptions: new Float64Array(3)
})

/** A task handed out in the feed: whose area it counts to, and since when it is being worked (NaN: not now). */
export interface OpenTask {
  readonly acc: TaskAcc
  since: number
}

/** Folds one task event; `areaOfPatrol` gives the accumulator of the patrol's area. Other events are ignored. */
export const evolveTask = (
  open: Map<string, OpenTask>,
  areaOfPatrol: (patrol: string, area: string) => TaskAcc,
  e: IgvEvent
): void => {
  switch (e._tag) {
    case "TaskAssigned": {
      if (open.has(e.task)) break
      const acc = areaOfPatrol(e.patrol, e.area)
      acc.assigned++
      acc.assignedMinutes += e.plannedMinutes
      open.set(e.task, { acc, since: NaN })
      break
    }
    case "TaskStarted": {
      const task = open.get(e.task)
      if (task !== undefined && Number.isNaN(task.since)) task.since = e.t
      break
    }
    case "TaskPaused":
    case "TaskCompleted":
    case "TaskAbandoned": {
      const task = open.get(e.task)
      if (task === undefined) break
      if (!Number.isNaN(task.since)) task.acc.workedMinutes += e.t - task.since
      task.since = NaN
      if (e._tag === "TaskPaused") {
        if (e.prio !== undefined) task.acc.interruptions[e.prio - 1]!++
        break
      }
      if (e._tag === "TaskCompleted") task.acc.completed++
      else task.acc.abandoned++
      open.delete(e.task)
      break
    }
  }
}
