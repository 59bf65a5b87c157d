import { basename } from "node:path"
import { expectedWork } from "@igv/simulator"
import type { Inputs } from "@igv/runner"

/** A whole number with commas between thousands, as en-US writes it, without paying ICU's start-up for one line. */
export const about = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ",")

/**
 * A line for stderr before a run: how much it is expected to simulate, so a mistyped `perDay: 1e8` shows
 * before the memory fills. The CLI runs it anyway (the API refuses above its runCalls/runEvents limits).
 */
export const expectedSizeNote = (inputs: Inputs, replications: number): string => {
  const one = expectedWork(inputs.scenario)
  const replayed = inputs.feed?.incidents.length ?? 0
  const calls = (one.calls + replayed) * replications
  return (
    `${basename(inputs.scenarioFile)}: expected about ${about(calls)} calls and at least ${about(one.events * replications + replayed * replications)} events ` +
    `(${replications} replication${replications > 1 ? "s" : ""} × ${inputs.scenario.days} days)`
  )
}
