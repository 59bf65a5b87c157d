import type { IgvEvent, Report } from "@igv/domain"
import { CALENDAR, ON_DUTY, PRIO1, PRIO2, PRIO3, REPORT_WRITING, TRANSPORT } from "./patrol-time.js"

// Community officers' shifts taken away and their absences (CommunityShiftTaken, CommunityOfficerAbsent), and the
// own-mission share the report measures: the share of their rostered time spent on their own mission.

/** Index of each way a shift leaves the mission in the accumulators. */
const WAYS = ["igv", "neighbourIgv", "otherDuty", "uncovered", "covered"] as const

export interface CommunityShiftAcc {
  readonly shifts: Float64Array
  readonly minutes: Float64Array
}

export const newCommunityShiftAcc = (): CommunityShiftAcc => ({
  shifts: new Float64Array(WAYS.length),
  minutes: new Float64Array(WAYS.length)
})

export const evolveCommunityShift = (
  acc: CommunityShiftAcc,
  e: Extract<IgvEvent, { _tag: "CommunityShiftTaken" | "CommunityOfficerAbsent" }>
): void => {
  const way = WAYS.indexOf(e._tag === "CommunityShiftTaken" ? e.into : e.covered ? "covered" : "uncovered")
  acc.shifts[way]!++
  acc.minutes[way]! += e.minutes
}

const hours = (minutes: number) => minutes / 60

/** The figures over some areas' accumulators and their community officers' time-use minutes (patrol-time's categories). */
export const communityOfficerFigures = (
  accs: ReadonlyArray<CommunityShiftAcc>,
  community: Float64Array
): NonNullable<Report["communityOfficers"]> => {
  const shifts = new Float64Array(WAYS.length),
    minutes = new Float64Array(WAYS.length)
  for (const a of accs)
    for (let w = 0; w < WAYS.length; w++) {
      shifts[w]! += a.shifts[w]!
      minutes[w]! += a.minutes[w]!
    }
  const onDuty = community[ON_DUTY]!
  const own =
    onDuty -
    community[PRIO1]! -
    community[PRIO2]! -
    community[PRIO3]! -
    community[REPORT_WRITING]! -
    community[TRANSPORT]! -
    community[CALENDAR]!
  const rostered = onDuty + minutes[0]! + minutes[1]! + minutes[2]! + minutes[3]!
  const of = (w: number) => ({ shifts: shifts[w]!, hours: hours(minutes[w]!) })
  return {
    rosteredHours: hours(rostered),
    onDutyHours: hours(onDuty),
    ownMissionHours: hours(own),
    ownMissionShare: rostered > 0 ? own / rostered : null,
    shiftsTaken: { igv: of(0), neighbourIgv: of(1), otherDuty: of(2) },
    absences: { uncovered: of(3), covered: of(4) }
  }
}
