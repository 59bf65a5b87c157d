import { decodeScenarioInput, type Scenario } from "@igv/domain"

/** A scenario from its file form, decoded as a scenario file is; throws on a mistake in the test itself. */
export const decodeScenario = (input: Record<string, unknown>): Scenario => {
  const r = decodeScenarioInput(input)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
  return r.value
}
