import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Schema } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { decodeWith, Report, ReplicatedReport } from "@igv/domain"
import { buildCli, root, runIgv } from "./e2e-harness.test-util.js"

// The built CLI, run as a user runs it: `node services/cli/dist/main.js …`.
const scenarios = join(root, "simulations/scenarios")
const feeds = join(root, "simulations/feeds")
const igv = (...args: Array<string>) => runIgv(args, { cwd: root })
const decodes = (schema: Schema.ConstraintDecoder<unknown>, text: string) => decodeWith(schema)(JSON.parse(text)).ok

let dir: string
const file = async (name: string, text: string | Buffer) => {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
/** A preset scenario's text, to write again with a change. */
const presetText = (preset: string) => readFile(join(scenarios, `${preset}.yaml`), "utf8")
/** A short version of a preset, so the tests stay quick. */
const short = async (preset: string, days: number) =>
  file(`${preset}-${days}d.yaml`, (await presetText(preset)).replace(/^days: \d+.*$/m, `days: ${days}`))

beforeAll(async () => {
  // Build the CLI and everything it depends on, as `pnpm build` would.
  try {
    await buildCli()
  } catch (e) {
    const { stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string }
    throw new Error(`building the CLI failed:\n${stdout}${stderr}`)
  }
  dir = await mkdtemp(join(tmpdir(), "igv-e2e-"))
}, 300_000)

describe("igv simulate", () => {
  it("prints the readable report of a preset", async () => {
    const r = await igv("simulate", "--scenario", join(scenarios, "lpo-sparse-status-quo.yaml"))
    expect(r.code).toBe(0)
    for (const heading of [
      "Planned line time",
      "Interruptions of planned blocks",
      "Response (registered → patrol ordered → on scene)",
      "Time use, hours on duty",
      "By area",
      "By tag"
    ]) {
      expect(r.stdout).toContain(heading)
    }
    expect(r.stdout).toMatch(/prio 1\+2 share\s+\d+\.\d %/)
    expect(r.stdout).toContain("promise-square-weekend-nights")
    expect(r.stderr).toMatch(/^simulated 1 replication of 364 days in [\d.]+ s$/m)
    expect(r.stderr).toMatch(
      /^lpo-sparse-status-quo\.yaml: expected about [\d,]+ calls and at least [\d,]+ events \(1 replication × 364 days\)$/m
    )
  })

  it("prints a Report with --json, and a ReplicatedReport with replications", async () => {
    const once = await igv("simulate", "-s", join(scenarios, "lpo-dense-proposed.yaml"), "--json")
    expect(once.code).toBe(0)
    expect(decodes(Report, once.stdout)).toBe(true)
    const shortUrban = await short("lpo-dense-status-quo", 28)
    const many = await igv("simulate", "-s", shortUrban, "--json", "-r", "4")
    expect(many.code).toBe(0)
    expect(decodes(ReplicatedReport, many.stdout)).toBe(true)
    expect(JSON.parse(many.stdout).replications).toBe(4)
  })

  it("gives byte-identical JSON whatever the parallelism", async () => {
    const scenario = await short("lpo-mid-status-quo", 28)
    const one = await igv("simulate", "-s", scenario, "-r", "5", "--json", "--parallelism", "1")
    const two = await igv("simulate", "-s", scenario, "-r", "5", "--json", "--parallelism", "2")
    const three = await igv("simulate", "-s", scenario, "-r", "5", "--json", "--parallelism", "3")
    const auto = await igv("simulate", "-s", scenario, "-r", "5", "--json")
    expect(one.code).toBe(0)
    expect(two.stdout).toBe(one.stdout)
    expect(three.stdout).toBe(one.stdout)
    expect(auto.stdout).toBe(one.stdout)
    // A different seed is a different run.
    const other = await igv("simulate", "-s", scenario, "-r", "5", "--json", "--seed", "2")
    expect(other.stdout).not.toBe(one.stdout)
  })

  it("replays a feed given on the command line, saying which personal-data fields it dropped", async () => {
    const week = await file(
      "week.yaml",
      (await presetText("lpo-sparse-sample-week")).replace("feed: ../feeds/sample.ndjson", "feed: nowhere.ndjson")
    )
    const r = await igv("simulate", "-s", week, "--feed", join(feeds, "sample.csv"), "--json")
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.response["1"].count + report.response["2"].count + report.response["3"].count).toBe(67)
    expect(r.stderr).toContain(
      "sample.csv: 67 incidents replayed; fields dropped at read, values never kept: callerName (67), callerPhone (67), address (67), freeText (67)"
    )
    expect(r.stdout + r.stderr).not.toMatch(/Exempel|Provvägen|070-000/)
  })

  it("writes --out whole, and not at all when the input is bad", async () => {
    const out = join(dir, "report.json")
    const ok = await igv("simulate", "-s", await short("lpo-sparse-proposed", 14), "--json", "--out", out)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe("")
    expect(decodes(Report, await readFile(out, "utf8"))).toBe(true)

    const bad = await file(
      "bad.yaml",
      (await presetText("lpo-sparse-proposed")).replace("handling: defer", "handling: later")
    )
    const missing = join(dir, "never.json")
    const r = await igv("simulate", "-s", bad, "--json", "--out", missing)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    await expect(readFile(missing)).rejects.toThrow(/ENOENT/)
    expect((await readdir(dir)).filter((f) => f.includes("never"))).toEqual([])

    const nowhere = await igv(
      "simulate",
      "-s",
      join(scenarios, "lpo-sparse-sample-week.yaml"),
      "--out",
      join(dir, "no-such-folder", "r.txt")
    )
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toContain(`the folder ${join(dir, "no-such-folder")} does not exist`)
  })

  it("rejects bad input with file, line and JSON path, exit code 2", async () => {
    const bad = await file(
      "bad-prio.yaml",
      (await presetText("lpo-mid-status-quo")).replace("prio: 2, perDay: 6,", "prio: 4, perDay: 6,")
    )
    const r = await igv("simulate", "-s", bad)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/bad-prio\.yaml:\d+: at demand\.synthetic\[1\]\.prio: expected 1, 2 or 3, got 4/)

    const usage = await igv("simulate", "-s", bad, "--replications", "many")
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain(`--replications must be a whole number from 1 to 100000, not "many"`)
    expect((await igv("simulate", "--bogus")).code).toBe(2)
  })
})

describe("igv compare", () => {
  it("compares two presets on common random numbers, side by side with deltas and significance", async () => {
    const a = await short("lpo-sparse-status-quo", 56),
      b = await short("lpo-sparse-proposed", 56)
    const r = await igv("compare", a, b, "-r", "4")
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/A: Rural LPO — status quo\s+B: Rural LPO — proposed\s+delta B − A\s+significant/)
    const interruptions = r.stdout.split("\n").find((l) => l.startsWith("  by prio 3"))!
    // Deferred, prio 3 interrupts planned work only after its limit under the proposal: a significant drop.
    expect(interruptions).toMatch(/\s-\d+(\.\d)? ± [\d.]+\s+yes$/)
    const json = await igv("compare", a, b, "-r", "4", "--json")
    const parsed = JSON.parse(json.stdout)
    expect(parsed.replications).toBe(4)
    const row = parsed.comparison.rows.find((x: { path: string }) => x.path === "interruptions.byPriority.3")
    expect(row.b).toBeLessThan(row.a / 5)
    expect(row.significant).toBe(true)
    // The same scenario against itself: no difference is significant.
    const self = JSON.parse((await igv("compare", a, a, "-r", "3", "--json")).stdout)
    expect(self.comparison.rows.filter((x: { significant: boolean }) => x.significant)).toEqual([])
  })

  it("needs two files and at least two replications", async () => {
    expect((await igv("compare", join(scenarios, "lpo-sparse-status-quo.yaml"))).code).toBe(2)
    const one = await igv(
      "compare",
      join(scenarios, "lpo-sparse-status-quo.yaml"),
      join(scenarios, "lpo-sparse-proposed.yaml"),
      "-r",
      "1"
    )
    expect(one.code).toBe(2)
    expect(one.stderr).toContain("at least 2")
  })
})

describe("igv validate", () => {
  it("describes valid scenarios and feeds", async () => {
    const r = await igv(
      "validate",
      join(scenarios, "lpo-dense-proposed.yaml"),
      join(feeds, "sample.ndjson"),
      join(feeds, "sample.csv"),
      join(scenarios, "lpo-sparse-sample-week.yaml")
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`lpo-dense-proposed.yaml: valid scenario "Urban LPO — proposed"`)
    expect(r.stdout).toContain(
      "interrupting priorities (at once) 1, 2; prio 3 deferred: waits for a patrol without planned work, " +
        "takes one from planned work after 150 min whatever the interrupting priorities"
    )
    expect(r.stdout).toContain(
      "interrupting priorities (at once) 1, 2, 3; prio 3 dispatched at once, interrupting planned work"
    )
    expect(r.stdout).toMatch(/sample\.ndjson: valid feed \(NDJSON\), 67 records/)
    expect(r.stdout).toMatch(/sample\.csv: valid feed \(CSV\), 67 records/)
    expect(r.stdout).toContain(
      "fields dropped at read (values never kept): callerName (67), callerPhone (67), address (67), freeText (67)"
    )
    expect(r.stdout).toContain("replayed feed sample.ndjson: 67 incidents")
  })

  it("tells a JSON scenario from an NDJSON feed without a telling extension", async () => {
    const { parse } = await import("yaml")
    const json = await file("scenario.json", JSON.stringify(parse(await presetText("lpo-mid-status-quo")), null, 2))
    const lines = await file("feed.txt", await readFile(join(feeds, "sample.ndjson"), "utf8"))
    const r = await igv("validate", json, lines)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`scenario.json: valid scenario "Town LPO — status quo"`)
    expect(r.stdout).toContain("feed.txt: valid feed (NDJSON), 67 records")
  })

  it("lists every problem with file and line or JSON path, exit code 2", async () => {
    const scenario = await file(
      "broken.yaml",
      (await presetText("lpo-dense-status-quo"))
        .replace(`start: "07:00", end: "17:00"`, `start: "7am", end: "17:00"`)
        // The rules' field, not the meal's (timeAroundJobs.meal comes first in the file).
        .replace("\n  interruptingPriorities:", "\n  interuptingPriorities:")
    )
    const csvLines = (await readFile(join(feeds, "sample.csv"), "utf8")).split("\n")
    csvLines[3] = csvLines[3]!.replace(/,[123],/, ",9,")
    csvLines[5] = csvLines[5]!.replace(/\+0[12]:00/, "")
    const feed = await file("broken.csv", csvLines.join("\n"))
    const syntax = await file("syntax.json", `{\n  "name": "x",\n  "days": 7,\n  "areas": [ { "id": "a" } ,, ]\n}\n`)
    const r = await igv("validate", scenario, feed, syntax)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/broken\.yaml:\d+: at dimensioning\[0\]\.start: a time of day must be "HH:MM"/)
    expect(r.stderr).toMatch(/broken\.yaml:\d+: at rules\.interuptingPriorities: unknown field "interuptingPriorities"/)
    expect(r.stderr).toMatch(/broken\.csv:4: at prio: expected 1, 2 or 3$/m)
    expect(r.stderr).toMatch(/broken\.csv:6: at registeredAt: not an ISO 8601 timestamp with an offset/)
    expect(r.stderr).toContain("syntax.json:4: not valid JSON (column 29): expected a value, found ','")
    expect(r.stderr).not.toMatch(/Exempel|Provvägen|070-000|Demostigen|Testtorget/)
  })

  it("never prints a feed or binary bytes back when one is given as a scenario", async () => {
    const csv = await igv("simulate", "-s", join(feeds, "sample.csv"))
    expect(csv.code).toBe(2)
    expect(csv.stderr).toMatch(
      /sample\.csv: expected a scenario .*\(it looks like a CSV feed: give feeds with --feed\)/
    )
    const ndjson = await igv("simulate", "-s", join(feeds, "sample.ndjson"))
    expect(ndjson.code).toBe(2)
    const garbage = await file(
      "garbage.bin",
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256))
    )
    const binary = await igv("simulate", "-s", garbage)
    expect(binary.code).toBe(2)
    for (const r of [csv, ndjson, binary]) {
      expect(r.stderr.length).toBeLessThan(1200)
      expect(r.stderr).not.toMatch(/Exempel|Provvägen|070-000|Demostigen|Testtorget|HR-2024/)
      expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    }
  })

  it("knows the presets by name", async () => {
    const all = await igv("validate", "--presets")
    expect(all.code).toBe(0)
    const presets = (await readdir(scenarios)).filter((f) => f.endsWith(".yaml"))
    expect(presets.length).toBeGreaterThanOrEqual(10)
    expect(all.stdout.match(/: valid scenario/g)).toHaveLength(presets.length)
    const byName = await igv("validate", "lpo-dense-proposed")
    expect(byName.stdout).toContain(`lpo-dense-proposed.yaml: valid scenario "Urban LPO — proposed"`)
    const unknown = await igv("simulate", "-s", "lpo-nowhere")
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(
      "lpo-nowhere: no such file, nor a preset of that name (presets: lpo-dense-proposed, lpo-dense-proposed-preempt, lpo-dense-status-quo,"
    )
  })

  it("shows help with examples for each command", async () => {
    for (const command of ["simulate", "compare", "validate"]) {
      const r = await igv(command, "--help")
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^Usage: igv ${command}`))
      expect(r.stdout).toContain("Examples:")
    }
    const overview = await igv("--help")
    expect(overview.stdout).toMatch(/simulate\s+run a scenario/)
  })
})
