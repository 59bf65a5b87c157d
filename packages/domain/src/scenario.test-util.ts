/** A small scenario in its file form: a week from Monday 2024-01-01, areas a and b, two patrols 07–19 in a, prio-2 calls. */
export const tinyScenario = {
  name: "tiny",
  start: "2024-01-01",
  days: 7,
  areas: [{ id: "a" }, { id: "b" }],
  dimensioning: [{ area: "a", patrols: 2, start: "07:00", end: "19:00" }],
  demand: { synthetic: [{ area: "a", prio: 2, perDay: 10, service: { _tag: "exponential", meanMinutes: 40 } }] }
}
