import { feedEvent } from "../feed-event.test-util.js"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { deferralViolations } from "./deferral.js"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

const withPrio3 =
  (prio3: Record<string, unknown>, interrupting?: ReadonlyArray<number>) => (r: Record<string, unknown>) => ({
    ...r,
    ...(interrupting === undefined ? {} : { interruptingPriorities: interrupting }),
    prio3: { ...(r["prio3"] as object), ...prio3 }
  })
const interruptingArb = fc.subarray([1, 2, 3])

describe("prio-3 deferral", () => {
  const oneArea = decodeScenario({
    name: "one area",
    start: "2025-06-02",
    days: 1,
    areas: [{ id: "a" }],
    travel: { default: { _tag: "fixed", minutes: 0 } },
    dimensioning: [],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] },
    rules: { interruptingPriorities: [1, 2], prio3: { handling: "defer", deferLimitMinutes: 60 } }
  })
  const opening = [
    feedEvent({ _tag: "ShiftStarted", t: 0, patrol: "a/igv/0", area: "a", kind: "igv" }),
    feedEvent({ _tag: "PlannedBlockStarted", t: 0, block: "b", patrol: "a/igv/0", area: "a", plannedMinutes: 600 }),
    feedEvent({
      _tag: "IncidentRegistered",
      t: 10,
      incident: "c",
      area: "a",
      prio: 3,
      onSceneMinutes: 20,
      unitsNeeded: 1
    })
  ]

  it("the oracle flags a call held past its limit while a patrol stays in a planned block, and nothing else", () => {
    const served = [
      ...opening,
      feedEvent({ _tag: "PatrolDispatched", t: 70, incident: "c", patrol: "a/igv/0", prio: 3 }),
      feedEvent({ _tag: "PlannedBlockInterrupted", t: 70, block: "b", patrol: "a/igv/0", incident: "c", prio: 3 })
    ]
    expect(deferralViolations(oneArea, served)).toEqual([])
    const held = [...opening, feedEvent({ _tag: "PlannedBlockCompleted", t: 600, block: "b", patrol: "a/igv/0" })]
    expect(deferralViolations(oneArea, held)[0]).toMatch(
      /call c .* 60-min limit before t=600, while a\/igv\/0 stayed in planned block b/
    )
    // The block ends before the limit: the call waits for the free patrol, as deferral means.
    const early = [
      ...opening,
      feedEvent({ _tag: "PlannedBlockCompleted", t: 50, block: "b", patrol: "a/igv/0" }),
      feedEvent({ _tag: "PatrolDispatched", t: 50, incident: "c", patrol: "a/igv/0", prio: 3 })
    ]
    expect(deferralViolations(oneArea, early)).toEqual([])
  })

  it(
    "no deferred prio-3 call waits longer than the limit while a patrol that could take it is in a planned block, whatever interruptingPriorities says",
    () => {
      const arb = fc
        .tuple(interruptingArb, fc.constantFrom(0, 20, 60, 180))
        .chain(([interrupting, deferLimitMinutes]) =>
          scenarioInputArb({ mapRules: withPrio3({ handling: "defer", deferLimitMinutes }, interrupting) })
        )
      fc.assert(
        fc.property(arb, (input) => {
          const scenario = decodeScenario(input)
          expect(deferralViolations(scenario, runScenario(scenario).events)).toEqual([])
        }),
        { numRuns: 80 }
      )
    },
    TIMEOUT
  )

  it(
    "the limit spans the whole range: 0 is interrupting at once, past the horizon is never, whatever the list says for prio 3",
    () => {
      fc.assert(
        fc.property(scenarioInputArb(), fc.boolean(), (input, listsThree) => {
          const rules = input.rules as Record<string, unknown>
          const others = (rules["interruptingPriorities"] as ReadonlyArray<number>).filter((p) => p !== 3)
          const events = (prio3: Record<string, unknown>, interrupting: ReadonlyArray<number>) =>
            runScenario(decodeScenario({ ...input, rules: withPrio3(prio3, interrupting)(rules) })).events
          const deferList = listsThree ? [...others, 3] : others
          expect(events({ handling: "defer", deferLimitMinutes: 0 }, deferList)).toEqual(
            events({ handling: "dispatch" }, [...others, 3])
          )
          // The generated horizon is at most 3 days (4,320 minutes).
          expect(events({ handling: "defer", deferLimitMinutes: 10_000 }, deferList)).toEqual(
            events({ handling: "dispatch" }, others)
          )
        }),
        { numRuns: 40 }
      )
    },
    TIMEOUT
  )

  it(
    "prio 3 dispatched at once ignores the limit",
    () => {
      fc.assert(
        fc.property(scenarioInputArb({ mapRules: withPrio3({ handling: "dispatch" }) }), (input) => {
          const at = (deferLimitMinutes: number) =>
            runScenario(
              decodeScenario({
                ...input,
                rules: withPrio3({ deferLimitMinutes })(input.rules as Record<string, unknown>)
              })
            ).events
          expect(at(20)).toEqual(at(180))
        }),
        { numRuns: 30 }
      )
    },
    TIMEOUT
  )
})
