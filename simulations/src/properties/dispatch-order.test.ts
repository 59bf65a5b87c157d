import { feedEvent } from "../feed-event.test-util.js"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { dispatchOrderViolations } from "./dispatch-order.js"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

const reg = (t: number, incident: string, prio: 1 | 2 | 3, unitsNeeded: 1 | 2 = 1) =>
  feedEvent({ _tag: "IncidentRegistered", t, incident, area: "a", prio, onSceneMinutes: 5, unitsNeeded })
const disp = (t: number, incident: string, patrol: string) =>
  feedEvent({ _tag: "PatrolDispatched", t, incident, patrol, prio: 2 })

describe("dispatch order", () => {
  it("flags a call served ahead of a higher-priority or earlier call of its area", () => {
    expect(dispatchOrderViolations([reg(0, "x", 2), reg(1, "y", 1), disp(2, "y", "p"), disp(3, "x", "q")])).toEqual([])
    expect(dispatchOrderViolations([reg(0, "x", 2), reg(1, "y", 1), disp(2, "x", "p")])[0]).toMatch(/y \(prio 1/)
    expect(dispatchOrderViolations([reg(0, "x", 3), reg(1, "y", 3), disp(2, "y", "p")])[0]).toMatch(/x \(prio 3/)
    // A two-unit call still waits for its second unit.
    expect(
      dispatchOrderViolations([reg(0, "x", 2, 2), reg(1, "y", 2), disp(2, "x", "p"), disp(3, "y", "q")])[0]
    ).toMatch(/x \(prio 2/)
  })

  it(
    "serves waiting calls by priority, then registration time, when every patrol may take every call",
    () => {
      const unrestricted = (r: Record<string, unknown>) => ({
        ...r,
        interruptingPriorities: [1, 2, 3],
        prio3: { ...(r["prio3"] as object), handling: "dispatch" },
        reserve: [],
        borrowing: [],
        communityOfficers: { drawnFor: [1, 2, 3] },
        prio1PreemptsPrio3: false
      })
      fc.assert(
        fc.property(scenarioInputArb({ mapRules: unrestricted }), (input) => {
          const { events } = runScenario(decodeScenario(input))
          expect(dispatchOrderViolations(events)).toEqual([])
        }),
        { numRuns: 60 }
      )
    },
    TIMEOUT
  )
})
