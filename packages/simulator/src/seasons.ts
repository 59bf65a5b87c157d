import type { PlannedBlockTemplate, Scenario, Shift } from "@igv/domain"
import type { LocalCalendar } from "./calendar.js"

/** A list of shifts or planned blocks and the days it is in force (the day a shift or block starts). */
export interface DatedList<T> {
  readonly items: ReadonlyArray<T>
  readonly onDay: (day: number) => boolean
  /** Part of the ids of the blocks it plans: "" for the scenario's own, "s<i>" for season i's. */
  readonly idPrefix: string
}

/** Whether local date `date` lies in from..to (inclusive; "YYYY-MM-DD" compares as a string). */
export const inDateRange = (date: string, from: string, to: string): boolean => date >= from && date <= to

/**
 * The scenario's dimensioning or planned blocks and each season's, each with the days it holds: a season's list
 * replaces the scenario's on the days from..to; a season that does not give the list leaves the scenario's in force.
 */
const datedLists = <T>(
  scenario: Scenario,
  cal: LocalCalendar,
  own: ReadonlyArray<T>,
  ofSeason: (s: Scenario["seasons"][number]) => ReadonlyArray<T> | undefined
): Array<DatedList<T>> => {
  const seasons = scenario.seasons.flatMap((s, i) => {
    const items = ofSeason(s)
    return items === undefined ? [] : [{ items, from: s.from, to: s.to, idPrefix: `s${i}` }]
  })
  if (seasons.length === 0) return [{ items: own, onDay: () => true, idPrefix: "" }]
  const seasonal = (day: number) => seasons.some((s) => inDateRange(cal.date(day), s.from, s.to))
  return [
    { items: own, onDay: (day) => !seasonal(day), idPrefix: "" },
    ...seasons.map((s) => ({
      items: s.items,
      onDay: (day: number) => inDateRange(cal.date(day), s.from, s.to),
      idPrefix: s.idPrefix
    }))
  ]
}

export const datedDimensioning = (scenario: Scenario, cal: LocalCalendar): Array<DatedList<Shift>> =>
  datedLists(scenario, cal, scenario.dimensioning, (s) => s.dimensioning)

export const datedPlannedBlocks = (scenario: Scenario, cal: LocalCalendar): Array<DatedList<PlannedBlockTemplate>> =>
  datedLists(scenario, cal, scenario.plannedBlocks, (s) => s.plannedBlocks)
