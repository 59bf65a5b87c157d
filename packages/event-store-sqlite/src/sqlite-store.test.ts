import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { collect } from "@igv/event-store"
import { eventStoreContract } from "@igv/event-store/contract"
import { openSqliteStore, sqlitePathFromUrl } from "./open.js"

eventStoreContract("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "igv-store-"))
  const path = join(dir, "nested", "igv.db")
  return {
    open: () => openSqliteStore(`sqlite:${path}`, { pollIntervalMs: 50 }),
    dispose: async () => rmSync(dir, { recursive: true, force: true })
  }
})

// The same contract with pages of two rows, so every read and subscription crosses page boundaries.
eventStoreContract("sqlite, pages of 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "igv-store-"))
  return {
    open: () => openSqliteStore(`sqlite:${join(dir, "igv.db")}`, { pollIntervalMs: 50, pageSize: 2 }),
    dispose: async () => rmSync(dir, { recursive: true, force: true })
  }
})

describe("sqlite store URLs", () => {
  it("accepts sqlite: URLs and plain paths, dropping a query", () => {
    expect(sqlitePathFromUrl("sqlite:./data/igv.db")).toBe("./data/igv.db")
    expect(sqlitePathFromUrl("sqlite:///var/igv.db?from=2020-01-01&area=7")).toBe("/var/igv.db")
    expect(sqlitePathFromUrl("/tmp/x.db")).toBe("/tmp/x.db")
    expect(sqlitePathFromUrl("sqlite::memory:")).toBe(":memory:")
    expect(() => sqlitePathFromUrl("sqlite:")).toThrow(/No database path/)
  })
})

describe("sqlite store across processes", () => {
  it("a second connection to the same file sees appends and conflicts on a stale expected version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-store-"))
    try {
      const path = join(dir, "shared.db")
      const writer = await openSqliteStore(path)
      const other = await openSqliteStore(path, { pollIntervalMs: 20 })
      const seen: string[] = []
      const sub = await other.subscribe({
        from: 0n,
        handler: async (batch) => void seen.push(...batch.map((e) => e.id))
      })
      const event = (id: string) => ({
        id,
        type: "t",
        occurredAt: "2026-01-01T00:00:00Z",
        schemaVersion: 1,
        payload: {}
      })
      await writer.append("area-1", [event("x1"), event("x2")], "no-stream")
      await expect(other.append("area-1", [event("y1")], "no-stream")).rejects.toMatchObject({ actual: 2 })
      for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20))
      expect(seen).toEqual(["x1", "x2"])
      expect((await collect(other.readStream("area-1"))).length).toBe(2)
      await sub.close()
      await other.close()
      await writer.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
