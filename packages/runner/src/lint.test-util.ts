import { decodeScenarioInput, type Scenario } from "@igv/domain"

/** A scenario from its file form, decoded as a scenario file is; throws on a mistake in the test itself. */
export const decodeScenario = (input: Record<string, unknown>): Scenario => {
  const r = decodeScenarioInput(input)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
  return r.value
}

/** One week from Monday 2024-01-01 over these areas, `patrols` IGV patrols each all day; no neighbours (nothing borrows). */
export const weekOver = (ids: ReadonlyArray<string>, patrols: number) => ({
  name: "small",
  start: "2024-01-01",
  days: 7,
  areas: ids.map((id) => ({ id })),
  dimensioning: ids.map((area) => ({ area, patrols, start: "00:00", end: "00:00" }))
})
