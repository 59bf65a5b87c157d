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
