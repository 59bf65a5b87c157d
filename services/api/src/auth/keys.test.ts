import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openSqliteStore } from "@igv/event-store-sqlite"
import { afterEach, describe, expect, it } from "vitest"
import { KeyRing } from "./keys.js"

const dirs: Array<string> = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe("key ring", () => {
  it("takes a key another process made a moment ago, though its own fold is younger than the staleness bound", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-keys-"))
    dirs.push(dir)
    const url = `sqlite:${join(dir, "keys.db")}`
    const [serverStore, adminStore] = [await openSqliteStore(url), await openSqliteStore(url)]
    const server = new KeyRing(serverStore, 60_000)
    const admin = new KeyRing(adminStore, 60_000)
    const first = await admin.create("admin", "first", "test")
    expect(await server.authenticate(first.key)).toEqual({ keyId: first.record.id, role: "admin" })

    const second = await admin.create("planner", "made just now", "test")
    expect(await server.authenticate(second.key)).toEqual({ keyId: second.record.id, role: "planner" })
    // Revocation still waits for the staleness bound: a known key is not re-read on every request.
    expect(
      await server.authenticate(`${second.key.slice(0, -1)}${second.key.endsWith("A") ? "B" : "A"}`)
    ).toBeUndefined()
    await serverStore.close()
    await adminStore.close()
  })
})
