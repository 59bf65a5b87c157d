import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { EventStore } from "@igv/event-store"
import { afterEach } from "vitest"
import { openStoreUrl } from "./store-url.js"

/** A fresh temporary folder named after the test file's subject. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix))

/** Opens `igv.db` in a folder, with its quarantine; every store opened is closed after each test. */
export function storesClosedAfterEach(): (dir: string) => Promise<EventStore> {
  const opened: EventStore[] = []
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close()
  })
  return async (dir) => {
    const s = await openStoreUrl(join(dir, "igv.db"))
    opened.push(s)
    return s
  }
}
