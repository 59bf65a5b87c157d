import { describe, expect, it } from "vitest"
import { decodeScenarioInput } from "./scenario.js"
import { tinyScenario } from "./scenario.test-util.js"

const event = {
  id: "op",
  kind: "operation",
  from: "2024-01-02",
  to: "2024-01-03",
  takes: [{ area: "a", patrols: 1 }],
  interruptsPlannedWork: true
}

const issues = (extra: Record<string, unknown>) => {
  const r = decodeScenarioInput({ ...tinyScenario, ...extra })
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
}

describe("calendar fields", () => {
  it("decode with their defaults, and are empty when absent", () => {
    const r = decodeScenarioInput({ ...tinyScenario, calendar: [event] })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.calendar[0]).toMatchObject({
      start: "00:00",
      end: "00:00",
      weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      takes: [{ kind: "igv" }]
    })
    const bare = decodeScenarioInput(tinyScenario)
    expect(
      bare.ok && [bare.value.calendar, bare.value.seasons, bare.value.ruleSets, bare.value.rules.protectedTags]
    ).toEqual([[], [], [], []])
  })

  it("name the path of every mistake at once", () => {
    const found = issues({
      calendar: [
        { ...event, kind: "insats", takes: [{ area: "c", patrols: 1 }] },
        { ...event, to: "2024-01-01", interruptsPlannedWork: undefined },
        event
      ],
      seasons: [
        { name: "summer", from: "2024-01-02", to: "2024-01-04", plannedBlocks: [] },
        {
          name: "again",
          from: "2024-01-04",
          to: "2024-01-05",
          dimensioning: [{ area: "c", patrols: 1, start: "08:00", end: "16:00" }]
        },
        { name: "empty", from: "2024-01-06", to: "2024-01-06" }
      ],
      ruleSets: [
        { areas: ["a"], rules: {} },
        { areas: ["a", "b"], rules: { reserve: [{ area: "c", start: "00:00", end: "06:00", patrols: 1 }] } }
      ],
      rules: {
        protectedTags: [
          { tag: "promise", from: [2] },
          { tag: "promise", from: [4] }
        ]
      },
      demand: { synthetic: [{ ...tinyScenario.demand.synthetic[0], monthOfYearProfile: [1, 2, 3] }] }
    })
    const at = (path: string) => found.filter((f) => f.startsWith(`${path}: `))
    expect(at("calendar[0].kind")).not.toHaveLength(0)
    expect(at("calendar[1].interruptsPlannedWork")).not.toHaveLength(0)
    expect(at("calendar[0].takes[0].area")[0]).toMatch(/unknown area "c"/)
    expect(at("calendar[1].to")[0]).toMatch(/ends \(2024-01-01\) before it starts \(2024-01-02\)/)
    expect(at("calendar[2].id")[0]).toMatch(/used twice/)
    expect(at("seasons[1].from")[0]).toMatch(/overlaps seasons\[0\]/)
    expect(at("seasons[1].dimensioning[0].area")[0]).toMatch(/unknown area "c"/)
    expect(at("seasons[2]")[0]).toMatch(/changes nothing/)
    expect(at("ruleSets[1].areas[0]")[0]).toMatch(/already in ruleSets\[0\]/)
    expect(at("ruleSets[1].rules.reserve[0].area")).toHaveLength(2) // unknown, and outside the set
    expect(at("rules.protectedTags[1].from[0]")).not.toHaveLength(0)
    expect(at("demand.synthetic[0].monthOfYearProfile")[0]).toMatch(/12 finite non-negative weights/)
  })

  it("find a tag protected twice and a season beside a valid rest", () => {
    expect(
      issues({
        rules: {
          protectedTags: [
            { tag: "promise", from: [2] },
            { tag: "promise", from: [3] }
          ]
        }
      })
    ).toEqual([
      `rules.protectedTags[1].tag: tag "promise" is protected twice (first at protectedTags[0]); list its priorities in one entry`
    ])
  })
})
