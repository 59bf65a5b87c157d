import { describe, expect, it } from "vitest"
import { fromLocal, type IncidentRegistered, type Scenario } from "@igv/domain"
import { bandWords, meanOnScene } from "./lint-capacity.js"
import { lintScenario } from "./scenario-lint.js"
import { decodeScenario } from "./lint.test-util.js"

/** One area for a week from Monday 2024-01-01; `perDay` prio-2 calls of exactly an hour on scene: a load of perDay / 24 patrols. */
const scenario = (
  dimensioning: ReadonlyArray<Record<string, unknown>>,
  perDay: number,
  extra: Record<string, unknown> = {}
) =>
  decodeScenario({
    name: "capacity",
    start: "2024-01-01",
    days: 7,
    areas: [{ id: "centre" }],
    dimensioning,
    demand: { synthetic: [{ area: "centre", prio: 2, perDay, service: { _tag: "fixed", minutes: 60 } }] },
    ...extra
  })
const capacity = (s: Scenario, replayed?: ReadonlyArray<IncidentRegistered>) =>
  lintScenario(s, replayed === undefined ? {} : { replayed }).filter((w) => w.message.startsWith("offered load"))

describe("capacity warning", () => {
  it("is silent while the calls offered stay below the patrols on duty", () => {
    expect(capacity(scenario([{ area: "centre", patrols: 2, start: "00:00", end: "00:00" }], 36))).toEqual([])
  })

  it("names the area and the hours of the week where the offered load reaches the patrols on duty", () => {
    const s = scenario(
      [
        { area: "centre", patrols: 2, start: "06:00", end: "22:00" },
        { area: "centre", patrols: 1, weekdays: ["mon", "tue", "wed", "thu", "sun"], start: "22:00", end: "06:00" },
        { area: "centre", patrols: 2, weekdays: ["fri", "sat"], start: "22:00", end: "06:00" }
      ],
      36
    )
    expect(capacity(s)).toEqual([
      {
        path: "areas[0]",
        severity: "warning",
        message:
          `offered load reaches capacity in "centre" on Mon–Thu, Sun 22:00–06:00: at the peak (Mon 00:00–01:00) the calls bring 1.5 patrols' worth of on-scene work ` +
          "(calls an hour × mean on-scene time × units) against 1 IGV patrol on duty; while it lasts calls pile up faster than patrols clear them, so waits grow and calls may go undispatched (travel not counted, nor borrowing)"
      }
    ])
  })

  it("counts two-unit calls twice and leaves out prio-3 calls handled another way", () => {
    const twoUnits = decodeScenario({
      ...scenario([{ area: "centre", patrols: 2, start: "00:00", end: "00:00" }], 30),
      demand: {
        synthetic: [{ area: "centre", prio: 3, perDay: 30, twoUnitShare: 0.8, service: { _tag: "fixed", minutes: 60 } }]
      }
    })
    expect(capacity(twoUnits)).toHaveLength(1) // 1.25 × 1.8 = 2.25 ≥ 2
    expect(
      capacity({
        ...twoUnits,
        rules: { ...twoUnits.rules, prio3: { ...twoUnits.rules.prio3, handledOtherwiseShare: 0.2 } }
      })
    ).toEqual([]) // × 0.8 = 1.8
  })

  it("counts community officers only for the priorities they are drawn for", () => {
    const dimensioning = [
      { area: "centre", patrols: 1, start: "00:00", end: "00:00" },
      { area: "centre", kind: "community", patrols: 2, start: "00:00", end: "00:00" }
    ]
    expect(capacity(scenario(dimensioning, 36))).toEqual([]) // 1.5 < 1 + 2
    const notDrawn = capacity(scenario(dimensioning, 36, { rules: { communityOfficers: { drawnFor: [1] } } }))
    expect(notDrawn.map((w) => w.message)).toEqual([
      expect.stringContaining(
        `"centre" around the clock: at the peak (Mon 00:00–01:00) the calls community officers are not drawn for bring 1.5 patrols' worth of on-scene work (calls an hour × mean on-scene time × units) against 1 IGV patrol on duty`
      )
    ])
  })

  it("reads each area's own rules: its rule set's where one governs it", () => {
    const dimensioning = [
      { area: "centre", patrols: 1, start: "00:00", end: "00:00" },
      { area: "centre", kind: "community", patrols: 2, start: "00:00", end: "00:00" }
    ]
    const underSet = (rules: Record<string, unknown>) =>
      capacity(scenario(dimensioning, 36, { ruleSets: [{ areas: ["centre"], rules }] }))
    // The scenario's rules govern no area here: only the rule set's drawnFor counts.
    expect(underSet({ communityOfficers: { drawnFor: [1] } })).toHaveLength(1)
    expect(underSet({})).toEqual([])
    const prio3 = (rules: Record<string, unknown>) =>
      capacity(
        decodeScenario({
          ...scenario([{ area: "centre", patrols: 2, start: "00:00", end: "00:00" }], 0),
          demand: { synthetic: [{ area: "centre", prio: 3, perDay: 54, service: { _tag: "fixed", minutes: 60 } }] },
          rules: { prio3: { handledOtherwiseShare: 0.5 } },
          ruleSets: [{ areas: ["centre"], rules }]
        })
      )
    expect(prio3({})).toHaveLength(1) // 2.25 ≥ 2: the scenario's share of 0.5 governs no area
    expect(prio3({ prio3: { handledOtherwiseShare: 0.5 } })).toEqual([]) // 1.125
  })

  it("reads the load of a replayed feed by hour of the week", () => {
    const s = scenario([{ area: "centre", patrols: 1, start: "00:00", end: "00:00" }], 0)
    // Every evening 18:00–19:00, 80 minutes of on-scene work (two units × 40 min): 1.33 patrols.
    const replayed: Array<IncidentRegistered> = Array.from({ length: 7 }, (_, d) => ({
      _tag: "IncidentRegistered",
      t: fromLocal(2024, 1, 1 + d, 18, 10),
      incident: `i${d}` as never,
      area: "centre" as never,
      prio: 2,
      onSceneMinutes: 40,
      unitsNeeded: 2
    }))
    expect(capacity(s, replayed).map((w) => w.message)).toEqual([
      expect.stringContaining(
        `on every day 18:00–19:00: at the peak (Mon 18:00–19:00) the calls bring 1.3 patrols' worth`
      )
    ])
    expect(capacity(s, replayed.slice(0, 6))).toHaveLength(1)
    expect(
      capacity(
        s,
        replayed.map((i) => ({ ...i, unitsNeeded: 1 }))
      )
    ).toEqual([])
  })

  it("describes runs of hours as a planner writes them", () => {
    const hours = (...ranges: Array<[number, number]>) =>
      Array.from({ length: 168 }, (_, h) => ranges.some(([a, b]) => (a <= b ? h >= a && h < b : h >= a || h < b)))
    expect(bandWords(hours([22, 30], [46, 54], [94, 102]))).toEqual(["Mon, Tue, Thu 22:00–06:00"])
    expect(bandWords(hours([164, 2]))).toEqual(["Sun 20:00–02:00"])
    expect(bandWords(hours([112, 140], [12, 13]))).toEqual(["Fri 16:00 to Sat 20:00", "Mon 12:00–13:00"])
    expect(bandWords(hours([0, 168]))).toEqual(["around the clock"])
    expect(bandWords(hours([23, 24]))).toEqual(["Mon 23:00–24:00"])
  })

  it("takes the mean on-scene time of each service model as the simulator draws it", () => {
    expect(meanOnScene({ _tag: "fixed", minutes: 30 })).toBe(30)
    expect(meanOnScene({ _tag: "exponential", meanMinutes: 40 })).toBe(40)
    expect(meanOnScene({ _tag: "empirical", minutes: [10, 20, 60] })).toBe(30)
    expect(meanOnScene({ _tag: "lognormal", medianMinutes: 20, p90Minutes: 20 })).toBe(20)
    // sigma = ln(3) / z90; the mean is exp(mu + sigma² / 2).
    expect(meanOnScene({ _tag: "lognormal", medianMinutes: 20, p90Minutes: 60 })).toBeCloseTo(
      20 * Math.exp((Math.log(3) / 1.2815515655446004) ** 2 / 2),
      10
    )
  })
})
