import type { IgvEvent } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { cleared, dispatched, registered, shiftEnded, shiftStarted } from "./feed.test-util.js"
import { fold, reportProjection } from "./index.js"

const report = (events: ReadonlyArray<IgvEvent>) => fold(reportProjection(), events)
const taken = (t: number, into: "igv" | "neighbourIgv" | "otherDuty", extra: object = {}): IgvEvent =>
  ({ _tag: "CommunityShiftTaken", t, area: "north", minutes: 540, into, ...extra }) as IgvEvent
const absent = (t: number, covered: boolean): IgvEvent =>
  ({ _tag: "CommunityOfficerAbsent", t, area: "north", minutes: 540, reason: "training", covered }) as IgvEvent

describe("community officers' own-mission share", () => {
  // Given: officer c on duty 0–540 with a 60-minute prio-3 call; one shift of 540 min taken into IGV, one to
  // reception, one uncovered absence and one covered absence (worked by a substitute: on duty above).
  const week: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "c", "north", "community"),
    registered(100, "i1", 3),
    dispatched(100, "i1", "c", 3),
    cleared(160, "i1", "c"),
    shiftEnded(540, "c"),
    taken(1440, "igv"),
    taken(2880, "otherDuty", { duty: "reception" }),
    absent(4320, false),
    absent(5760, true)
  ]

  it("then rostered = on duty + taken + uncovered absence, and own mission is duty less the call", () => {
    const r = report(week)
    expect(r.communityOfficers).toEqual({
      rosteredHours: 36,
      onDutyHours: 9,
      ownMissionHours: 8,
      ownMissionShare: 8 / 36,
      shiftsTaken: {
        igv: { shifts: 1, hours: 9 },
        neighbourIgv: { shifts: 0, hours: 0 },
        otherDuty: { shifts: 1, hours: 9 }
      },
      absences: { uncovered: { shifts: 1, hours: 9 }, covered: { shifts: 1, hours: 9 } }
    })
    expect(r.byArea["north"]!.communityOfficers?.ownMissionShare).toBe(8 / 36)
  })

  it("is not measured (null) when no community officer time is rostered, and absent without such events", () => {
    expect(report([absent(0, true)]).communityOfficers?.ownMissionShare).toBeNull()
    expect("communityOfficers" in report(week.slice(0, 5))).toBe(false)
  })
})
