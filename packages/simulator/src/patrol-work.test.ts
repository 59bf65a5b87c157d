import type { IncidentId, IncidentRegistered } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { ofType, run, scenario } from "./scenarios.test-util.js"

// One area, one IGV patrol on duty 08:00–16:00 local on Monday 2024-01-08 (UTC+1), no synthetic calls:
// every minute below can be checked by hand.
const MON_08 = Date.UTC(2024, 0, 8, 7, 0) / 60_000
const base = {
  name: "one patrol",
  start: "2024-01-08",
  days: 1,
  areas: [{ id: "a" }],
  travel: { default: { _tag: "fixed", minutes: 0 } },
  dimensioning: [{ area: "a", patrols: 1, weekdays: ["mon"], start: "08:00", end: "16:00" }],
  demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 1 } }] }
}
const call = (id: string, atMinute: number, prio: 1 | 2 | 3, onSceneMinutes: number): IncidentRegistered => ({
  _tag: "IncidentRegistered",
  t: MON_08 + atMinute,
  incident: id as IncidentId,
  area: "a" as never,
  prio,
  onSceneMinutes,
  unitsNeeded: 1
})
const at = (t: number) => t - MON_08

describe("tasks and time around jobs on one patrol", () => {
  it("a briefing opens the duty, then the tasks are worked one after the other, and what is left at duty end is abandoned", () => {
    const s = scenario({
      ...base,
      tasks: [{ area: "a", perShift: 3, duration: { _tag: "fixed", minutes: 200 }, tag: "hotspot" }],
      timeAroundJobs: { briefing: { minutes: { _tag: "fixed", minutes: 30 } } }
    })
    const { events } = run(s)
    expect(ofType(events, "TaskAssigned").map((e) => [at(e.t), e.plannedMinutes, e.tag])).toEqual([
      [0, 200, "hotspot"],
      [0, 200, "hotspot"],
      [0, 200, "hotspot"]
    ])
    expect(ofType(events, "PatrolActivityStarted").map((e) => [at(e.t), e.activity])).toEqual([[0, "briefing"]])
    // 30 min briefing, task 0 from 30 to 230, task 1 from 230 to 430, task 2 from 430 until the duty ends at 480.
    expect(ofType(events, "TaskStarted").map((e) => at(e.t))).toEqual([30, 230, 430])
    expect(ofType(events, "TaskCompleted").map((e) => at(e.t))).toEqual([230, 430])
    expect(ofType(events, "TaskAbandoned").map((e) => [at(e.t), e.task])).toEqual([[480, "a/igv/0/task/2"]])
  })

  it("a call interrupts a task like a planned block; report writing and a transport follow the call; the task resumes", () => {
    const s = scenario({
      ...base,
      tasks: [{ area: "a", perShift: 1, duration: { _tag: "fixed", minutes: 120 } }],
      timeAroundJobs: {
        transport: [{ prios: [2], share: 1, minutes: { _tag: "fixed", minutes: 25 } }],
        reportWriting: [{ prios: [2], minutes: { _tag: "fixed", minutes: 15 } }]
      }
    })
    const { events } = run(s, 1, [call("c1", 60, 2, 20)])
    // Task 0–60, call 60–80, transport 80–105, report 105–120, task resumes at 120 with 60 min left: done at 180.
    expect(ofType(events, "TaskPaused").map((e) => [at(e.t), e.incident, e.prio])).toEqual([[60, "c1", 2]])
    expect(ofType(events, "PatrolActivityStarted").map((e) => [at(e.t), e.activity, e.incident])).toEqual([
      [80, "transport", "c1"],
      [105, "reportWriting", "c1"]
    ])
    expect(ofType(events, "TaskStarted").map((e) => at(e.t))).toEqual([0, 120])
    expect(ofType(events, "TaskCompleted").map((e) => at(e.t))).toEqual([180])
  })

  it("an interrupted task with less than the blocks' minimum remnant left is abandoned", () => {
    const s = scenario({
      ...base,
      tasks: [{ area: "a", perShift: 1, duration: { _tag: "fixed", minutes: 70 } }],
      rules: { resume: { minimumRemnantMinutes: 20 } }
    })
    const { events } = run(s, 1, [call("c1", 60, 3, 30)])
    expect(ofType(events, "TaskAbandoned").map((e) => at(e.t))).toEqual([90])
  })

  it("a meal falls due on its cadence; only its interrupting priorities take the patrol, and the rest of the meal follows the job", () => {
    const s = scenario({
      ...base,
      timeAroundJobs: {
        meal: { afterMinutes: 240, minutes: { _tag: "fixed", minutes: 40 }, interruptingPriorities: [1] }
      }
    })
    // Meal from 240; prio 2 at 250 may not interrupt it and waits; prio 1 at 255 takes the patrol (on scene 255–265);
    // the 25 min of meal left follow the job (265–290), and only then does the waiting prio 2 get the patrol.
    const { events } = run(s, 1, [call("p2", 250, 2, 10), call("p1", 255, 1, 10)])
    expect(ofType(events, "PatrolActivityEnded").map((e) => [at(e.t), e.activity, e.byIncident])).toEqual([
      [255, "meal", "p1"],
      [290, "meal", undefined]
    ])
    expect(ofType(events, "PatrolDispatched").map((e) => [at(e.t), e.incident])).toEqual([
      [255, "p1"],
      [290, "p2"]
    ])
    expect(ofType(events, "PatrolActivityStarted").map((e) => [at(e.t), e.activity])).toEqual([
      [240, "meal"],
      [265, "meal"]
    ])
  })

  it("leadership decides where a list is given: no list in a window with listShare 0", () => {
    const s = scenario({
      ...base,
      tasks: [{ area: "a", minutesPerShift: 90, duration: { _tag: "fixed", minutes: 60 } }],
      leadership: { windows: [{ start: "07:00", end: "09:00", listShare: 0 }] }
    })
    expect(ofType(run(s).events, "TaskAssigned")).toEqual([])
    const listed = scenario({ ...base, tasks: s.tasks })
    // 90 minutes of work as 60 + the 30 left.
    expect(ofType(run(listed).events, "TaskAssigned").map((e) => e.plannedMinutes)).toEqual([60, 30])
  })
})
