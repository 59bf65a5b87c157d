import { describe, expect, it } from "vitest"
import { decodeScenarioText } from "./scenario-file.js"
import { lintScenario } from "./scenario-lint.js"
import { decodeScenario } from "./lint.test-util.js"

/** One week from Monday 2024-01-01: area a with one IGV patrol around the clock and two community officers on weekdays. */
const base = (communityOfficers: object, ruleSets: ReadonlyArray<object> = []) => ({
  name: "small",
  start: "2024-01-01",
  days: 7,
  areas: [{ id: "a", neighbours: ["b"] }, { id: "b" }],
  dimensioning: [
    { area: "a", patrols: 1, start: "00:00", end: "00:00" },
    {
      area: "a",
      kind: "community",
      patrols: 2,
      start: "08:00",
      end: "17:00",
      weekdays: ["mon", "tue", "wed", "thu", "fri"]
    }
  ],
  demand: { synthetic: [{ area: "a", prio: 3, perDay: 4, service: { _tag: "fixed", minutes: 30 } }] },
  rules: { communityOfficers },
  ruleSets
})
const inert = (input: Record<string, unknown>) =>
  lintScenario(decodeScenario(input))
    .filter((w) => w.severity === "inert" && w.path.includes("communityOfficers"))
    .map((w) => w.path)

describe("community-officer settings that do nothing", () => {
  it("names an IGV minimum that is never undercut, and not one that is", () => {
    expect(inert(base({ shiftsTaken: [{ into: "igv", whenIgvBelow: 1 }] }))).toEqual([
      "rules.communityOfficers.shiftsTaken[0]"
    ])
    expect(inert(base({ shiftsTaken: [{ into: "igv", whenIgvBelow: 2 }] }))).toEqual([])
  })

  it("names shifts taken and absences where no community officer is rostered (here: the rule set's area b)", () => {
    const rules = {
      shiftsTaken: [{ into: "otherDuty", duty: "reception", shiftsPerOfficerPerWeek: 1 }],
      absences: [{ reason: "leave", shiftsPerOfficerPerWeek: 1, covered: true }],
      crew: "alone"
    }
    expect(inert(base(rules))).toEqual([])
    expect(inert(base({}, [{ areas: ["b"], rules: { communityOfficers: rules } }]))).toEqual([
      "ruleSets[0].rules.communityOfficers.absences[0]",
      "ruleSets[0].rules.communityOfficers.shiftsTaken[0]",
      "ruleSets[0].rules.communityOfficers.crew"
    ])
  })

  it("names a lone crew when the officers are drawn for prio 3 only anyway", () => {
    expect(inert(base({ crew: "alone", drawnFor: [3] }))).toEqual(["rules.communityOfficers.crew"])
    expect(inert(base({ crew: "alone", drawnFor: [2, 3] }))).toEqual([])
  })
})

describe("community officers' planned blocks short of officers", () => {
  const withBlock = (communityOfficers: object) => ({
    ...base(communityOfficers),
    plannedBlocks: [
      {
        area: "a",
        patrolKind: "community",
        weekdays: ["mon", "tue", "wed", "thu", "fri"],
        start: "08:20",
        durationMinutes: 240,
        patrols: 2
      }
    ]
  })
  const shortOfOfficers = (input: Record<string, unknown>) =>
    lintScenario(decodeScenario(input)).find((w) => w.path.startsWith("plannedBlocks[0]"))?.message

  it("given shifts taken into IGV, says how many short starts they account for and that the draw is one seed's", () => {
    // One IGV patrol, a minimum of two: a community officer's shift is taken into IGV every weekday.
    const message = shortOfOfficers(withBlock({ shiftsTaken: [{ into: "igv", whenIgvBelow: 2 }] }))
    expect(message).toMatch(/at 5 of its 5 starts fewer are on duty/)
    expect(message).toMatch(
      /at 5 of these starts community officers' shifts are taken or absent under rules\.communityOfficers, in the roster drawn on the scenario's seed \d+; each replication draws its own/
    )
  })

  it("given no shift taken, the block is fully staffed and nothing is said", () => {
    expect(shortOfOfficers(withBlock({}))).toBeUndefined()
  })
})

describe("community-officer settings in a file", () => {
  it("refuses a misspelt field by its path instead of leaving the rule out", () => {
    const text = JSON.stringify(base({ shiftsTaken: [{ into: "igv", shiftsPerOfficerPerWek: 1 }] }), null, 1)
    const r = decodeScenarioText(text, "s.json")
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toContainEqual(
      expect.stringMatching(
        /^rules\.communityOfficers\.shiftsTaken\[0\]\.shiftsPerOfficerPerWek: unknown field "shiftsPerOfficerPerWek" \(known here: .*"shiftsPerOfficerPerWeek"/
      )
    )
  })
})
