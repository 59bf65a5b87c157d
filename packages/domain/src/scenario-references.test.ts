import { describe, expect, it } from "vitest"
import { decodeScenarioInput } from "./scenario.js"
import { tinyScenario } from "./scenario.test-util.js"

const issuesOf = (input: unknown) => {
  const r = decodeScenarioInput(input)
  if (r.ok) throw new Error("decoded, but should not have")
  return r.issues
}

describe("scenario cross-part errors", () => {
  it("an area declared twice is an error at the second entry", () => {
    expect(issuesOf({ ...tinyScenario, areas: [{ id: "a" }, { id: "b" }, { id: "a" }] })).toEqual([
      { path: "areas[2].id", message: `area "a" is declared twice (first at areas[0]); give each area one entry` }
    ])
  })

  it("a priority listed twice in a rule's list is an error", () => {
    expect(
      issuesOf({
        ...tinyScenario,
        rules: { interruptingPriorities: [1, 2, 1], communityOfficers: { drawnFor: [3, 3] } }
      })
    ).toEqual([
      { path: "rules.interruptingPriorities[2]", message: "priority 1 is listed twice; list each priority once" },
      { path: "rules.communityOfficers.drawnFor[1]", message: "priority 3 is listed twice; list each priority once" }
    ])
  })

  it("two borrowing rules for one priority are an error", () => {
    expect(
      issuesOf({
        ...tinyScenario,
        rules: {
          borrowing: [
            { prio: 1, afterMinutes: 3 },
            { prio: 2, afterMinutes: 10 },
            { prio: 1, afterMinutes: 8 }
          ]
        }
      })
    ).toEqual([
      {
        path: "rules.borrowing[2].prio",
        message: "a second borrowing rule for prio 1 (the first is rules.borrowing[0]); give one rule per priority"
      }
    ])
  })

  it("checks a rule set's rules as it checks the scenario's: repeated priorities, borrowing", () => {
    expect(
      issuesOf({
        ...tinyScenario,
        ruleSets: [
          { areas: ["a"], rules: {} },
          {
            areas: ["b"],
            rules: {
              interruptingPriorities: [2, 2],
              communityOfficers: { drawnFor: [1, 1] },
              borrowing: [
                { prio: 2, afterMinutes: 10 },
                { prio: 2, afterMinutes: 30 }
              ]
            }
          }
        ]
      })
    ).toEqual([
      {
        path: "ruleSets[1].rules.interruptingPriorities[1]",
        message: "priority 2 is listed twice; list each priority once"
      },
      {
        path: "ruleSets[1].rules.communityOfficers.drawnFor[1]",
        message: "priority 1 is listed twice; list each priority once"
      },
      {
        path: "ruleSets[1].rules.borrowing[1].prio",
        message:
          "a second borrowing rule for prio 2 (the first is ruleSets[1].rules.borrowing[0]); give one rule per priority"
      }
    ])
  })

  it("names unknown areas in the same pass as the schema's errors, once each", () => {
    const issues = issuesOf({
      ...tinyScenario,
      dimensioning: [{ area: "c", patrols: 2, start: "7am", end: "19:00" }],
      plannedBlocks: [{ area: "d", start: "10:00", durationMinutes: 60, patrols: 1 }],
      rules: { prio3: { handling: "later" }, reserve: [{ area: "e", start: "20:00", end: "02:00", patrols: 1 }] }
    })
    // The schema's own issues (raw here; the file loader tidies them) come first, then the areas.
    const paths = issues.map((i) => i.path)
    expect(paths).toContain("dimensioning[0].start")
    expect(paths).toContain("rules.prio3.handling")
    expect(paths.filter((p) => p.endsWith("area"))).toEqual([
      "dimensioning[0].area",
      "plannedBlocks[0].area",
      "rules.reserve[0].area"
    ])
    expect(issues.find((i) => i.path === "plannedBlocks[0].area")?.message).toBe(
      `unknown area "d" (declared areas: a, b)`
    )
  })

  it("says so when no area is declared at all", () => {
    const issues = issuesOf({ ...tinyScenario, areas: [] })
    expect(issues).toContainEqual({ path: "areas", message: "is empty: give at least one" })
    expect(issues).toContainEqual({
      path: "dimensioning[0].area",
      message: `unknown area "${tinyScenario.dimensioning[0]!.area}" (no area is declared)`
    })
  })

  it("an input whose fields all decode reports its unknown areas once, from the schema", () => {
    expect(issuesOf({ ...tinyScenario, areas: [{ id: "a", neighbours: ["x"] }] })).toEqual([
      { path: "areas[0].neighbours[0]", message: `unknown area "x" (declared areas: a)` }
    ])
  })
})
