import type { StoredEvent } from "@igv/event-store"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { command, selectRows, type Analytics } from "./client.js"
import { insertFeedEvents } from "./feed-rows.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { nastyString, wellFormedString } from "./literal-arbitraries.test-util.js"
import { migrate } from "./migrations.js"
import { sql } from "./sql.js"
import { table } from "./tables.js"

const anyText = fc.oneof(wellFormedString, nastyString)
// Strings the server stores as UTF-8: lone surrogates would come back as U+FFFD, whatever the format.
const storable = anyText.filter((s) => Buffer.from(s, "utf8").toString("utf8") === s)

const storedEvent = fc
  .record({
    id: storable,
    stream: storable,
    type: storable,
    area: storable,
    incident: storable,
    patrol: storable,
    prio: fc.constantFrom(1, 2, 3),
    minutes: fc.integer({ min: 0, max: Math.floor((2 ** 32 - 1) / 60) }),
    note: storable,
    withText: fc.boolean()
  })
  .map(({ withText, ...r }): StoredEvent => {
    const payload = { t: r.minutes, area: r.area, incident: r.incident, patrol: r.patrol, prio: r.prio, note: r.note }
    return {
      id: r.id,
      type: r.type,
      stream: r.stream,
      version: 1,
      position: 0n,
      occurredAt: "",
      recordedAt: "2026-11-30T12:00:00.000Z",
      schemaVersion: 2,
      payload,
      ...(withText ? { payloadJson: JSON.stringify(payload) } : {})
    }
  })

describe("feed rows against the real server (TabSeparated)", () => {
  let a: Analytics
  beforeAll(async () => {
    a = await freshAnalytics("feedrows")
    await migrate(a)
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  it("every field of any event reads back unchanged, each in its own column", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(storedEvent, { minLength: 1, maxLength: 8 }), async (events) => {
        await command(a, sql`TRUNCATE TABLE ${table(a, "feedEvents")}`)
        const positioned = events.map((e, i) => ({ ...e, position: BigInt(i + 1) }))
        await insertFeedEvents(a, positioned)
        const rows = await selectRows<Record<string, unknown>>(
          a,
          sql`SELECT event_id, position, stream, type,
        toUnixTimestamp(occurred_at) AS occurred, toUnixTimestamp(recorded_at) AS recorded, area_id, incident_id, patrol_id,
        block_id, priority, schema_version, payload FROM ${table(a, "feedEvents")} ORDER BY position`
        )
        expect(rows).toEqual(
          positioned.map((e) => {
            const p = e.payload as { t: number; area: string; incident: string; patrol: string; prio: number }
            return {
              event_id: e.id,
              position: String(e.position),
              stream: e.stream,
              type: e.type,
              occurred: p.t * 60,
              recorded: Date.parse(e.recordedAt) / 1000,
              area_id: p.area,
              incident_id: p.incident,
              patrol_id: p.patrol,
              block_id: "",
              priority: p.prio,
              schema_version: 2,
              payload: JSON.stringify(e.payload)
            }
          })
        )
      }),
      { numRuns: 60 }
    )
  })
})
