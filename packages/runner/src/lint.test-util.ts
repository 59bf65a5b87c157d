import { decodeScenarioInput, type Scenario } from "@igv/domain"

/** A scenario from its file form, decoded as a scenario file is; throws on a mistake in the test itself. */
export const decodeScenario = (input: Record<string, unknown>): Scenario => {
  const r = decodeScenarioInput(input)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
  return r.value
}

/** One week from Monday 2024-01-01; neighbouring areas a and b with two IGV patrols each around the clock. */
export const twoAreaWeek = {
  name: "small",
  start: "2024-01-01",
  days: 7,
  areas: [
    { id: "a", neighbours: ["b"] },
    { id: "b", neighbours: ["a"] }
  ],
  dimensioning: [
    { area: "a", patrols: 2, start: "00:00", end: "00:00" },
    { area: "b", patrols: 2, start: "00:00", end: "00:00" }
  ]
}
