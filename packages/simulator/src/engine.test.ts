import { readFileSync } from "node:fs"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { IncidentRegistered } from "@igv/domain"
import { simulate } from "./index.js"
import { ofType, registration, rulesArb, run, scenario, scenarioArb } from "./scenarios.test-util.js"
import { violations } from "./stream-checker.test-util.js"

const example = (file: string) => JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")) as [never, number]
/**
 * Cases fast-check found. A patrol held by a dated event at its block's scheduled start, released with a call
 * waiting that may interrupt planned work, takes the call and starts its block late when the call is cleared.
 * A dated event releasing its patrol at the very minute its block is due comes first, so a waiting call takes the
 * free patrol, even one that may not interrupt planned work, and the block starts late after it.
 */
const checkerExamples = [
  example("./stream-checker.release-then-call.json"),
  example("./stream-checker.release-at-block-start.json")
]

/** Two areas, busy enough that calls queue and planned blocks get interrupted. */
const busy = (rules: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  scenario({
    name: "busy",
    start: "2024-05-06",
    days: 5,
    seed: 7,
    areas: [
      { id: "a", neighbours: ["b"] },
      { id: "b", neighbours: ["a"] }
    ],
    travel: { default: { _tag: "lognormal", medianMinutes: 8, p90Minutes: 20 } },
    dimensioning: [
      { area: "a", patrols: 3, start: "07:00", end: "19:00" },
      { area: "a", patrols: 2, start: "19:00", end: "07:00" },
      { area: "a", kind: "community", patrols: 2, start: "08:00", end: "16:00" },
      { area: "b", patrols: 2, start: "06:00", end: "06:00" }
    ],
    demand: {
      synthetic: [
        { area: "a", prio: 1, perDay: 6, service: { _tag: "exponential", meanMinutes: 60 }, twoUnitShare: 0.3 },
        { area: "a", prio: 2, perDay: 15, service: { _tag: "exponential", meanMinutes: 50 } },
        { area: "a", prio: 3, perDay: 40, service: { _tag: "lognormal", medianMinutes: 40, p90Minutes: 100 } },
        { area: "b", prio: 2, perDay: 10, service: { _tag: "fixed", minutes: 45 } },
        { area: "b", prio: 3, perDay: 20, service: { _tag: "empirical", minutes: [10, 20, 90] } }
      ]
    },
    plannedBlocks: [
      { area: "a", start: "09:00", durationMinutes: 240, patrols: 2, tag: "mb-1" },
      { area: "a", start: "20:00", durationMinutes: 180, patrols: 1 },
      { area: "a", patrolKind: "community", start: "08:30", durationMinutes: 300, patrols: 2 },
      { area: "b", start: "10:00", durationMinutes: 120, patrols: 1 }
    ],
    rules,
    ...extra
  })

/** Generated-scenario suites: generous, as they share a loaded two-core machine with the validation suites. */
const FUZZ_TIMEOUT = 60_000

describe("simulate", () => {
  it("gives the same event stream for the same scenario and seed, and another for another seed", () => {
    const s = busy()
    const first = run(s, 3),
      again = run(s, 3),
      other = run(s, 4)
    expect(again.events).toEqual(first.events)
    expect(again.summary).toEqual(first.summary)
    expect(other.events).not.toEqual(first.events)
    expect(first.summary.events).toBe(first.events.length)
  })

  it("reports progress at the first event and then every 65,536 events, rising to the horizon's end", () => {
    const s = busy({}, { days: 400 })
    const fractions: Array<number> = []
    const summary = simulate(s, { seed: 1, onFraction: (f) => fractions.push(f), onEvent: () => undefined })
    expect(summary.events).toBeGreaterThan(2 * 65_536)
    expect(fractions.length).toBe(1 + Math.floor(summary.events / 65_536))
    expect(fractions[0]).toBeLessThan(0.01)
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!)
    expect(fractions.at(-1)).toBeLessThanOrEqual(1)
    // Hearing it changes nothing in the run.
    expect(simulate(s, { seed: 1, onEvent: () => undefined })).toEqual(summary)
  })

  it(
    "is deterministic for any generated scenario",
    () => {
      fc.assert(
        fc.property(scenarioArb(), fc.integer({ min: 0, max: 1000 }), (s, seed) => {
          expect(run(s, seed).events).toEqual(run(s, seed).events)
        }),
        { numRuns: 30 }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    "keeps the feed's meaning and the rules in every generated scenario",
    () => {
      fc.assert(
        fc.property(scenarioArb(), fc.integer({ min: 0, max: 1000 }), (s, seed) => {
          const { events, summary } = run(s, seed)
          expect(violations(s, events)).toEqual([])
          expect(summary.incidents).toBe(ofType(events, "IncidentRegistered").length)
          const registered = ofType(events, "IncidentRegistered")
          expect(registered.every((e) => e.t >= summary.startT && e.t < summary.endT)).toBe(true)
        }),
        { numRuns: 150, examples: checkerExamples }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    "keeps the rules in a busy scenario under each rule set",
    () => {
      fc.assert(
        fc.property(rulesArb(["a", "b"]), fc.integer({ min: 0, max: 1000 }), (rules, seed) => {
          const s = busy(rules)
          expect(violations(s, run(s, seed).events)).toEqual([])
        }),
        { numRuns: 40 }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    "never interrupts a planned block when no arriving priority may interrupt: only late starts cost planned time",
    () => {
      const splits = [
        { interrupting: [], demand: [1, 2, 3] },
        { interrupting: [1], demand: [2, 3] },
        { interrupting: [1, 2], demand: [3] },
        { interrupting: [2, 3], demand: [1] },
        { interrupting: [3], demand: [1, 2] }
      ] as const
      const arb = fc.constantFrom(...splits).chain(({ interrupting, demand }) =>
        scenarioArb({
          demandPriorities: demand,
          // Prio 3 dispatched at once: under "defer" it may interrupt after its limit, whatever the list says.
          rules: (areas) =>
            rulesArb(areas).map((r) => ({
              ...r,
              interruptingPriorities: interrupting,
              prio3: { ...r.prio3, handling: "dispatch" }
            }))
        })
      )
      fc.assert(
        fc.property(arb, (s) => {
          const { events } = run(s)
          expect(ofType(events, "PlannedBlockInterrupted")).toEqual([])
          // Each block delivers its plan but for a late start: from Started to Completed is planned − delayed. A
          // dated event that interrupts planned work may still take a block's patrol (it gives way): not a call.
          const gaveWay = new Set(ofType(events, "PlannedBlockGaveWay").map((e) => e.block as string))
          const started = new Map(
            ofType(events, "PlannedBlockStarted")
              .filter((e) => !gaveWay.has(e.block))
              .map((e) => [e.block as string, e])
          )
          const completed = ofType(events, "PlannedBlockCompleted").filter((e) => !gaveWay.has(e.block))
          expect(completed.length).toBe(started.size)
          for (const c of completed) {
            const b = started.get(c.block)!
            expect(Math.abs(c.t - b.t - (b.plannedMinutes - (b.delayedMinutes ?? 0))), c.block).toBeLessThan(1e-6)
          }
        }),
        { numRuns: 60 }
      )
      // The same demand does interrupt blocks when every priority may.
      const statusQuo = run(busy()).events
      expect(ofType(statusQuo, "PlannedBlockInterrupted").length).toBeGreaterThan(0)
      const onlyPrio1 = busy({ interruptingPriorities: [1] })
      const interrupted = ofType(run(onlyPrio1).events, "PlannedBlockInterrupted")
      expect(interrupted.length).toBeGreaterThan(0)
      expect(interrupted.every((e) => e.prio === 1)).toBe(true)
    },
    FUZZ_TIMEOUT
  )

  it("plans the same blocks under every rule set: a patrol on a job at the scheduled start gets its block late", () => {
    // busy(): a group's blocks never overlap and every slot's duty covers its blocks, so which
    // blocks are planned, how long and from when cannot depend on the rules.
    const plannedUnder = (rules: Record<string, unknown>) => {
      const { events } = run(busy(rules), 9)
      const started = ofType(events, "PlannedBlockStarted")
      return {
        planned: started
          .map((e) => `${e.block} ${e.plannedMinutes} ${(e.t - (e.delayedMinutes ?? 0)).toFixed(6)}`)
          .sort(),
        late: started.filter((e) => (e.delayedMinutes ?? 0) > 0).length,
        startedInterrupted: ofType(events, "PlannedBlockInterrupted").filter((i) =>
          started.some((e) => e.block === i.block && e.t === i.t)
        ).length
      }
    }
    const statusQuo = plannedUnder({})
    expect(statusQuo.planned.length).toBeGreaterThan(20)
    for (const rules of [
      { interruptingPriorities: [1, 2] },
      { interruptingPriorities: [1] },
      { interruptingPriorities: [] },
      { prio3: { handling: "defer" } }
    ]) {
      const other = plannedUnder(rules)
      expect(other.planned, JSON.stringify(rules)).toEqual(statusQuo.planned)
      expect(other.late, JSON.stringify(rules)).toBeGreaterThan(0)
      expect(other.startedInterrupted, JSON.stringify(rules)).toBe(0)
    }
    expect(statusQuo.late).toBeGreaterThan(0)
    expect(statusQuo.startedInterrupted).toBe(0)
  })

  describe("a block whose patrol is on a job at its scheduled start", () => {
    // One patrol on duty all day, a 10:00–12:00 block, travel 10 min, only the replayed calls.
    const oneBlock = (rules: Record<string, unknown>) =>
      scenario({
        name: "one-block",
        start: "2024-09-03",
        days: 1,
        areas: [{ id: "a" }],
        travel: { default: { _tag: "fixed", minutes: 10 } },
        dimensioning: [{ area: "a", patrols: 1, start: "00:00", end: "00:00" }],
        demand: { synthetic: [{ area: "a", prio: 1, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] },
        plannedBlocks: [{ area: "a", start: "10:00", durationMinutes: 120, patrols: 1, tag: "mb" }],
        rules
      })
    const call = (startT: number, clock: number, incident: string, prio: 1 | 2 | 3, onSceneMinutes: number) =>
      registration({ t: startT + clock, incident, area: "a", prio, onSceneMinutes, unitsNeeded: 1 })
    const runWith = (rules: Record<string, unknown>, calls: (startT: number) => ReadonlyArray<IncidentRegistered>) => {
      const s = oneBlock(rules)
      const startT = run(s).summary.startT
      const { events } = run(s, 1, calls(startT))
      expect(violations(s, events)).toEqual([])
      const blockEvents = events
        .filter((e) => e._tag.startsWith("PlannedBlock"))
        .map((e) => ({ ...e, t: e.t - startT }))
      return { events, blockEvents, startT }
    }
    const block = "a/pb0/2024-09-03/0",
      patrol = "a/igv/0"

    it("starts when the job is cleared, delayed, under every rule set, and is not interrupted", () => {
      // A prio-3 job 09:30 (on scene 09:40) until 10:40.
      for (const interruptingPriorities of [[1, 2, 3], [1, 2], []]) {
        const { blockEvents } = runWith({ interruptingPriorities }, (t0) => [call(t0, 570, "p3", 3, 60)])
        expect(blockEvents, JSON.stringify(interruptingPriorities)).toEqual([
          {
            _tag: "PlannedBlockStarted",
            t: 640,
            block,
            patrol,
            area: "a",
            plannedMinutes: 120,
            tag: "mb",
            delayedMinutes: 40
          },
          { _tag: "PlannedBlockCompleted", t: 720, block, patrol }
        ])
      }
    })

    it("first takes a waiting call that may interrupt planned work, else starts and leaves the call waiting", () => {
      // The prio-2 call registered 10:20 waits for the patrol on the prio-3 job until 10:40.
      const calls = (t0: number) => [call(t0, 570, "p3", 3, 60), call(t0, 620, "p2", 2, 30)]
      const mayInterrupt = runWith({ interruptingPriorities: [1, 2] }, calls)
      expect(
        mayInterrupt.blockEvents.map((e) => [e._tag, e.t, (e as { delayedMinutes?: number }).delayedMinutes])
      ).toEqual([
        ["PlannedBlockStarted", 680, 80],
        ["PlannedBlockCompleted", 720, undefined]
      ])
      const dispatched = ofType(mayInterrupt.events, "PatrolDispatched").find((e) => e.incident === "p2")!
      expect(dispatched.t - mayInterrupt.startT).toBe(640)
      const mayNot = runWith({ interruptingPriorities: [1] }, calls)
      expect(mayNot.blockEvents.map((e) => [e._tag, e.t, (e as { delayedMinutes?: number }).delayedMinutes])).toEqual([
        ["PlannedBlockStarted", 640, 40],
        ["PlannedBlockCompleted", 720, undefined]
      ])
      expect(ofType(mayNot.events, "PatrolDispatched").find((e) => e.incident === "p2")!.t - mayNot.startT).toBe(720)
    })

    it("starts and completes at its planned end when the job outlasts it, so its planned time still counts", () => {
      // On scene 09:40 for 200 minutes: cleared at 13:00, after the block's 12:00 end.
      for (const interruptingPriorities of [[1, 2, 3], [1]]) {
        const { blockEvents } = runWith({ interruptingPriorities }, (t0) => [call(t0, 570, "p3", 3, 200)])
        expect(blockEvents, JSON.stringify(interruptingPriorities)).toEqual([
          {
            _tag: "PlannedBlockStarted",
            t: 720,
            block,
            patrol,
            area: "a",
            plannedMinutes: 120,
            tag: "mb",
            delayedMinutes: 120
          },
          { _tag: "PlannedBlockCompleted", t: 720, block, patrol }
        ])
      }
    })
  })

  it("draws community officers only for the priorities the rules allow", () => {
    const patrolsOf = (drawnFor: ReadonlyArray<number>) => {
      const events = run(busy({ communityOfficers: { drawnFor } })).events
      return new Set(
        ofType(events, "PatrolDispatched")
          .filter((e) => e.patrol.includes("/community/"))
          .map((e) => e.prio)
      )
    }
    expect([...patrolsOf([1, 2, 3])].sort()).toEqual([1, 2, 3])
    expect([...patrolsOf([3])]).toEqual([3])
    expect([...patrolsOf([1, 2])].sort()).toEqual([1, 2])
    expect([...patrolsOf([])]).toEqual([])
  })

  it("with prio 3 deferred, interrupts planned work for prio 3 only after the defer limit", () => {
    const waitsAtInterruption = (rules: Record<string, unknown>) => {
      const { events } = run(busy(rules))
      const registered = new Map(ofType(events, "IncidentRegistered").map((e) => [e.incident as string, e.t]))
      const started = new Map(ofType(events, "PlannedBlockStarted").map((e) => [e.block as string, e.t]))
      return ofType(events, "PlannedBlockInterrupted")
        .filter((e) => e.prio === 3 && e.t !== started.get(e.block))
        .map((e) => e.t - registered.get(e.incident)!)
    }
    const deferred = waitsAtInterruption({ prio3: { handling: "defer", deferLimitMinutes: 60 } })
    expect(deferred.length).toBeGreaterThan(0)
    expect(Math.min(...deferred)).toBeGreaterThanOrEqual(60 - 1e-6)
    const atOnce = waitsAtInterruption({ prio3: { handling: "dispatch" } })
    expect(Math.min(...atOnce)).toBeLessThan(60)
  })

  it("with prio 3 deferred, keeps the 4-hour target when patrols are held only by planned work", () => {
    // Every patrol spends 08:00–18:00 in a planned block; light prio-3 demand between 08:00 and 12:00.
    const mornings = Array.from({ length: 168 }, (_, h) => (h % 24 >= 8 && h % 24 < 12 ? 1 : 0))
    const blocked = (rules: Record<string, unknown>) =>
      scenario({
        name: "blocked",
        start: "2024-09-02",
        days: 10,
        areas: [{ id: "a" }],
        travel: { default: { _tag: "fixed", minutes: 5 } },
        dimensioning: [{ area: "a", patrols: 3, start: "00:00", end: "00:00" }],
        demand: {
          synthetic: [
            { area: "a", prio: 3, perDay: 6, hourOfWeekProfile: mornings, service: { _tag: "fixed", minutes: 20 } }
          ]
        },
        plannedBlocks: [{ area: "a", start: "08:00", durationMinutes: 600, patrols: 3 }],
        rules
      })
    const maxWait = (rules: Record<string, unknown>) => {
      const { events } = run(blocked(rules), 2)
      const registered = new Map(ofType(events, "IncidentRegistered").map((e) => [e.incident as string, e.t]))
      const waits = ofType(events, "PatrolDispatched").map((e) => e.t - registered.get(e.incident)!)
      expect(waits.length).toBeGreaterThan(30)
      return Math.max(...waits)
    }
    expect(maxWait({ prio3: { handling: "dispatch" } })).toBeLessThan(60)
    // Deferred calls wait for the limit (plus any queue for patrols busy on jobs), inside the 4-hour target.
    const deferred = maxWait({ prio3: { handling: "defer", deferLimitMinutes: 180 } })
    expect(deferred).toBeGreaterThanOrEqual(180 - 1e-6)
    expect(deferred).toBeLessThanOrEqual(240)
    // Taking prio 3 out of the interrupting priorities instead lets calls wait for the blocks to end.
    expect(maxWait({ interruptingPriorities: [1, 2] })).toBeGreaterThan(240)
    // Deferred, the limit holds whatever the interrupting priorities are.
    const deferredOutOfList = maxWait({
      interruptingPriorities: [1, 2],
      prio3: { handling: "defer", deferLimitMinutes: 180 }
    })
    expect(deferredOutOfList).toBeGreaterThanOrEqual(180 - 1e-6)
    expect(deferredOutOfList).toBeLessThanOrEqual(240)
  })

  describe("one patrol in a planned block 08:00–18:00, prio-3 calls at 09:00 (30 min on scene) and 17:30", () => {
    const onePatrol = (rules: Record<string, unknown>) =>
      scenario({
        name: "one patrol",
        start: "2024-09-02",
        days: 1,
        areas: [{ id: "a" }],
        travel: { default: { _tag: "fixed", minutes: 0 } },
        dimensioning: [{ area: "a", patrols: 1, start: "00:00", end: "00:00" }],
        demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] },
        plannedBlocks: [{ area: "a", start: "08:00", durationMinutes: 600, patrols: 1 }],
        rules
      })
    /** Minutes after midnight at which each call is dispatched, and the block's events in order. */
    const day = (rules: Record<string, unknown>) => {
      const s = onePatrol(rules)
      const midnight = run(s).summary.startT
      const call = (minute: number, incident: string, onSceneMinutes: number) =>
        registration({ t: midnight + minute, incident, area: "a", prio: 3, onSceneMinutes, unitsNeeded: 1 })
      const { events } = run(s, 1, [call(9 * 60, "nine", 30), call(17 * 60 + 30, "half-five", 10)])
      expect(violations(s, events)).toEqual([])
      return {
        dispatched: ofType(events, "PatrolDispatched").map((e) => [e.incident, e.t - midnight]),
        block: events
          .filter((e) => e._tag.startsWith("PlannedBlock"))
          .map((e) => [e._tag.slice("PlannedBlock".length), e.t - midnight])
      }
    }
    const deferred = {
      // 09:00 + 60 min: the limit passes while the patrol is in its block, so the call takes it.
      dispatched: [
        ["nine", 10 * 60],
        ["half-five", 18 * 60]
      ],
      block: [
        ["Started", 8 * 60],
        ["Interrupted", 10 * 60],
        ["Resumed", 10 * 60 + 30],
        ["Completed", 18 * 60]
      ]
    }

    it("under defer, takes the patrol from planned work once the call has waited the limit, whatever interruptingPriorities says", () => {
      // 17:30 has waited 30 of its 60 minutes when the block ends at 18:00: it gets the patrol then, uninterrupted.
      for (const interruptingPriorities of [[1, 2], [], [1, 2, 3]]) {
        expect(day({ interruptingPriorities, prio3: { handling: "defer", deferLimitMinutes: 60 } })).toEqual(deferred)
      }
    })

    it("dispatched at once, prio 3 interrupts only if it is an interrupting priority, else it waits for the block's end", () => {
      expect(day({ interruptingPriorities: [1, 2, 3] }).dispatched).toEqual([
        ["nine", 9 * 60],
        ["half-five", 17 * 60 + 30]
      ])
      expect(day({ interruptingPriorities: [1, 2] })).toEqual({
        dispatched: [
          ["nine", 18 * 60],
          ["half-five", 18 * 60 + 30]
        ],
        block: [
          ["Started", 8 * 60],
          ["Completed", 18 * 60]
        ]
      })
    })

    it("a longer limit holds the call longer: 0, 60 and 180 minutes", () => {
      const first = (deferLimitMinutes: number) =>
        day({ interruptingPriorities: [1, 2], prio3: { handling: "defer", deferLimitMinutes } }).dispatched[0]
      expect([0, 60, 180].map(first)).toEqual([
        ["nine", 9 * 60],
        ["nine", 10 * 60],
        ["nine", 12 * 60]
      ])
    })
  })

  it("recalls a patrol from a prio-3 job for prio 1 only when pre-emption is on", () => {
    const heavy = {
      synthetic: [
        { area: "a", prio: 1, perDay: 30, service: { _tag: "exponential", meanMinutes: 60 } },
        { area: "a", prio: 3, perDay: 60, service: { _tag: "exponential", meanMinutes: 90 } }
      ]
    }
    const off = busy({}, { demand: heavy })
    expect(ofType(run(off).events, "PatrolRecalled")).toEqual([])
    const on = busy({ prio1PreemptsPrio3: true }, { demand: heavy })
    const { events } = run(on)
    const recalls = ofType(events, "PatrolRecalled")
    expect(recalls.length).toBeGreaterThan(0)
    expect(violations(on, events)).toEqual([])
    // The recalled job is served again later, by some patrol.
    const recalled = recalls[0]!
    const clearedLater = ofType(events, "PatrolCleared").filter(
      (e) => e.incident === recalled.incident && e.t > recalled.t
    )
    expect(clearedLater.length).toBeGreaterThan(0)
  })

  it("keeps the first slots of a reserve free of planned blocks", () => {
    const s = busy({ reserve: [{ area: "a", start: "00:00", end: "00:00", patrols: 1 }] })
    const started = ofType(run(s).events, "PlannedBlockStarted").filter(
      (e) => e.area === "a" && e.patrol.includes("/igv/")
    )
    expect(started.length).toBeGreaterThan(0)
    expect(started.filter((e) => e.patrol === "a/igv/0")).toEqual([])
    const without = ofType(run(busy()).events, "PlannedBlockStarted")
    expect(without.some((e) => e.patrol === "a/igv/0")).toBe(true)
  })

  it("borrows a neighbour's patrol only after the rule's delay", () => {
    const noOwn = (rules: Record<string, unknown>) =>
      busy(rules, {
        dimensioning: [{ area: "a", patrols: 3, start: "00:00", end: "00:00" }],
        plannedBlocks: []
      })
    const without = run(noOwn({}))
    expect(ofType(without.events, "PatrolDispatched").filter((e) => e.incident.startsWith("b-"))).toEqual([])
    expect(without.summary.unserved).toBeGreaterThan(0)
    const s = noOwn({ borrowing: [{ prio: 2, afterMinutes: 30 }] })
    const { events, summary } = run(s)
    const registered = new Map(ofType(events, "IncidentRegistered").map((e) => [e.incident as string, e.t]))
    const borrowed = ofType(events, "PatrolDispatched").filter((e) => e.incident.startsWith("b-"))
    expect(borrowed.length).toBeGreaterThan(0)
    expect(borrowed.every((e) => e.prio === 2 && e.t - registered.get(e.incident)! >= 30 - 1e-6)).toBe(true)
    expect(violations(s, events)).toEqual([])
    // Area b's prio-3 calls are never served: no rule lets them borrow.
    expect(summary.unserved).toBeGreaterThanOrEqual(
      ofType(events, "IncidentRegistered").filter((e) => e.area === "b" && e.prio === 3).length
    )
  })

  it("resumes an interrupted block only if the remnant is long enough, else abandons it", () => {
    const never = run(busy({ resume: { enabled: true, minimumRemnantMinutes: 10_000 } })).events
    expect(ofType(never, "PlannedBlockResumed")).toEqual([])
    expect(ofType(never, "PlannedBlockAbandoned").length).toBeGreaterThan(0)
    const off = run(busy({ resume: { enabled: false } })).events
    expect(ofType(off, "PlannedBlockResumed")).toEqual([])
    const always = run(busy({ resume: { enabled: true, minimumRemnantMinutes: 0 } })).events
    expect(ofType(always, "PlannedBlockResumed").length).toBeGreaterThan(0)
    expect(ofType(always, "PlannedBlockAbandoned")).toEqual([])
  })

  it("handles the configured share of prio-3 calls another way, without a patrol", () => {
    const { events } = run(busy({ prio3: { handledOtherwiseShare: 1 } }))
    const otherwise = ofType(events, "IncidentHandledOtherwise")
    expect(otherwise.length).toBe(ofType(events, "IncidentRegistered").filter((e) => e.prio === 3).length)
    expect(ofType(events, "PatrolDispatched").filter((e) => e.prio === 3)).toEqual([])
    const some = ofType(run(busy({ prio3: { handledOtherwiseShare: 0.5 } })).events, "IncidentHandledOtherwise").length
    expect(some).toBeGreaterThan(0)
    expect(some).toBeLessThan(otherwise.length)
  })

  it("leaves area A's arrivals untouched when area B's demand changes (common random numbers)", () => {
    const base = busy()
    const changed = busy(
      {},
      {
        demand: {
          synthetic: [
            ...base.demand.synthetic.filter((d) => d.area === "a"),
            { area: "b", prio: 1, perDay: 25, service: { _tag: "exponential", meanMinutes: 30 } },
            { area: "b", prio: 3, perDay: 5, service: { _tag: "fixed", minutes: 10 } }
          ]
        },
        rules: { interruptingPriorities: [1] }
      }
    )
    const arrivalsIn = (events: ReturnType<typeof run>["events"], area: string) =>
      ofType(events, "IncidentRegistered").filter((e) => e.area === area)
    const before = run(base, 11).events,
      after = run(changed, 11).events
    expect(arrivalsIn(after, "a")).toEqual(arrivalsIn(before, "a"))
    expect(arrivalsIn(after, "b")).not.toEqual(arrivalsIn(before, "b"))
  })

  it("keeps each call's on-scene and travel draws when a rule changes (common random numbers)", () => {
    const firstTravel = (rules: Record<string, unknown>) => {
      const { events } = run(
        busy(rules, {
          dimensioning: [
            { area: "a", patrols: 4, start: "00:00", end: "00:00" },
            { area: "b", patrols: 2, start: "00:00", end: "00:00" }
          ]
        }),
        5
      )
      const sent = new Map<string, number>(),
        travel = new Map<string, number>()
      for (const e of events) {
        if (e._tag === "PatrolDispatched" && !sent.has(e.incident)) sent.set(e.incident, e.t)
        if (e._tag === "PatrolOnScene" && !travel.has(e.incident)) travel.set(e.incident, e.t - sent.get(e.incident)!)
      }
      return { travel, registered: ofType(events, "IncidentRegistered") }
    }
    const statusQuo = firstTravel({}),
      proposal = firstTravel({
        interruptingPriorities: [1, 2],
        prio3: { handling: "defer" },
        resume: { enabled: false }
      })
    expect(proposal.registered).toEqual(statusQuo.registered)
    const common = [...statusQuo.travel.keys()].filter((id) => proposal.travel.has(id))
    expect(common.length).toBeGreaterThan(100)
    for (const id of common) expect(proposal.travel.get(id)).toBeCloseTo(statusQuo.travel.get(id)!, 9)
  })

  it("counts calls no patrol will ever serve as unserved and stops", () => {
    const s = busy({}, { dimensioning: [], plannedBlocks: [] })
    const { events, summary } = run(s)
    expect(ofType(events, "PatrolDispatched")).toEqual([])
    expect(summary.unserved).toBe(summary.incidents)
    expect(summary.incidents).toBeGreaterThan(0)
  })

  it("replays a recorded feed in time order alongside synthetic demand, within the horizon", () => {
    const s = busy(
      {},
      { demand: { synthetic: [{ area: "b", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] } }
    )
    const startT = run(s).summary.startT
    const at = (minutes: number) => startT + minutes
    const feed = [
      registration({ t: at(600), incident: "rec-2", area: "a", prio: 2, onSceneMinutes: 30, unitsNeeded: 1 }),
      registration({ t: at(60), incident: "rec-1", area: "a", prio: 1, onSceneMinutes: 20, unitsNeeded: 2 }),
      registration({ t: at(-60), incident: "before", area: "a", prio: 1, onSceneMinutes: 20, unitsNeeded: 1 }),
      registration({ t: at(6 * 1440), incident: "after", area: "a", prio: 1, onSceneMinutes: 20, unitsNeeded: 1 })
    ]
    const { events, summary } = run(s, 1, feed)
    expect(ofType(events, "IncidentRegistered").map((e) => e.incident)).toEqual(["rec-1", "rec-2"])
    expect(summary.incidents).toBe(2)
    const dispatched = ofType(events, "PatrolDispatched")
    expect(dispatched.filter((e) => e.incident === "rec-1")).toHaveLength(2)
    const cleared = ofType(events, "PatrolCleared").find((e) => e.incident === "rec-2")!
    const onScene = ofType(events, "PatrolOnScene").find((e) => e.incident === "rec-2")!
    expect(cleared.t - onScene.t).toBeCloseTo(30, 9)
    expect(violations(s, events)).toEqual([])
  })

  it("clips a planned block to the patrol's duty", () => {
    const s = busy(
      {},
      {
        dimensioning: [
          { area: "a", patrols: 1, start: "07:00", end: "16:00" },
          { area: "b", patrols: 1, start: "07:00", end: "16:00" }
        ],
        demand: { synthetic: [{ area: "b", prio: 3, perDay: 1, service: { _tag: "fixed", minutes: 5 } }] },
        plannedBlocks: [{ area: "a", start: "15:00", durationMinutes: 180, patrols: 1 }]
      }
    )
    const { events } = run(s)
    const started = ofType(events, "PlannedBlockStarted")
    expect(started).toHaveLength(5)
    expect(started.every((e) => e.plannedMinutes === 60)).toBe(true)
    expect(violations(s, events)).toEqual([])
  })
})
