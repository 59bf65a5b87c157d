import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FeedInvalid } from "@igv/runner"
import { describe, expect, it } from "vitest"
import { readWindowEvents } from "./window-events.js"

describe("readWindowEvents of a feed file", () => {
  it("refuses a feed with bad rows, listing the first hundred by line and counting the rest", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "igv-window-")), "local-times.csv")
    const rows = Array.from({ length: 250 }, (_, i) => `HR-${i},2024-01-01 10:00,a,2,30`)
    await writeFile(path, `id,registeredAt,area,prio,onSceneMinutes\n${rows.join("\n")}\n`)
    const refused = await readWindowEvents(path, {}).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(FeedInvalid)
    const e = refused as FeedInvalid
    expect(e.issues.map((i) => i.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2))
    expect(e.unlisted).toBe(150)
    expect(e.message.split("\n").at(-1)).toBe(`${path}: … and 150 more problems`)
    expect(e.message).not.toContain("2024-01-01 10:00")
  })
})
