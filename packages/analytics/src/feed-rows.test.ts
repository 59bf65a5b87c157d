import type { StoredEvent } from "@igv/event-store"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { encodeFeedRows, feedEventLine, withoutEvents } from "./feed-rows.js"
import { nastyString, wellFormedString } from "./literal-arbitraries.test-util.js"

const event = (id: string, position: number): StoredEvent => ({
  id,
  type: "PatrolCleared",
  stream: "area-1",
  version: position,
  position: BigInt(position),
  occurredAt: "2026-11-30T12:00:00Z",
  recordedAt: "2026-11-30T12:00:01.000Z",
  schemaVersion: 1,
  payload: { t: 29_403_000, incident: `i${id}`, patrol: "p\t1" }
})

describe("withoutEvents", () => {
  it("drops exactly the rows of the given ids, whatever characters the ids hold", () => {
    const ids = fc.uniqueArray(fc.oneof(wellFormedString, nastyString), { minLength: 1, maxLength: 12 })
    fc.assert(
      fc.property(ids, fc.integer({ min: 1, max: 4 }), fc.func(fc.boolean()), (all, parts, present) => {
        const events = all.map((id, i) => event(id, i + 1))
        const groups = Array.from({ length: parts }, (_, k) => events.filter((_, i) => i % parts === k))
        const drop = new Set(all.filter((id) => present(id)))
        const kept = withoutEvents(
          groups.map((g) => encodeFeedRows(g.map(feedEventLine))),
          drop
        )
        const keptLines = kept.flatMap((c) =>
          c.body
            .toString("utf8")
            .split("\n")
            .filter((l) => l !== "")
        )
        expect(keptLines).toEqual(
          groups
            .flat()
            .filter((e) => !drop.has(e.id))
            .map(feedEventLine)
        )
        expect(kept.reduce((n, c) => n + c.rows, 0)).toBe(all.length - drop.size)
      }),
      { numRuns: 500 }
    )
  })
})
