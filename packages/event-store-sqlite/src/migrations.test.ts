import Database from "better-sqlite3"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { collect } from "@igv/event-store"
import { SCHEMA_VERSION } from "./migrations.js"
import { openSqliteStore } from "./open.js"

// The schema as release 0 wrote it: no event-time column, no index on type or time, user_version 0.
const VERSION_0 = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
  occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, schema_version INTEGER NOT NULL, payload TEXT NOT NULL, UNIQUE (stream, version)
);
CREATE TABLE checkpoints (consumer TEXT PRIMARY KEY, position INTEGER NOT NULL);
`

const dirs: string[] = []
const freshPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "igv-migrate-"))
  dirs.push(dir)
  return join(dir, "igv.db")
}
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true })
})

const plans = (path: string, sql: string, ...params: unknown[]) => {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail)
  } finally {
    db.close()
  }
}

describe("sqlite store schema migrations", () => {
  it("brings a file written by the first schema to the current one, backfilling event time, and reads windows from it", async () => {
    const path = freshPath()
    const old = new Database(path)
    old.exec(VERSION_0)
    const insert = old.prepare(
      "INSERT INTO events (id, stream, version, type, occurred_at, recorded_at, schema_version, payload) VALUES (?, ?, ?, ?, ?, ?, 1, '{}')"
    )
    // More rows than one backfill page, in two streams, with times that are in no window.
    old.transaction(() => {
      for (let i = 0; i < 12_345; i++) {
        const occurredAt =
          i === 7 ? "not a time" : new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace("Z", "+00:00")
        insert.run(
          `e${i}`,
          `area-${i % 2}`,
          Math.floor(i / 2) + 1,
          i % 3 === 0 ? "IncidentRegistered" : "PatrolDispatched",
          occurredAt,
          "2024-01-01T00:00:00Z"
        )
      }
    })()
    old.close()

    const store = await openSqliteStore(path)
    const from = Date.UTC(2024, 0, 1) + 6_000 * 60_000
    const window = await collect(
      store.readWindow({ from, to: from + 30 * 60_000, types: ["IncidentRegistered"], stream: "area-0" })
    )
    expect(window.map((e) => e.id)).toEqual(
      Array.from({ length: 30 }, (_, k) => 6_000 + k)
        .filter((i) => i % 3 === 0 && i % 2 === 0)
        .map((i) => `e${i}`)
    )
    expect((await collect(store.readWindow({ to: Date.UTC(2024, 0, 1) + 10 * 60_000 }))).map((e) => e.id)).toEqual([
      "e0",
      "e1",
      "e2",
      "e3",
      "e4",
      "e5",
      "e6",
      "e8",
      "e9"
    ])
    // Appends after the migration carry their event time too.
    await store.append("area-0", [
      { id: "late", type: "IncidentRegistered", occurredAt: "2024-01-01T01:00:30+01:00", schemaVersion: 1, payload: {} }
    ])
    expect(
      (
        await collect(
          store.readWindow({
            from: Date.UTC(2024, 0, 1),
            to: Date.UTC(2024, 0, 1, 0, 1),
            types: ["IncidentRegistered"]
          })
        )
      ).map((e) => e.id)
    ).toEqual(["e0", "late"])
    await store.close()

    const db = new Database(path, { readonly: true })
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.prepare("SELECT count(*) AS n FROM events WHERE occurred_ms IS NULL").get()).toEqual({ n: 1 })
    db.close()
    // A second open finds nothing left to do.
    await (await openSqliteStore(path)).close()
  })

  it("reads a window through the time indexes, never scanning the table", async () => {
    const path = freshPath()
    await (await openSqliteStore(path)).close()
    const keyset = "(occurred_ms, position) > (?, ?) AND occurred_ms < ? ORDER BY occurred_ms, position LIMIT ?"
    const byType = plans(path, `SELECT * FROM events WHERE type = ? AND ${keyset}`, "t", 0, 0, 1, 10)
    // The reader names this index (both would serve `stream = ? AND type = ?`): it must take every key and sort nothing.
    const byStream = plans(
      path,
      `SELECT * FROM events INDEXED BY events_stream_type_time WHERE stream = ? AND type = ? AND ${keyset}`,
      "s",
      "t",
      0,
      0,
      1,
      10
    )
    expect(byType.join(" | ")).toMatch(/SEARCH events USING INDEX events_type_time \(type=\? AND occurred_ms>\?/)
    expect(byStream.join(" | ")).toMatch(
      /SEARCH events USING INDEX events_stream_type_time \(stream=\? AND type=\? AND occurred_ms>\?/
    )
    for (const plan of [...byType, ...byStream]) expect(plan).not.toMatch(/SCAN events|TEMP B-TREE/)
  })

  it("lists streams by seeking through the stream index, never scanning the table", async () => {
    const path = freshPath()
    await (await openSqliteStore(path)).close()
    const step = plans(path, "SELECT min(stream) FROM events WHERE stream > ?", "area-")
    expect(step.join(" | ")).toMatch(/SEARCH events USING COVERING INDEX \w+ \(stream>\?\)/)
  })

  it("refuses a file from a newer schema with a clear error", async () => {
    const path = freshPath()
    const db = new Database(path)
    db.exec(VERSION_0)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    await expect(openSqliteStore(path)).rejects.toThrow(/schema version \d+, newer than this build knows/)
  })
})
