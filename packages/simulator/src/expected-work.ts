import type { Scenario } from "@igv/domain"
import { monthFactors } from "./demand.js"
import { compile } from "./model.js"

/** What one replication of a scenario is expected to do, before it runs. */
export interface ExpectedWork {
  /** Synthetic calls: each stream's perDay over the horizon's local hours, weighted by its hour-of-week and month-of-year profiles. */
  readonly calls: number
  /**
   * Events: each call registered, each unit it needs dispatched, on scene and cleared; each patrol's shift
   * started and ended; each planned block started and ended. Interruptions come on top, so this is a floor.
   */
  readonly events: number
}

/** Events a call gives when served: registered, then per unit dispatched, on scene, cleared. */
const EVENTS_PER_UNIT = 3

/**
 * The expected size of one replication, from the scenario alone (a replayed feed adds its own incidents).
 * Exact in the demand model (the Poisson rates the simulator draws from, across DST hours); linear in the
 * horizon's days, so it costs a few milliseconds even for the largest scenario.
 */
export const expectedWork = (scenario: Scenario): ExpectedWork => {
  const model = compile(scenario, 0)
  const grid = model.hours
  // Minutes the horizon spends in each hour of the week of each month (DST hours last 0 or 120 minutes).
  const minutesByMonthHour = new Float64Array(12 * 168)
  for (let k = 0; k < grid.hourOfWeek.length; k++) {
    minutesByMonthHour[grid.month[k]! * 168 + grid.hourOfWeek[k]!]! += grid.starts[k + 1]! - grid.starts[k]!
  }
  let calls = 0,
    events = 0
  for (const stream of scenario.demand.synthetic) {
    const weights = stream.hourOfWeekProfile
    const total = weights === undefined ? 168 : weights.reduce((s, w) => s + w, 0)
    const months = monthFactors(stream)
    let minutes = 0
    for (let k = 0; k < 12 * 168; k++) {
      const h = k % 168
      minutes +=
        minutesByMonthHour[k]! * months[(k - h) / 168]! * (weights === undefined ? 1 : (weights[h]! * 168) / total)
    }
    const streamCalls = (stream.perDay / 1440) * minutes
    calls += streamCalls
    events += streamCalls * (1 + EVENTS_PER_UNIT * (1 + stream.twoUnitShare))
  }
  // A patrol slot coming on or going off duty is one event (a 24/7 shift is one start and one end).
  const duty = model.dutyChanges
  for (let i = 0; i < duty.t.length; i++) events += Math.abs(duty.to[i]! - duty.from[i]!)
  const blocks = model.blockStarts
  for (let i = 0; i < blocks.t.length; i++) events += 2 * model.templates[blocks.template[i]!]!.patrols
  return { calls, events }
}
