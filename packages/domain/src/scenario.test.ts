import { describe, expect, it } from "vitest"
import { decodeWith } from "./errors.js"
import { decodeScenarioInput, Scenario } from "./scenario.js"

const decode = decodeWith(Scenario)
const minimal = {
  name: "tiny",
  start: "2024-01-01",
  days: 7,
  areas: [{ id: "a" }],
  dimensioning: [{ area: "a", patrols: 2, start: "07:00", end: "19:00" }],
  demand: { synthetic: [{ area: "a", prio: 2, perDay: 10, service: { _tag: "exponential", meanMinutes: 40 } }] }
}

describe("scenario schema", () => {
  it("fills today's practice as the default rules", () => {
    const r = decode(minimal)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.rules.interruptingPriorities).toEqual([1, 2, 3])
    expect(r.value.rules.prio3.handling).toBe("dispatch")
    expect(r.value.rules.resume).toEqual({ enabled: true, minimumRemnantMinutes: 20 })
    expect(r.value.rules.prio1PreemptsPrio3).toBe(false)
    expect(r.value.timeZone).toBe("Europe/Stockholm")
  })

  it("points at the exact path of each mistake", () => {
    const r = decode({
      ...minimal,
      dimensioning: [{ area: "b", patrols: 2, start: "7am", end: "19:00" }],
      rules: { prio3: { handling: "later" } }
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.issues.map((i) => i.path)
    expect(paths).toContain("dimensioning[0].start")
    expect(paths).toContain("rules.prio3.handling")
  })

  it("rejects unknown areas with the declared ones listed", () => {
    const r = decode({ ...minimal, dimensioning: [{ area: "b", patrols: 2, start: "07:00", end: "19:00" }] })
    expect(!r.ok && r.issues).toEqual([
      { path: "dimensioning[0].area", message: `unknown area "b" (declared areas: a)` }
    ])
  })

  it("refuses a start that is no calendar day and weights that are no finite numbers", () => {
    const r = decode({ ...minimal, start: "2024-02-30" })
    expect(!r.ok && r.issues).toEqual([{ path: "start", message: "February 2024 has days 01 to 29" }])
    const year = decode({ ...minimal, start: "0024-01-01" })
    expect(!year.ok && year.issues).toEqual([{ path: "start", message: "the year must be from 1970 to 9999" }])
    const profile = Array.from({ length: 168 }, (_, i) => (i === 5 ? Infinity : 1))
    const weights = decode({
      ...minimal,
      demand: { synthetic: [{ ...minimal.demand.synthetic[0], hourOfWeekProfile: profile }] }
    })
    expect(weights.ok).toBe(false)
    expect(!weights.ok && weights.issues.map((i) => i.path)).toContain("demand.synthetic[0].hourOfWeekProfile[5]")
  })
})

describe("tasks, leadership and time around jobs", () => {
  it("are absent unless given, so a scenario without them is unchanged", () => {
    const r = decode(minimal)
    expect(r.ok && [r.value.tasks, r.value.leadership, r.value.timeAroundJobs]).toEqual([
      undefined,
      undefined,
      undefined
    ])
  })

  it("name each mistake by its path", () => {
    const r = decodeScenarioInput({
      ...minimal,
      tasks: [{ area: "b", duration: { _tag: "fixed", minutes: 30 } }],
      leadership: { listShare: 2, windows: [{ area: "z", start: "07:00", end: "9", listShare: 1 }] },
      timeAroundJobs: {
        reportWriting: [
          { prios: [1, 2], minutes: { _tag: "fixed", minutes: 20 } },
          { prios: [2], minutes: { _tag: "fixed", minutes: 5 } }
        ],
        meal: { afterMinutes: 0, minutes: { _tag: "fixed", minutes: 30 } }
      }
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.issues.map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        "tasks[0].perShift",
        "tasks[0].area",
        "leadership.listShare",
        "leadership.windows[0].end",
        "leadership.windows[0].area",
        "timeAroundJobs.reportWriting[1].prios[0]",
        "timeAroundJobs.meal.afterMinutes"
      ])
    )
  })
})
