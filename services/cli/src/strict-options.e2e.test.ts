import { existsSync, readdirSync } from "node:fs"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { syntheticFeedLines } from "@igv/ingest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

// Options a careless user gets wrong, through the built CLI: each is an error (exit 2) naming the rule, before any work.
const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })
let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-options-e2e-"))
  await writeFile(join(dir, "week.yaml"), twoLpoWeek(1))
  await writeFile(
    join(dir, "feed.ndjson"),
    `${[...syntheticFeedLines({ incidents: 300, seed: 2, areas: ["lpo1", "lpo2"], start: Date.UTC(2024, 2, 25) / 60_000 })].join("\n")}\n`
  )
  const ingested = await igv("ingest", "feed.ndjson", "--store", "sqlite:./igv.db")
  expect(ingested.code).toBe(0)
}, 300_000)

describe("strict options", () => {
  it("igv --version prints the version", async () => {
    const r = await igv("--version")
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^igv \d+\.\d+\.\d+\n$/)
  })

  it("history --store on a path that does not exist is an error, and creates nothing", async () => {
    const r = await igv("history", "--store", "sqlite:./missing.db")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("--store: there is no event store at ./missing.db")
    expect(existsSync(join(dir, "missing.db"))).toBe(false)
  })

  it("a --feed store that fails leaves no stray database file", async () => {
    const r = await igv("simulate", "-s", "week.yaml", "--feed", "sqlite:./stray.db?from=2024-03-25")
    expect(r.code).toBe(2)
    expect(readdirSync(dir).filter((f) => f.startsWith("stray"))).toEqual([])
  })

  it("--out into a folder that does not exist fails before the run starts", async () => {
    const r = await igv("simulate", "-s", "week.yaml", "-r", "2", "--out", "no/such/folder/report.txt")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `cannot write --out no/such/folder/report.txt: the folder ${join(dir, "no/such/folder")} does not exist`
    )
    // Nothing ran: no progress summary.
    expect(r.stderr).not.toMatch(/simulated \d+ replication/)
    const folder = await igv("simulate", "-s", "week.yaml", "--out", ".")
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain("cannot write --out .: it is a folder")
    expect(folder.stderr).not.toMatch(/simulated \d+ replication/)
  })

  it("--from 2024-04-32 is refused with the rule, not rolled over into May", async () => {
    const r = await igv("history", "--store", "sqlite:./igv.db", "--from", "2024-04-32", "--to", "2024-05-05")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--from "2024-04-32": April 2024 has days 01 to 30`)
  })

  it("--area naming an area the store does not hold is an error listing the areas it does", async () => {
    const r = await igv("history", "--store", "sqlite:./igv.db", "--area", "lpo9")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--area: area "lpo9" is not in the store (areas with stored events: lpo1, lpo2)`)
    const known = await igv("history", "--store", "sqlite:./igv.db", "--area", "lpo1", "--json")
    expect(known.code).toBe(0)
  })
})
