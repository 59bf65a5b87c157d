import type { Priority, Scenario } from "@igv/domain"
import { forEachWindow, type LocalCalendar, countAt, type Timeline, timelineOf } from "./calendar.js"
import { Rng, streamKey } from "./rng.js"
import { type Sampler, sample, samplerOf } from "./sampler.js"

/**
 * The scenario's tasks, leadership and time around jobs, compiled once: samplers by priority, task lists by patrol
 * group, leadership windows as timelines, and a random stream per area and purpose (so switching one of them on
 * leaves every other draw of the run as it was).
 */
export interface PatrolWorkModel {
  /** Report writing after a call, by priority 1..3 (index 0 unused); undefined: none. */
  readonly reportWriting: ReadonlyArray<Sampler | undefined>
  readonly transport: ReadonlyArray<Sampler | undefined>
  readonly transportShare: Float64Array
  readonly briefing: Sampler | undefined
  readonly meal: Sampler | undefined
  readonly mealEveryMinutes: number
  readonly mealInterruptingPriorities: ReadonlyArray<Priority>
  /** Task lists by patrol group (area * 2 + kind). */
  readonly taskLists: ReadonlyArray<ReadonlyArray<TaskListSpec>>
  readonly rng: ReadonlyArray<AreaStreams>
  readonly leadership: Leadership
}

interface TaskListSpec {
  readonly perShift: number | undefined
  readonly minutesPerShift: number | undefined
  readonly duration: Sampler
  readonly tag: string | undefined
}

interface AreaStreams {
  readonly tasks: Rng
  readonly reportWriting: Rng
  readonly transport: Rng
  readonly briefing: Rng
  readonly meal: Rng
}

interface Leadership {
  readonly listShare: number
  /** Per area, in the scenario's order: the first window holding a duty start decides for it. */
  readonly windows: ReadonlyArray<
    ReadonlyArray<{ readonly line: Timeline; readonly listShare: number; readonly fullness: number }>
  >
}

/** One task of a list handed out at a duty start. */
export interface DrawnTask {
  readonly minutes: number
  readonly tag: string | undefined
}

const KINDS = ["igv", "community"] as const

export const compilePatrolWork = (
  scenario: Scenario,
  calendar: LocalCalendar,
  areaIndex: ReadonlyMap<string, number>,
  seeds: readonly [number, number]
): PatrolWorkModel => {
  const around = scenario.timeAroundJobs
  const reportWriting: Array<Sampler | undefined> = [undefined, undefined, undefined, undefined]
  const transport: Array<Sampler | undefined> = [undefined, undefined, undefined, undefined]
  const transportShare = new Float64Array(4)
  for (const r of around?.reportWriting ?? []) for (const p of r.prios) reportWriting[p] = samplerOf(r.minutes)
  for (const r of around?.transport ?? []) {
    for (const p of r.prios) {
      transport[p] = samplerOf(r.minutes)
      transportShare[p] = r.share
    }
  }
  const A = scenario.areas.length
  const taskLists: Array<Array<TaskListSpec>> = Array.from({ length: A * 2 }, () => [])
  for (const list of scenario.tasks ?? []) {
    taskLists[areaIndex.get(list.area)! * 2 + KINDS.indexOf(list.patrolKind)]!.push({
      perShift: list.perShift,
      minutesPerShift: list.minutesPerShift,
      duration: samplerOf(list.duration),
      tag: list.tag
    })
  }
  const windows = scenario.areas.map((_, a) =>
    (scenario.leadership?.windows ?? [])
      .filter((w) => w.area === undefined || areaIndex.get(w.area) === a)
      .map((w) => {
        const spans: Array<readonly [number, number, number]> = []
        forEachWindow(calendar, w.weekdays, w.start, w.end, (from, to) => spans.push([from, to, 1]))
        return { line: timelineOf(spans), listShare: w.listShare, fullness: w.fullness }
      })
  )
  const stream = (area: string, purpose: string) => new Rng(streamKey(seeds[0], seeds[1], area, purpose))
  return {
    reportWriting,
    transport,
    transportShare,
    briefing: around?.briefing === undefined ? undefined : samplerOf(around.briefing.minutes),
    meal: around?.meal === undefined ? undefined : samplerOf(around.meal.minutes),
    mealEveryMinutes: around?.meal?.afterMinutes ?? Infinity,
    mealInterruptingPriorities: around?.meal?.interruptingPriorities ?? [],
    taskLists,
    rng: scenario.areas.map((a) => ({
      tasks: stream(a.id, "tasks"),
      reportWriting: stream(a.id, "report-writing"),
      transport: stream(a.id, "transport"),
      briefing: stream(a.id, "briefing"),
      meal: stream(a.id, "meal")
    })),
    leadership: { listShare: scenario.leadership?.listShare ?? 1, windows }
  }
}

/**
 * The tasks a patrol of the group is handed at a duty start at `t`: none when the group chief gives no list
 * (leadership), else each list of the group scaled by how full the list is; a fractional count rounds up with
 * its fraction as probability. Draws from the area's task stream at every duty start of a group with lists.
 */
export const drawTasks = (pw: PatrolWorkModel, area: number, kind: number, t: number): ReadonlyArray<DrawnTask> => {
  const lists = pw.taskLists[area * 2 + kind]!
  if (lists.length === 0) return []
  const rng = pw.rng[area]!.tasks
  let listShare = pw.leadership.listShare,
    fullness = 1
  for (const w of pw.leadership.windows[area]!) {
    if (countAt(w.line, t) > 0) {
      listShare = w.listShare
      fullness = w.fullness
      break
    }
  }
  if (!(rng.uniform() < listShare)) return []
  const tasks: Array<DrawnTask> = []
  for (const list of lists) {
    if (list.perShift !== undefined) {
      const scaled = list.perShift * fullness
      const n = Math.floor(scaled) + (rng.uniform() < scaled - Math.floor(scaled) ? 1 : 0)
      for (let i = 0; i < n; i++) tasks.push({ minutes: sample(list.duration, rng), tag: list.tag })
    } else {
      let left = list.minutesPerShift! * fullness
      while (left > 0) {
        const minutes = Math.min(left, sample(list.duration, rng))
        tasks.push({ minutes, tag: list.tag })
        left -= minutes
      }
    }
  }
  return tasks
}
