import { describe, expect, it } from "vitest"
import { lintScenario } from "./scenario-lint.js"
import { decodeScenario, weekOver } from "./lint.test-util.js"

/** Areas a and b for a week, two patrols each around the clock, light prio-3 demand and a "promise" block in a. */
const base = {
  ...weekOver(["a", "b"], 2),
  demand: { synthetic: [{ area: "a", prio: 3, perDay: 4, service: { _tag: "fixed", minutes: 30 } }] },
  plannedBlocks: [{ area: "a", start: "10:00", durationMinutes: 120, patrols: 1, tag: "promise" }]
}
const event = {
  id: "op",
  kind: "operation",
  from: "2024-01-02",
  to: "2024-01-02",
  takes: [{ area: "a", patrols: 1 }],
  interruptsPlannedWork: true
}

const inert = (patch: Record<string, unknown>) =>
  lintScenario(decodeScenario({ ...base, ...patch }))
    .filter((w) => w.severity === "inert")
    .map((w) => w.path)

describe("calendar settings that do nothing", () => {
  it("are none when each acts", () => {
    expect(
      inert({
        calendar: [event],
        seasons: [{ name: "s", from: "2024-01-03", to: "2024-01-04", plannedBlocks: [] }],
        demand: {
          synthetic: [
            ...base.demand.synthetic,
            { area: "b", prio: 1, perDay: 1, service: { _tag: "fixed", minutes: 30 } }
          ]
        },
        rules: { protectedTags: [{ tag: "promise", from: [3] }], prio1NearestUnit: true }
      })
    ).toEqual([])
  })

  it("name a dated event or season outside the horizon, a take of nobody, a tag no block carries where the rules govern", () => {
    expect(
      inert({
        calendar: [
          { ...event, from: "2024-02-01", to: "2024-02-02" },
          {
            ...event,
            id: "op2",
            takes: [
              { area: "b", kind: "community", patrols: 1 },
              { area: "a", patrols: 0 }
            ]
          }
        ],
        seasons: [{ name: "s", from: "2023-06-01", to: "2023-06-30", plannedBlocks: [] }],
        rules: { protectedTags: [{ tag: "routine", from: [3] }] },
        ruleSets: [{ areas: ["b"], rules: { protectedTags: [{ tag: "promise", from: [2] }] } }]
      })
    ).toEqual([
      "calendar[0]",
      "calendar[1].takes[0]",
      "calendar[1].takes[1]",
      "seasons[0]",
      "rules.protectedTags[0]",
      "ruleSets[0].rules.protectedTags[0]"
    ])
  })

  it("name prio 1 to the nearest unit with one area", () => {
    expect(
      inert({ areas: [{ id: "a" }], dimensioning: [base.dimensioning[0]], rules: { prio1NearestUnit: true } })
    ).toEqual(["rules.prio1NearestUnit"])
  })
})
