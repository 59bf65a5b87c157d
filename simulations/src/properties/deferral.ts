import type { IgvEvent, Scenario } from "@igv/domain"

/** Tolerance on the limit: the simulator's clock is floating-point minutes. */
const EPS = 1e-6

interface Call {
  readonly area: string
  readonly t: number
  outstanding: number
}
interface Patrol {
  readonly area: string
  readonly kind: "igv" | "community"
  block: string | undefined
}

/**
 * The deferral rule from the raw events: under `prio3.handling: defer` no prio-3 call waits longer
 * than `deferLimitMinutes` while a patrol that could take it sits in a planned block, whatever
 * `interruptingPriorities` says. Such a patrol is an IGV patrol of the call's area, a community
 * officer of it if they are drawn for prio 3, or an IGV patrol of a neighbouring area once the
 * call has also waited the prio-3 borrowing delay.
 *
 * Checked over every stretch between two event times: the state after the first time's events holds
 * until the second, so a call whose limit passes before the second time must already have taken a
 * patrol in a block, if one was there. Returns readable violations, empty when the rule holds.
 */
export const deferralViolations = (scenario: Scenario, events: Iterable<IgvEvent>, limit = 5): Array<string> => {
  const rules = scenario.rules
  if (rules.prio3.handling !== "defer") return []
  const deferLimit = rules.prio3.deferLimitMinutes
  const communityEligible = rules.communityOfficers.drawnFor.includes(3)
  const borrowAfter = Math.min(...rules.borrowing.filter((b) => b.prio === 3).map((b) => b.afterMinutes))
  const neighbours = new Map(scenario.areas.map((a) => [a.id as string, new Set<string>(a.neighbours)]))
  const out: Array<string> = []
  const calls = new Map<string, Call>()
  /** Prio-3 calls still short of a unit. */
  const waiting = new Map<string, Call>()
  const patrols = new Map<string, Patrol>()

  const check = (from: number, until: number) => {
    for (const [incident, call] of waiting) {
      const waited = until - call.t
      if (!(waited > deferLimit + EPS)) continue
      for (const [id, p] of patrols) {
        if (p.block === undefined) continue
        const own = p.area === call.area && (p.kind === "igv" || communityEligible)
        const borrowed =
          p.kind === "igv" && waited > borrowAfter + EPS && neighbours.get(call.area)?.has(p.area) === true
        if ((own || borrowed) && out.length < limit) {
          out.push(
            `prio-3 call ${incident} (registered t=${call.t}) passed its ${deferLimit}-min limit before t=${until}, ` +
              `while ${id} stayed in planned block ${p.block} from t=${from}`
          )
        }
      }
    }
  }

  let last = -Infinity
  for (const e of events) {
    if (e.t > last) {
      if (last > -Infinity) check(last, e.t)
      last = e.t
    }
    switch (e._tag) {
      case "ShiftStarted":
        patrols.set(e.patrol, { area: e.area, kind: e.kind, block: undefined })
        break
      case "ShiftEnded":
        patrols.delete(e.patrol)
        break
      case "IncidentRegistered":
        if (e.prio === 3) {
          const call = { area: e.area, t: e.t, outstanding: e.unitsNeeded }
          calls.set(e.incident, call)
          waiting.set(e.incident, call)
        }
        break
      case "IncidentHandledOtherwise":
        waiting.delete(e.incident)
        break
      case "PatrolDispatched": {
        const c = calls.get(e.incident)
        if (c !== undefined && --c.outstanding === 0) waiting.delete(e.incident)
        break
      }
      case "PatrolRecalled": {
        const c = calls.get(e.incident)
        if (c !== undefined && c.outstanding++ === 0) waiting.set(e.incident, c)
        break
      }
      case "PlannedBlockStarted":
      case "PlannedBlockResumed": {
        const p = patrols.get(e.patrol)
        if (p !== undefined) p.block = e.block
        break
      }
      case "PlannedBlockInterrupted":
      case "PlannedBlockCompleted":
      case "PlannedBlockAbandoned": {
        const p = patrols.get(e.patrol)
        if (p !== undefined) p.block = undefined
        break
      }
    }
  }
  return out
}
