import type { Report } from "@igv/domain"
import { BRIEFING, FREE, MEAL, PLANNED, REPORT_WRITING, TASK, TRANSPORT } from "./patrol-time.js"
import type { TaskAcc } from "./report-tasks.js"

/** How the free time is read: the self-initiated share of it (an assumption of the scenario), or null if unknown. */
export interface PatrolWorkFigures {
  readonly selfInitiatedShare: number | null
}

const hours = (minutes: number) => minutes / 60

/** The time-use categories of tasks and time around jobs, and free time split into self-initiated and standby. */
export const patrolWorkTimeUse = (m: Float64Array, work: PatrolWorkFigures) => ({
  taskHours: hours(m[TASK]!),
  briefingHours: hours(m[BRIEFING]!),
  mealHours: hours(m[MEAL]!),
  reportWritingHours: hours(m[REPORT_WRITING]!),
  transportHours: hours(m[TRANSPORT]!),
  ledLineHours: hours(m[PLANNED]! + m[TASK]!),
  selfInitiatedHours: work.selfInitiatedShare === null ? null : hours(m[FREE]! * work.selfInitiatedShare),
  standbyHours: work.selfInitiatedShare === null ? null : hours(m[FREE]! * (1 - work.selfInitiatedShare))
})

/** The tasks' figures over some areas; `openMinutes` is work under way at the end, closed there. */
export const taskFigures = (accs: ReadonlyArray<TaskAcc>, openMinutes: number): NonNullable<Report["tasks"]> => {
  let assigned = 0,
    completed = 0,
    abandoned = 0,
    assignedMinutes = 0,
    worked = openMinutes
  const byPrio = [0, 0, 0]
  for (const a of accs) {
    assigned += a.assigned
    completed += a.completed
    abandoned += a.abandoned
    assignedMinutes += a.assignedMinutes
    worked += a.workedMinutes
    for (let p = 0; p < 3; p++) byPrio[p]! += a.interruptions[p]!
  }
  return {
    assigned,
    completed,
    abandoned,
    assignedHours: hours(assignedMinutes),
    workedHours: hours(worked),
    survival: assignedMinutes > 0 ? worked / assignedMinutes : null,
    interruptions: {
      total: byPrio[0]! + byPrio[1]! + byPrio[2]!,
      byPriority: { "1": byPrio[0]!, "2": byPrio[1]!, "3": byPrio[2]! }
    }
  }
}
