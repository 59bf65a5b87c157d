import { describe, expect, it } from "vitest"
import { decodeScenarioInput } from "./scenario.js"

const withCommunity = (communityOfficers: object, ruleSets: ReadonlyArray<object> = []) => ({
  name: "tiny",
  start: "2024-01-01",
  days: 7,
  areas: [{ id: "a", neighbours: ["b"] }, { id: "b" }],
  dimensioning: [{ area: "a", kind: "community", patrols: 2, start: "08:00", end: "17:00" }],
  demand: { synthetic: [{ area: "a", prio: 3, perDay: 1, service: { _tag: "fixed", minutes: 30 } }] },
  rules: { communityOfficers },
  ruleSets
})
const issues = (input: object) => {
  const r = decodeScenarioInput(input)
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
}

describe("community officers' shifts, absences and crew", () => {
  it("decodes every rule, and leaves them absent when not given", () => {
    const r = decodeScenarioInput(
      withCommunity({
        crew: "alone",
        shiftsTaken: [
          { into: "igv", whenIgvBelow: 2 },
          { into: "neighbourIgv", area: "b", shiftsPerOfficerPerWeek: 1 },
          { into: "otherDuty", duty: "reception", shiftsPerOfficerPerWeek: 0.5 }
        ],
        absences: [{ reason: "training", shiftsPerOfficerPerWeek: 0.2, covered: false }]
      })
    )
    expect(r.ok).toBe(true)
    const bare = decodeScenarioInput(withCommunity({}))
    expect(bare.ok && bare.value.rules.communityOfficers).toEqual({ drawnFor: [1, 2, 3] })
  })

  it("refuses a missing or wrong value by its path, with no silent default (misspelt fields: the runner's file decoder)", () => {
    expect(issues(withCommunity({ absences: [{ reason: "training", shiftsPerOfficerPerWeek: 1 }] }))).toEqual([
      expect.stringMatching(/^rules\.communityOfficers\.absences\[0\]\.covered: /)
    ])
    expect(issues(withCommunity({ crew: "solo" }))).toEqual([
      expect.stringMatching(/^rules\.communityOfficers\.crew: /)
    ])
  })

  it("names what a taking rule lacks or gives in vain", () => {
    expect(issues(withCommunity({ shiftsTaken: [{ into: "igv" }] }))).toEqual([
      expect.stringMatching(/^rules\.communityOfficers\.shiftsTaken\[0\]\.shiftsPerOfficerPerWeek: .*one of the two/)
    ])
    expect(issues(withCommunity({ shiftsTaken: [{ into: "otherDuty", duty: "reception", whenIgvBelow: 1 }] }))).toEqual(
      [expect.stringMatching(/shiftsTaken\[0\]\.whenIgvBelow: .*IGV only/)]
    )
    expect(issues(withCommunity({ shiftsTaken: [{ into: "neighbourIgv", shiftsPerOfficerPerWeek: 1 }] }))).toEqual([
      expect.stringMatching(/shiftsTaken\[0\]\.area: name the neighbouring area/)
    ])
    expect(issues(withCommunity({ shiftsTaken: [{ into: "otherDuty", shiftsPerOfficerPerWeek: 1 }] }))).toEqual([
      expect.stringMatching(/shiftsTaken\[0\]\.duty: name the duty/)
    ])
    expect(issues(withCommunity({ shiftsTaken: [{ into: "igv", shiftsPerOfficerPerWeek: 0 }] }))).toEqual([
      expect.stringMatching(/shiftsTaken\[0\]\.shiftsPerOfficerPerWeek: /)
    ])
  })

  it("names an undeclared neighbour, in rules and in a rule set", () => {
    const rule = { shiftsTaken: [{ into: "neighbourIgv", area: "z", shiftsPerOfficerPerWeek: 1 }] }
    expect(issues(withCommunity(rule))).toEqual([
      'rules.communityOfficers.shiftsTaken[0].area: unknown area "z" (declared areas: a, b)'
    ])
    expect(issues(withCommunity({}, [{ areas: ["a"], rules: { communityOfficers: rule } }]))).toEqual([
      'ruleSets[0].rules.communityOfficers.shiftsTaken[0].area: unknown area "z" (declared areas: a, b)'
    ])
  })
})
