import type { IgvEvent } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { observeQueue, shareAbove } from "./queue-observer.js"

const reg = (t: number, incident: string, prio: 1 | 2 | 3 = 2) =>
  ({ _tag: "IncidentRegistered", t, incident, area: "a", prio, onSceneMinutes: 10, unitsNeeded: 1 }) as IgvEvent
const disp = (t: number, incident: string, patrol = "p") =>
  ({ _tag: "PatrolDispatched", t, incident, patrol, prio: 2 }) as IgvEvent
const clear = (t: number, incident: string, patrol = "p") =>
  ({ _tag: "PatrolCleared", t, incident, patrol }) as IgvEvent

describe("observeQueue", () => {
  it("measures waits from registration to first dispatch and integrates the number waiting over the window", () => {
    const o = observeQueue(10, 30)
    // x registered before the window: waits counted in the integral, not in the waits.
    for (const e of [
      reg(5, "x"),
      reg(12, "y", 1),
      disp(15, "x"),
      clear(16, "x"),
      disp(16, "y"),
      disp(17, "y", "q"),
      reg(20, "z", 3),
      clear(25, "y"),
      clear(25, "y", "q"),
      reg(29, "w"),
      disp(40, "z")
    ])
      o.onEvent(e)
    const r = o.finish()
    expect(r.waits[1]).toEqual([4])
    expect(r.waits[3]).toEqual([20])
    expect(r.waits[2]).toEqual([])
    expect(r.undispatched).toBe(1)
    // Waiting: 1 on [10,12), 2 on [12,15), 1 on [15,16), 0 on [16,20), 1 on [20,29), 2 on [29,30).
    expect(r.meanNumberWaiting).toBeCloseTo((2 + 6 + 1 + 0 + 9 + 2) / 20, 12)
    expect(r.windowMinutes).toBe(20)
    // Busy: 0 on [10,15), 1 on [15,17) (x cleared and y dispatched at 16), 2 on [17,25), 0 after.
    expect(r.meanNumberBusy).toBeCloseTo((2 + 16) / 20, 12)
    // Registered in the window: y, z, w (10 on-scene minutes each, one unit); x before it.
    expect(r.windowWorkMinutes).toBe(30)
    expect(r.totalWorkMinutes).toBe(40)
    // Dispatches: x, y (twice: two patrols), z; w never.
    expect(r.dispatchedWorkMinutes).toBe(40)
  })

  it("counts a wait of zero as no wait", () => {
    expect(shareAbove([0, 0, 1e-12, 3], 0)).toBe(0.25)
  })
})
