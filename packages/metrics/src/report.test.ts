import { fromLocal } from "@igv/domain"
import type { IgvEvent, Report } from "@igv/domain"
import { describe, expect, it } from "vitest"
import {
  abandoned,
  blockStarted,
  cleared,
  completed,
  dispatched,
  handledOtherwise,
  interrupted,
  onScene,
  recalled,
  registered,
  resumed,
  shiftEnded,
  shiftStarted,
  unstaffed
} from "./feed.test-util.js"
import {
  dispatchLog,
  fold,
  interruptionLog,
  type RecordedFeed,
  type ReportOptions,
  reportProjection,
  segmentLog
} from "./index.js"

const report = (events: ReadonlyArray<IgvEvent>, feed: RecordedFeed = {}, options?: ReportOptions) =>
  fold(reportProjection({ recordedFeed: feed }, options), events)

describe("line time, interruptions and time use of one patrol's day", () => {
  // Given: p1 on duty 0–480; block b1 (citizen promise) 60–180 is interrupted at 100 by a prio-3 call
  // (registered 90, on scene 110, cleared 130) and resumes at 130; block b2 240–300 runs undisturbed.
  const day: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "p1"),
    blockStarted(60, "b1", "p1", 120, "north", "promise-1"),
    registered(90, "i1", 3),
    dispatched(100, "i1", "p1", 3),
    interrupted(100, "b1", "p1", "i1", 3),
    onScene(110, "i1", "p1"),
    cleared(130, "i1", "p1"),
    resumed(130, "b1", "p1"),
    completed(180, "b1", "p1"),
    blockStarted(240, "b2", "p1", 60),
    completed(300, "b2", "p1"),
    shiftEnded(480, "p1")
  ]

  it("then planned is 3 h, delivered 2.5 h (40 + 50 + 60 min) and survival 5/6", () => {
    const r = report(day)
    expect(r.lineTime).toMatchObject({
      plannedHours: 3,
      deliveredHours: 2.5,
      blocksPlanned: 2,
      blocksUninterrupted: 1,
      blocksInterrupted: 1,
      segments: 3
    })
    expect(r.lineTime.survival).toBeCloseTo(150 / 180, 12)
  })

  it("then the median segment is the nearest-rank middle one (50 min) and the histogram bins 40, 50 and 60", () => {
    const r = report(day, {}, { segmentBinsMinutes: [0, 30, 60] })
    expect(r.lineTime.medianSegmentMinutes).toBe(50)
    expect(r.lineTime.segmentHistogram).toEqual([
      { fromMinutes: 0, toMinutes: 30, count: 0 },
      { fromMinutes: 30, toMinutes: 60, count: 2 },
      { fromMinutes: 60, toMinutes: null, count: 1 }
    ])
  })

  it("then one prio-3 interruption, 33.3 per 100 planned hours", () => {
    const r = report(day)
    expect(r.interruptions.total).toBe(1)
    expect(r.interruptions.byPriority).toEqual({ "1": 0, "2": 0, "3": 1 })
    expect(r.interruptions.per100PlannedHours).toBeCloseTo(100 / 3, 12)
  })

  it("then the patrol's 8 h split into 0.5 h prio 3, 2.5 h planned and 5 h free", () => {
    const r = report(day)
    expect(r.timeUse).toMatchObject({
      prio1Hours: 0,
      prio2Hours: 0,
      prio3Hours: 0.5,
      plannedHours: 2.5,
      freeHours: 5,
      totalHours: 8,
      prio12Share: 0
    })
    expect(r.timeUse.byKind.community.totalHours).toBe(0)
    expect(r.timeUse.byKind.igv.totalHours).toBe(8)
  })

  it("then the prio-3 call waited 10 min for dispatch (within 240) and 20 min for arrival", () => {
    const r = report(day)
    expect(r.response["3"]).toMatchObject({
      count: 1,
      targetMinutes: 240,
      meanDispatchMinutes: 10,
      p50DispatchMinutes: 10,
      p99DispatchMinutes: 10,
      withinTarget: 1,
      meanArrivalMinutes: 20,
      handledOtherwise: 0,
      dispatched: 1,
      undispatched: 0
    })
    expect(r.response["3"]).toMatchObject({
      n: 1,
      arrived: 1,
      p50ArrivalMinutes: 20,
      p99ArrivalMinutes: 20,
      arrivedWithinTarget: 1
    })
    // No prio-1 call: nothing to measure, so no figure (never a 0 % or 0 min made up).
    expect(r.response["1"]).toMatchObject({
      count: 0,
      n: 0,
      dispatched: 0,
      undispatched: 0,
      targetMinutes: 4,
      meanDispatchMinutes: null,
      p90DispatchMinutes: null,
      withinTarget: null,
      meanArrivalMinutes: null,
      p90ArrivalMinutes: null,
      arrivedWithinTarget: null
    })
  })

  it("then by local hour (Stockholm, UTC+1 in 1970) the plan falls in 02, 03 and 05 and the losses in 02 and 03", () => {
    const byHour = report(day).lineTime.byLocalHour
    expect(byHour).toHaveLength(24)
    expect(byHour[2]).toEqual({ hour: 2, plannedHours: 1, deliveredHours: 40 / 60, survival: 40 / 60 })
    expect(byHour[3]).toEqual({ hour: 3, plannedHours: 1, deliveredHours: 50 / 60, survival: 50 / 60 })
    expect(byHour[5]).toEqual({ hour: 5, plannedHours: 1, deliveredHours: 1, survival: 1 })
    expect(byHour[4]).toEqual({ hour: 4, plannedHours: 0, deliveredHours: 0, survival: null })
  })

  it("then the citizen promise got 1.5 of its 2 planned hours", () => {
    expect(report(day).byTag).toEqual([
      {
        tag: "promise-1",
        plannedHours: 2,
        staffedHours: 2,
        unstaffedHours: 0,
        unstaffed: { nobodyOnDuty: 0, reserve: 0, tooFewPatrols: 0 },
        deliveredHours: 1.5,
        survival: 0.75,
        blocksPlanned: 1,
        blocksUninterrupted: 0
      }
    ])
  })

  it("then the logs name the interruption (30 min lost), the three segments and the dispatch", () => {
    expect(fold(interruptionLog, day)).toEqual([
      {
        t: 100,
        area: "north",
        patrol: "p1",
        patrolKind: "igv",
        block: "b1",
        tag: "promise-1",
        incident: "i1",
        prio: 3,
        minutesLost: 30
      }
    ])
    expect(fold(segmentLog, day).map((s) => [s.block, s.startT, s.endT, s.minutes])).toEqual([
      ["b1", 60, 100, 40],
      ["b1", 130, 180, 50],
      ["b2", 240, 300, 60]
    ])
    expect(fold(dispatchLog, day)).toEqual([
      { incident: "i1", area: "north", prio: 3, registeredT: 90, dispatchT: 100, arrivalT: 110, patrol: "p1" }
    ])
  })

  it("then the report is a valid domain Report and the area holds the same figures", () => {
    const r: Report = report(day)
    expect(r.byArea["north"]!.lineTime).toEqual(r.lineTime)
    expect(r.byArea["north"]!.timeUse).toEqual(r.timeUse)
    expect(r.events).toBe(day.length)
  })
})

describe("a block that starts late", () => {
  // Given p1 on a prio-2 job 0–45 when its 120-min block is due at 30: the block begins at 45, 15 min late,
  // and runs to its planned end at 150. A 60-min block due at 200 finds p1 on a prio-3 job past its end (260).
  it("then the late minutes are planned but not delivered, not interruptions, and a block that never ran is not 'never interrupted'", () => {
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "i1", 2),
      dispatched(0, "i1", "p1", 2),
      cleared(45, "i1", "p1"),
      blockStarted(45, "b1", "p1", 120, "north", "promise-1", 15),
      completed(150, "b1", "p1"),
      registered(190, "i2", 3),
      dispatched(190, "i2", "p1", 3),
      blockStarted(260, "b2", "p1", 60, "north", undefined, 60),
      completed(260, "b2", "p1"),
      cleared(280, "i2", "p1"),
      shiftEnded(300, "p1")
    ])
    expect(r.lineTime).toMatchObject({
      plannedHours: 3,
      deliveredHours: 105 / 60,
      blocksPlanned: 2,
      blocksStartedLate: 2,
      lateStartHours: 75 / 60,
      blocksUninterrupted: 1,
      blocksInterrupted: 0
    })
    expect(r.interruptions.total).toBe(0)
    expect(r.byTag[0]).toMatchObject({ tag: "promise-1", plannedHours: 2, deliveredHours: 105 / 60 })
    expect(r.timeUse).toMatchObject({ prio2Hours: 0.75, prio3Hours: 1.5, plannedHours: 105 / 60 })
  })

  it("given a late block still running when the feed ends, then it is planned from its scheduled start to the end", () => {
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "i1", 3),
      dispatched(0, "i1", "p1", 3),
      cleared(20, "i1", "p1"),
      blockStarted(20, "b1", "p1", 120, "north", undefined, 10),
      registered(70, "x", 3)
    ])
    expect(r.lineTime).toMatchObject({ plannedHours: 1, deliveredHours: 50 / 60, lateStartHours: 10 / 60 })
  })
})

describe("planned time no patrol was given", () => {
  // Given p1's 120-min promise block at 60 runs whole, while a second patrol's share of it (120 min) found the
  // reserve holding the only other patrol back, and a 60-min block at 300 found nobody on duty.
  const events: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "p1"),
    blockStarted(60, "b1/0", "p1", 120, "north", "promise-1"),
    unstaffed(60, "b1/1", 120, "reserve", "north", "promise-1"),
    completed(180, "b1/0", "p1"),
    shiftEnded(240, "p1"),
    unstaffed(300, "b2/0", 60, "nobodyOnDuty", "south")
  ]

  it("then planned is staffed 2 h + unstaffed 3 h, by reason, and survival is delivered over all of it", () => {
    const r = report(events)
    expect(r.lineTime).toMatchObject({
      plannedHours: 5,
      staffedHours: 2,
      unstaffedHours: 3,
      unstaffed: { nobodyOnDuty: 1, reserve: 2, tooFewPatrols: 0 },
      deliveredHours: 2,
      survival: 0.4,
      blocksPlanned: 3,
      blocksUnstaffed: 2,
      blocksUninterrupted: 1
    })
    expect(r.interruptions.per100PlannedHours).toBe(0)
  })

  it("then each area and tag carries its own unstaffed hours, and an area with only unstaffed time has survival 0, not 100 %", () => {
    const r = report(events)
    expect(r.byArea["north"]!.lineTime).toMatchObject({ plannedHours: 4, unstaffedHours: 2, survival: 0.5 })
    expect(r.byArea["south"]!.lineTime).toMatchObject({
      plannedHours: 1,
      staffedHours: 0,
      unstaffedHours: 1,
      deliveredHours: 0,
      survival: 0
    })
    expect(r.byTag).toEqual([
      expect.objectContaining({
        tag: "promise-1",
        plannedHours: 4,
        staffedHours: 2,
        unstaffedHours: 2,
        survival: 0.5,
        blocksPlanned: 2
      })
    ])
    expect(r.byTag[0]!.unstaffed).toEqual({ nobodyOnDuty: 0, reserve: 2, tooFewPatrols: 0 })
  })

  it("then the unstaffed plan falls in the local hours it was planned for", () => {
    // 1970 Stockholm is UTC+1: minute 300 is 06:00 local.
    const byHour = report(events).lineTime.byLocalHour
    expect(byHour[6]).toMatchObject({ plannedHours: 1, deliveredHours: 0, survival: 0 })
  })
})

describe("arrival statistics", () => {
  it("given four prio-2 calls on scene after 5, 15, 25 and 40 min, then nearest-rank p50 15, p90 and p99 40, and half on scene within 20", () => {
    const events: Array<IgvEvent> = [shiftStarted(0, "p1")]
    ;[5, 15, 25, 40].forEach((arrival, i) => {
      const t0 = i * 100
      events.push(
        registered(t0, `i${i}`, 2),
        dispatched(t0 + 1, `i${i}`, "p1", 2),
        onScene(t0 + arrival, `i${i}`, "p1"),
        cleared(t0 + 60, `i${i}`, "p1")
      )
    })
    expect(report(events).response["2"]).toMatchObject({
      n: 4,
      arrived: 4,
      meanArrivalMinutes: 21.25,
      p50ArrivalMinutes: 15,
      p90ArrivalMinutes: 40,
      p99ArrivalMinutes: 40,
      arrivedWithinTarget: 0.5,
      withinTarget: 1
    })
  })

  it("given demand far above capacity, then the calls never dispatched are counted and their waits censored into every figure", () => {
    // One patrol, four prio-1 calls: only the first gets it; at the end (t = 100) the rest waited 100, 90 and 80 min.
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "a", 1),
      registered(0, "b", 1),
      dispatched(1, "a", "p1", 1),
      onScene(3, "a", "p1"),
      registered(10, "c", 1),
      registered(20, "d", 1),
      shiftEnded(100, "p1")
    ])
    expect(r.response["1"]).toMatchObject({
      count: 4,
      dispatched: 1,
      undispatched: 3,
      n: 4,
      withinTarget: 0.25,
      arrived: 1,
      arrivedWithinTarget: 0.25,
      meanDispatchMinutes: (1 + 100 + 90 + 80) / 4,
      meanArrivalMinutes: (3 + 100 + 90 + 80) / 4,
      p50ArrivalMinutes: 80
    })
  })
})

describe("dispatch-wait statistics", () => {
  it("given ten prio-1 waits of 1..10 min, then mean 5.5, nearest-rank p50 5, p90 9, p99 10 and 40 % within 4 min", () => {
    const events: Array<IgvEvent> = [shiftStarted(0, "p1")]
    for (let i = 1; i <= 10; i++) {
      const t0 = i * 100
      events.push(registered(t0, `i${i}`, 1), dispatched(t0 + i, `i${i}`, "p1", 1), cleared(t0 + 50, `i${i}`, "p1"))
    }
    expect(report(events).response["1"]).toMatchObject({
      count: 10,
      meanDispatchMinutes: 5.5,
      p50DispatchMinutes: 5,
      p90DispatchMinutes: 9,
      p99DispatchMinutes: 10,
      withinTarget: 0.4,
      dispatched: 10
    })
  })

  it("given prio-3 calls handled otherwise, then they count as registered and handled, not in the waits", () => {
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "a", 3),
      registered(1, "b", 3),
      registered(2, "c", 3),
      handledOtherwise(30, "a"),
      handledOtherwise(40, "b"),
      dispatched(300, "c", "p1", 3),
      cleared(320, "c", "p1")
    ])
    expect(r.response["3"]).toMatchObject({
      count: 3,
      handledOtherwise: 2,
      dispatched: 1,
      meanDispatchMinutes: 298,
      withinTarget: 0,
      undispatched: 0
    })
  })

  it("given a call still waiting when the feed ends, then its wait so far enters the statistics as undispatched", () => {
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "slow", 2),
      registered(10, "fast", 2),
      dispatched(15, "fast", "p1", 2),
      cleared(45, "fast", "p1"),
      shiftEnded(50, "p1")
    ])
    expect(r.response["2"]).toMatchObject({
      count: 2,
      dispatched: 1,
      undispatched: 1,
      meanDispatchMinutes: (5 + 50) / 2,
      p90DispatchMinutes: 50,
      withinTarget: 0.5
    })
  })

  it("given a prio-1 call recalls a patrol from a prio-3 job, then the prio-3 wait ends at its first dispatch", () => {
    const r = report([
      shiftStarted(0, "p1"),
      shiftStarted(0, "p2"),
      registered(0, "i3", 3),
      dispatched(0, "i3", "p1", 3),
      registered(50, "i1", 1),
      recalled(52, "i3", "p1", "i1"),
      dispatched(52, "i1", "p1", 1),
      cleared(80, "i1", "p1"),
      dispatched(90, "i3", "p2", 3),
      cleared(120, "i3", "p2"),
      shiftEnded(200, "p1"),
      shiftEnded(200, "p2")
    ])
    expect(r.response["3"]).toMatchObject({ count: 1, meanDispatchMinutes: 0, recalled: 1, dispatched: 1 })
    expect(r.response["1"]).toMatchObject({ count: 1, meanDispatchMinutes: 2, withinTarget: 1 })
    expect(r.timeUse.prio3Hours * 60).toBeCloseTo(52 + 30, 9)
    expect(r.timeUse.prio1Hours * 60).toBeCloseTo(28, 9)
  })
})

describe("time use", () => {
  it("given a community officer on a prio-1 job past the shift's end, then the overtime is on duty", () => {
    const r = report([
      shiftStarted(0, "c1", "north", "community"),
      shiftStarted(0, "p1"),
      registered(10, "i2", 2),
      dispatched(10, "i2", "p1", 2),
      cleared(40, "i2", "p1"),
      shiftEnded(100, "p1"),
      registered(200, "i1", 1),
      dispatched(200, "i1", "c1", 1),
      shiftEnded(240, "c1"),
      cleared(300, "i1", "c1")
    ])
    expect(r.timeUse.byKind.community).toMatchObject({ prio1Hours: 100 / 60, totalHours: 5, freeHours: 200 / 60 })
    expect(r.timeUse.byKind.igv).toMatchObject({ prio2Hours: 0.5, totalHours: 100 / 60 })
    expect(r.timeUse.prio12Share).toBeCloseTo(130 / 400, 12)
  })

  it("given a patrol from the south sent to a northern call, then time use goes south and the response north", () => {
    const r = report([
      shiftStarted(0, "s1", "south"),
      registered(0, "n1", 2, "north"),
      dispatched(6, "n1", "s1", 2),
      onScene(20, "n1", "s1"),
      cleared(60, "n1", "s1"),
      shiftEnded(120, "s1")
    ])
    expect(r.byArea["south"]!.timeUse).toMatchObject({ prio2Hours: 54 / 60, totalHours: 2 })
    expect(r.byArea["south"]!.response["2"].count).toBe(0)
    expect(r.byArea["north"]!.response["2"]).toMatchObject({ count: 1, meanDispatchMinutes: 6, meanArrivalMinutes: 20 })
    expect(r.byArea["north"]!.timeUse.totalHours).toBe(0)
  })
})

describe("a recorded window", () => {
  // Given a feed that opens mid-shift and ends with a block and a job still open at t = 70.
  const window: ReadonlyArray<IgvEvent> = [
    registered(5, "i1", 2),
    dispatched(10, "i1", "p9", 2),
    blockStarted(20, "b1", "p8", 100),
    registered(70, "i2", 3)
  ]

  it("then patrols first seen on a job or block were on duty from then, and open intervals close at the last t", () => {
    const r = report(window)
    expect(r.timeUse).toMatchObject({ prio2Hours: 1, plannedHours: 50 / 60, totalHours: 110 / 60 })
  })

  it("then the open block counts as planned only up to the end of the feed", () => {
    const r = report(window)
    expect(r.lineTime).toMatchObject({
      plannedHours: 50 / 60,
      deliveredHours: 50 / 60,
      survival: 1,
      blocksPlanned: 1,
      blocksUninterrupted: 1
    })
  })

  it("then reading the report mid-feed does not disturb the fold", () => {
    const p = reportProjection({ recordedFeed: {} })
    let s = p.initial()
    for (const e of window.slice(0, 3)) s = p.evolve(s, e)
    const early = p.finish(s)
    expect(p.finish(s)).toEqual(early)
    for (const e of window.slice(3)) s = p.evolve(s, e)
    expect(p.finish(s)).toEqual(report(window))
  })

  it("given a patrol called in after its shift ended, then it goes off duty when the job clears", () => {
    const r = report([
      shiftStarted(0, "p1"),
      shiftEnded(60, "p1"),
      registered(100, "i1", 1),
      dispatched(100, "i1", "p1", 1),
      cleared(130, "i1", "p1"),
      registered(500, "i2", 3)
    ])
    expect(r.timeUse).toMatchObject({ totalHours: 1.5, prio1Hours: 0.5, freeHours: 1 })
  })
})

describe("a feed with faults", () => {
  it("given a dispatch or a registration repeated, then it counts once", () => {
    const r = report([
      shiftStarted(0, "p1"),
      registered(0, "i1", 2),
      registered(0, "i1", 2),
      dispatched(5, "i1", "p1", 2),
      dispatched(6, "i1", "p1", 2),
      cleared(35, "i1", "p1"),
      shiftEnded(60, "p1")
    ])
    expect(r.response["2"]).toMatchObject({ count: 1, dispatched: 1, meanDispatchMinutes: 5 })
    expect(r.timeUse).toMatchObject({ prio2Hours: 0.5, freeHours: 0.5, totalHours: 1 })
  })

  it("given events out of time order, then it says which one", () => {
    expect(() => report([shiftStarted(10, "p1"), shiftEnded(5, "p1")])).toThrow(
      /ShiftEnded at t=5 after t=10 \(event 2\)/
    )
  })
})

describe("an empty feed", () => {
  it("then every count is 0, every figure over no data (survival, shares, medians) null, and the JSON is valid", () => {
    const r = report([])
    expect(r.lineTime).toMatchObject({ plannedHours: 0, deliveredHours: 0, survival: null, medianSegmentMinutes: null })
    expect(r.interruptions.per100PlannedHours).toBeNull()
    expect(r.timeUse.prio12Share).toBeNull()
    expect(r.byArea).toEqual({})
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/)
  })
})

describe("local time", () => {
  it("given an interruption at 12:30 Stockholm summer time, then it falls in local hour 12 (10 in UTC)", () => {
    const t = fromLocal(2024, 7, 1, 12, 30)
    const events = [
      shiftStarted(t - 60, "p1"),
      blockStarted(t - 30, "b1", "p1", 60),
      registered(t, "i1", 1),
      dispatched(t, "i1", "p1", 1),
      interrupted(t, "b1", "p1", "i1", 1)
    ]
    expect(report(events).interruptions.byLocalHour[12]).toBe(1)
    expect(report(events, { timeZone: "UTC" }).interruptions.byLocalHour[10]).toBe(1)
  })

  it("given interruptions through the DST nights and across the year, then each lands in its local hour", () => {
    const instants = [
      fromLocal(2024, 3, 31, 1, 59),
      fromLocal(2024, 3, 31, 3, 0),
      fromLocal(2024, 3, 31, 23, 30),
      fromLocal(2024, 10, 27, 2, 30),
      fromLocal(2024, 10, 27, 2, 30) + 60,
      fromLocal(2024, 10, 27, 3, 10),
      fromLocal(2024, 12, 31, 23, 59),
      fromLocal(2025, 1, 1, 0, 0)
    ]
    const events: Array<IgvEvent> = [shiftStarted(instants[0]! - 60, "p1")]
    instants.forEach((t, i) =>
      events.push(
        blockStarted(t - 0.5, `b${i}`, "p1", 30),
        registered(t, `i${i}`, 3),
        dispatched(t, `i${i}`, "p1", 3),
        interrupted(t, `b${i}`, "p1", `i${i}`, 3),
        cleared(t + 0.25, `i${i}`, "p1"),
        abandoned(t + 0.25, `b${i}`, "p1")
      )
    )
    const byHour = report(events).interruptions.byLocalHour
    const expected = new Array<number>(24).fill(0)
    for (const h of [1, 3, 23, 2, 2, 3, 23, 0]) expected[h]!++
    expect(byHour).toEqual(expected)
  })

  it("given blocks across the DST changes, then their minutes land in the local hours the clock showed", () => {
    // Spring: 01:30 CET to 03:30 CEST is one real hour, 01:30–02:00 and 03:00–03:30 on the clock.
    const spring = fromLocal(2024, 3, 31, 1, 30)
    // Autumn: 02:30 CEST to 02:30 CET is one real hour, all of it in the (twice-lived) hour 02.
    const autumn = fromLocal(2024, 10, 27, 2, 30)
    const r = report([
      shiftStarted(spring - 10, "p1"),
      blockStarted(spring, "b1", "p1", 60),
      completed(spring + 60, "b1", "p1"),
      blockStarted(autumn, "b2", "p1", 60),
      completed(autumn + 60, "b2", "p1")
    ])
    const planned = r.lineTime.byLocalHour.map((h) => h.plannedHours * 60)
    expect(planned[1]).toBeCloseTo(30, 9)
    expect(planned[2]).toBeCloseTo(60, 9)
    expect(planned[3]).toBeCloseTo(30, 9)
    expect(planned.reduce((a, b) => a + b, 0)).toBeCloseTo(120, 9)
  })

  it("rejects histogram bins that do not increase", () => {
    expect(() => reportProjection({ recordedFeed: {} }, { segmentBinsMinutes: [0, 30, 30] })).toThrow(/increase/)
  })
})
