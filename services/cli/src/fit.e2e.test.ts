import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-fit-e2e-"))
  await writeFile(join(dir, "week.yaml"), twoLpoWeek(3).replace("days: 7", "days: 28"))
  const sim = await igv("simulate", "-s", "week.yaml", "--events", "events.ndjson")
  if (sim.code !== 0) throw new Error(sim.stderr)
}, 300_000)

describe("igv fit", () => {
  it("fits a simulated feed from a file and from a store into a scenario igv validate accepts", async () => {
    const fit = await igv("fit", "--feed", "events.ndjson", "--out", "fitted.yaml")
    expect(fit.code, fit.stderr).toBe(0)
    expect(fit.stderr).toMatch(/fitted 3 demand stream\(s\)/)
    const text = await readFile(join(dir, "fitted.yaml"), "utf8")
    expect(text).toMatch(/# \d+ calls over [\d.]+ days/)
    expect(text).not.toMatch(/lpo1\/igv\/\d|lpo1-1-\d/)
    const validate = await igv("validate", "fitted.yaml")
    expect(validate.code, validate.stderr).toBe(0)

    expect((await igv("ingest", "events.ndjson", "--store", "sqlite:store.db")).code).toBe(0)
    const stored = await igv("fit", "--feed", "sqlite:store.db", "--from", "2024-03-25", "--to", "2024-04-22")
    expect(stored.code, stored.stderr).toBe(0)
    expect(stored.stdout.replace(/^#.*\n/gm, "")).toBe(text.replace(/^#.*\n/gm, ""))
  })

  it("fits a feed written in local times without an offset when --time-zone names their zone, and only then", async () => {
    const text = await readFile(join(dir, "events.ndjson"), "utf8")
    // The export a spreadsheet would give: the same events at the local times Stockholm's clocks showed.
    const local = text.replace(/("at":"[^"]+?)[+-]\d{2}:\d{2}"/g, '$1"')
    expect(local).not.toMatch(/"at":"[^"]+[+-]\d{2}:\d{2}"/)
    await writeFile(join(dir, "local.ndjson"), local)
    const refused = await igv("fit", "--feed", "local.ndjson")
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/local\.ndjson:1: at: not an ISO 8601 timestamp with an offset/)
    const fitted = await igv("fit", "--feed", "local.ndjson", "--time-zone", "Europe/Stockholm")
    expect(fitted.code, fitted.stderr).toBe(0)
    const fromOffsets = await igv("fit", "--feed", "events.ndjson")
    expect(fitted.stdout.replace(/^#.*\n/gm, "")).toBe(fromOffsets.stdout.replace(/^#.*\n/gm, ""))
  })

  it("checks a scenario against the feed, and a hold-out fit against the days it did not see", async () => {
    const check = await igv("fit", "--check", "week.yaml", "--feed", "events.ndjson", "--replications", "19")
    expect(check.code, check.stderr).toBe(0)
    expect(check.stdout).toMatch(/response\.1\.p50DispatchMinutes +[\d.]+ +[\d.]+ +[\d.]+ – [\d.]+ +(yes|NO)/)
    expect(check.stdout).toMatch(
      /\d+ of \d+ figures inside their interval; .*\(19 replications; nominal coverage 90 %\)/
    )
    const holdout = await igv("fit", "--feed", "events.ndjson", "--holdout", "0.25", "--out", "held.yaml")
    expect(holdout.code, holdout.stderr).toBe(0)
    expect(holdout.stdout).toMatch(/hold-out check: fitted on 2024-03-25 \+ 21 days, checked on 2024-04-15 \+ 7 days/)
    expect(await readFile(join(dir, "held.yaml"), "utf8")).toMatch(/^days: 21$/m)
    expect((await igv("fit", "--feed", "events.ndjson", "--holdout", "1.5", "--out", "x.yaml")).code).toBe(2)
    expect((await igv("fit", "--feed", "events.ndjson", "--holdout", "0.25")).code).toBe(2)
  })

  it("exits 2 on a window with nothing to fit, a store that does not exist, or no --feed", async () => {
    const empty = await igv("fit", "--feed", "events.ndjson", "--from", "2030-01-01", "--to", "2030-02-01")
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/no incident registrations/)
    expect((await igv("fit", "--feed", "sqlite:missing.db")).code).toBe(2)
    expect((await igv("fit")).code).toBe(2)
  })
})
