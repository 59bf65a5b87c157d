import type { ScenarioInput } from "@igv/domain"

/** The scenario with every shift on duty around the clock, every day (00:00–00:00, no weekdays). */
export const aroundTheClock = (input: ScenarioInput) => ({
  ...input,
  dimensioning: input.dimensioning.map(({ area, kind, patrols }) => ({
    area,
    kind,
    patrols,
    start: "00:00",
    end: "00:00"
  }))
})
