/** The benchmark scenarios: one LPO-year (~30,000 incidents, 20 IGV slots) per area, 95 areas for a national year. */
import { decodeWith, Scenario } from "@igv/domain"

const decodeScenario = decodeWith(Scenario)

/** Evenings and weekend nights busier, early mornings quiet: a typical urban-rural mix. */
const profile: ReadonlyArray<number> = Array.from({ length: 168 }, (_, h) => {
  const hour = h % 24,
    weekday = Math.floor(h / 24)
  const daily = hour < 6 ? 0.5 : hour < 10 ? 0.8 : hour < 16 ? 1 : hour < 23 ? 1.4 : 0.9
  return daily * (weekday >= 4 && (hour >= 20 || hour < 4) ? 1.5 : 1)
})

const area = (id: string, neighbours: ReadonlyArray<string>) => ({
  area: { id, neighbours },
  dimensioning: [
    { area: id, patrols: 8, start: "07:00", end: "17:00" },
    { area: id, patrols: 8, start: "16:00", end: "02:00" },
    { area: id, patrols: 4, start: "21:00", end: "07:00" },
    {
      area: id,
      kind: "community",
      patrols: 4,
      weekdays: ["mon", "tue", "wed", "thu", "fri"],
      start: "08:00",
      end: "17:00"
    }
  ],
  synthetic: [
    {
      area: id,
      prio: 1,
      perDay: 3,
      hourOfWeekProfile: profile,
      service: { _tag: "exponential", meanMinutes: 75 },
      twoUnitShare: 0.4
    },
    {
      area: id,
      prio: 2,
      perDay: 15,
      hourOfWeekProfile: profile,
      service: { _tag: "exponential", meanMinutes: 55 },
      twoUnitShare: 0.15
    },
    {
      area: id,
      prio: 3,
      perDay: 64,
      hourOfWeekProfile: profile,
      service: { _tag: "lognormal", medianMinutes: 35, p90Minutes: 110 },
      twoUnitShare: 0.05
    }
  ],
  plannedBlocks: [
    { area: id, start: "10:00", durationMinutes: 180, patrols: 2, tag: `${id}-mb1` },
    { area: id, start: "18:00", durationMinutes: 180, patrols: 2 },
    {
      area: id,
      patrolKind: "community",
      weekdays: ["mon", "tue", "wed", "thu", "fri"],
      start: "09:00",
      durationMinutes: 240,
      patrols: 2
    }
  ]
})

export const scenarioOf = (name: string, areas: number) => {
  const ids = Array.from({ length: areas }, (_, i) => `lpo${i + 1}`)
  const parts = ids.map((id, i) => area(id, areas === 1 ? [] : [ids[(i + 1) % areas]!, ids[(i + areas - 1) % areas]!]))
  const decoded = decodeScenario({
    name,
    start: "2024-01-01",
    days: 366,
    timeZone: "Europe/Stockholm",
    seed: 2024,
    areas: parts.map((p) => p.area),
    travel: { default: { _tag: "lognormal", medianMinutes: 9, p90Minutes: 22 } },
    dimensioning: parts.flatMap((p) => p.dimensioning),
    demand: { synthetic: parts.flatMap((p) => p.synthetic) },
    plannedBlocks: parts.flatMap((p) => p.plannedBlocks),
    rules:
      areas === 1
        ? {}
        : {
            borrowing: [
              { prio: 1, afterMinutes: 5 },
              { prio: 2, afterMinutes: 20 }
            ]
          }
  })
  if (!decoded.ok) throw new Error(decoded.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
  return decoded.value
}
