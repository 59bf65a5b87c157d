import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { EventQueue, IncidentQueue } from "./queue.js"

describe("EventQueue", () => {
  // The default layouts (a heap above 64 pending, sorted again at 32), and layouts that switch every few events.
  it.each([
    { layouts: "the default", heapAbove: undefined, sortedAt: undefined },
    { layouts: "switching often", heapAbove: 6, sortedAt: 3 }
  ])(
    "pops by time, then rank, then insertion order, whatever the interleaving of pushes and pops ($layouts layouts)",
    ({ heapAbove, sortedAt }) => {
      // Few distinct times, and pushes twice as likely as pops, so the list grows long with many equal times.
      const op = fc.oneof(
        {
          arbitrary: fc.record({
            push: fc.constant(true),
            t: fc.integer({ min: 0, max: 5 }),
            rank: fc.integer({ min: 0, max: 3 })
          }),
          weight: 2
        },
        { arbitrary: fc.record({ push: fc.constant(false), t: fc.constant(0), rank: fc.constant(0) }), weight: 1 }
      )
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300, size: "max" }), (ops) => {
          const q = new EventQueue(2, heapAbove, sortedAt)
          const model: Array<{ t: number; rank: number; id: number }> = []
          let id = 0
          const popBoth = () => {
            model.sort((x, y) => x.t - y.t || x.rank - y.rank || x.id - y.id)
            const want = model.shift()!
            const node = q.pop()
            expect([q.time, q.subject[node], q.kind[node]]).toEqual([want.t, want.id, want.rank])
          }
          for (const o of ops) {
            if (o.push) {
              q.push(o.t, o.rank, o.rank, id, 0)
              model.push({ t: o.t, rank: o.rank, id: id++ })
            } else if (model.length > 0) popBoth()
          }
          while (model.length > 0) popBoth()
          expect(q.size).toBe(0)
        })
      )
    }
  )
})

describe("IncidentQueue", () => {
  it("is FIFO and re-inserts by registration time", () => {
    const registered = Float64Array.from([0, 10, 20, 30, 5])
    const q = new IncidentQueue()
    for (let i = 0; i < 40; i++) q.push(i % 4)
    for (let i = 0; i < 40; i++) expect(q.shift()).toBe(i % 4)
    q.push(1)
    q.push(3)
    q.insertByRegistration(4, registered)
    q.insertByRegistration(2, registered)
    q.insertByRegistration(0, registered)
    expect([q.shift(), q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([0, 4, 1, 2, 3])
  })
})
