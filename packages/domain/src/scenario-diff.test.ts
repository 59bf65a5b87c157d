import { describe, expect, it } from "vitest"
import { decodeWith } from "./errors.js"
import { Scenario } from "./scenario.js"
import { diffJson, incomparabilities, settingChanges, withSetting } from "./scenario-diff.js"
import { tinyScenario } from "./scenario.test-util.js"

describe("diffJson (a version history's diff, element by element)", () => {
  it("names every changed, added and removed leaf by its JSON path", () => {
    const a = {
      name: "x",
      rules: { prio3: { handling: "dispatch" }, interruptingPriorities: [1, 2, 3] },
      areas: [{ id: "a" }]
    }
    const b = {
      name: "x",
      rules: { prio3: { handling: "defer" }, interruptingPriorities: [1, 2] },
      areas: [{ id: "a" }, { id: "b" }],
      description: "new"
    }
    expect(diffJson(a, b)).toEqual([
      { path: "rules.prio3.handling", op: "changed", from: "dispatch", to: "defer" },
      { path: "rules.interruptingPriorities[2]", op: "removed", from: 3 },
      { path: "areas[1]", op: "added", to: { id: "b" } },
      { path: "description", op: "added", to: "new" }
    ])
  })

  it("finds nothing between equal values, and a whole value when the kinds differ", () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([])
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: "a", op: "changed", from: [1], to: { 0: 1 } }])
  })
})

const decode = (input: unknown): Scenario => {
  const r = decodeWith(Scenario)(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}
const base = { ...tinyScenario, name: "A" }

describe("settingChanges", () => {
  it("compares decoded scenarios: a default spelt out is no change, names and seeds are no settings", () => {
    const a = decode(base)
    const b = decode({
      ...base,
      name: "B",
      seed: 9,
      replications: 5,
      rules: { interruptingPriorities: [1, 2, 3], prio3: { handling: "dispatch" } }
    })
    expect(settingChanges(a, b)).toEqual([])
  })

  it("takes a list as one setting unless both list as many objects, then each field", () => {
    const a = decode(base)
    const b = decode({
      ...base,
      dimensioning: [{ area: "a", patrols: 3, start: "07:00", end: "19:00" }],
      rules: {
        interruptingPriorities: [1, 2],
        prio3: { handling: "defer" },
        reserve: [{ start: "20:00", end: "03:00", patrols: 1 }]
      }
    })
    expect(settingChanges(a, b).map((c) => [c.path, c.from, c.to])).toEqual([
      ["dimensioning[0].patrols", 2, 3],
      ["rules.interruptingPriorities", [1, 2, 3], [1, 2]],
      ["rules.prio3.handling", "dispatch", "defer"],
      ["rules.reserve", [], b.rules.reserve]
    ])
  })

  it("applies B's value of one setting to A alone; all of them together give B", () => {
    const a = decode(base)
    const b = decode({
      ...base,
      dimensioning: [{ area: "b", patrols: 3, start: "07:00", end: "19:00" }],
      rules: { borrowing: [{ prio: 1, afterMinutes: 3 }], prio1PreemptsPrio3: true }
    })
    const changes = settingChanges(a, b)
    expect(changes.map((c) => c.path)).toEqual([
      "dimensioning[0].area",
      "dimensioning[0].patrols",
      "rules.borrowing",
      "rules.prio1PreemptsPrio3"
    ])
    const one = withSetting(a, changes[2]!)
    expect(one.rules.borrowing).toEqual([{ prio: 1, afterMinutes: 3 }])
    expect(one.dimensioning).toEqual(a.dimensioning)
    expect(a.rules.borrowing).toEqual([])
    expect(settingChanges(one, b).map((c) => c.path)).not.toContain("rules.borrowing")
    const all = changes.reduce(withSetting, a)
    expect(settingChanges(all, b)).toEqual([])
  })

  it("removes an optional field B leaves out", () => {
    const a = decode({ ...base, rules: { reserve: [{ area: "a", start: "20:00", end: "03:00", patrols: 1 }] } })
    const b = decode({ ...base, rules: { reserve: [{ start: "20:00", end: "03:00", patrols: 1 }] } })
    const changes = settingChanges(a, b)
    expect(changes.map((c) => [c.path, c.op])).toEqual([["rules.reserve[0].area", "removed"]])
    expect(withSetting(a, changes[0]!).rules.reserve[0]).not.toHaveProperty("area")
  })
})

describe("incomparabilities", () => {
  it("names each of start, horizon, time zone and areas that differ, and nothing for rule changes", () => {
    const a = decode(base)
    expect(incomparabilities(a, decode({ ...base, name: "B", rules: { interruptingPriorities: [1] } }))).toEqual([])
    const reordered = decode({ ...base, areas: [{ id: "b" }, { id: "a", neighbours: ["b"] }] })
    expect(incomparabilities(a, reordered)).toEqual([])
    expect(settingChanges(a, reordered).map((c) => [c.path, c.to])).toEqual([["areas[0].neighbours", ["b"]]])
    const b = decode({ ...base, start: "2024-03-25", days: 84, timeZone: "Europe/Oslo", areas: [{ id: "a" }] })
    expect(incomparabilities(a, b)).toEqual([
      "start: A from 2024-01-01, B from 2024-03-25",
      "horizon: A 7 days, B 84 days",
      "time zone: A Europe/Stockholm, B Europe/Oslo",
      "areas: A a, b; B a"
    ])
  })
})
