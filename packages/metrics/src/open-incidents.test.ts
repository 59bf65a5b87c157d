import { describe, expect, it } from "vitest"
import { OpenIncidents } from "./open-incidents.js"
import { newArea } from "./report-state.js"

const area = newArea("a")

describe("open incidents", () => {
  it("given a recorded stream, each open incident takes the lowest free key, and a closed one's key is given again", () => {
    const open = new OpenIncidents()
    open.open("i1", undefined, area, 1, 0)
    open.open("i2", undefined, area, 2, 5)
    const first = open.get("i1", undefined)!
    open.close("i1", undefined, first)
    expect(open.get("i1", undefined)).toBeUndefined()
    open.open("i3", undefined, area, 3, 9)
    // i3 reuses i1's record, reset: nothing of i1 shows through.
    expect(open.get("i3", undefined)).toBe(first)
    expect(first).toMatchObject({ prio: 3, registeredT: 9, dispatched: false, active: 0, open: true })
    expect([...open.stillOpen()].map((i) => i.registeredT)).toEqual([9, 5])
  })

  it("given the simulator's keys, no id is looked up, and a key given again while its incident is open is refused", () => {
    const open = new OpenIncidents()
    open.open("i1", 0, area, 1, 0)
    expect(open.get("any id", 0)?.registeredT).toBe(0)
    expect(open.get("i1", 1)).toBeUndefined()
    expect(() => open.open("i2", 0, area, 2, 1)).toThrow(/key 0 given again while its incident is open/)
    open.close("i1", 0, open.get("i1", 0)!)
    open.open("i2", 0, area, 2, 1)
    expect(open.get("i2", 0)?.prio).toBe(2)
  })
})
