import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { isKafkaUrl, openStore, splitQuery, StoreMissing } from "./store-url.js"

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "igv-store-url-"))
  dirs.push(d)
  return d
}

describe("store URLs", () => {
  it("splits a store URL from its query, and an URL without one has an empty query", () => {
    const { url, query } = splitQuery("kafka://127.0.0.1:9092/feed?partitions=3&from=2024-03-01")
    expect(url).toBe("kafka://127.0.0.1:9092/feed")
    expect([...query.entries()]).toEqual([
      ["partitions", "3"],
      ["from", "2024-03-01"]
    ])
    expect([...splitQuery("sqlite:./a.db").query.keys()]).toEqual([])
  })

  it("tells a Kafka URL from a SQLite one", () => {
    expect(isKafkaUrl("kafka://h:9092/t")).toBe(true)
    expect(isKafkaUrl("sqlite:./kafka.db")).toBe(false)
  })

  it("opens a new SQLite store for writing, and refuses a missing one for reading without creating it", async () => {
    const path = join(tempDir(), "igv.db")
    await expect(openStore(`sqlite:${path}`, { existing: true })).rejects.toBeInstanceOf(StoreMissing)
    expect(existsSync(path)).toBe(false)
    const store = await openStore(`sqlite:${path}?from=2024-03-01`)
    await store.close()
    expect(existsSync(path)).toBe(true)
    const again = await openStore(path, { existing: true })
    await again.close()
  })
})
