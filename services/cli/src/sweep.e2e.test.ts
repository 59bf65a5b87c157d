import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parquetReadObjects } from "hyparquet"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-sweep-e2e-"))
  await writeFile(join(dir, "week.yaml"), `${twoLpoWeek(3)}rules:\n  prio3: { handling: defer }\n`)
}, 300_000)

describe("igv sweep", () => {
  it("given a grid, then it prints one CSV row per combination, every point on the same seeds", async () => {
    const run = await igv(
      "sweep",
      "week.yaml",
      "--vary",
      "rules.prio3.deferLimitMinutes=30..90:60",
      "--vary",
      "rules.interruptingPriorities=[1,2,3]|[1]",
      "-r",
      "3",
      "--seed",
      "5",
      "--metric",
      "lineTime.survival",
      "--parallelism",
      "1"
    )
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain("changes nothing")
    const lines = run.stdout.trim().split("\n")
    expect(lines[0]).toBe(
      "point,rules.prio3.deferLimitMinutes,rules.interruptingPriorities,replications,lineTime.survival.mean,lineTime.survival.halfWidth95"
    )
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["0,30", "1,30", "2,90", "3,90"])
    // Point 0 is the scenario with the limit at 30: igv simulate over the same seeds gives the same mean.
    await writeFile(
      join(dir, "point0.yaml"),
      `${twoLpoWeek(3)}rules:\n  prio3: { handling: defer, deferLimitMinutes: 30 }\n  interruptingPriorities: [1, 2, 3]\n`
    )
    const simulated = JSON.parse(
      (await igv("simulate", "-s", "point0.yaml", "-r", "3", "--seed", "5", "--json", "--parallelism", "1")).stdout
    ) as { mean: { lineTime: { survival: number } } }
    expect(Number(lines[1]!.split(",").at(-2))).toBe(simulated.mean.lineTime.survival)
  })

  it("given a factor that changes nothing at any point, then it says so before the run and still sweeps", async () => {
    await writeFile(join(dir, "dispatch.yaml"), twoLpoWeek(3))
    const run = await igv(
      "sweep",
      "dispatch.yaml",
      "--vary",
      "rules.prio3.deferLimitMinutes=60|120",
      "--vary",
      "rules.interruptingPriorities=[1,2,3]|[1]",
      "-r",
      "1",
      "--parallelism",
      "1"
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      "igv sweep: warning: --vary rules.prio3.deferLimitMinutes changes nothing at any point of this sweep: at rules.prio3.deferLimitMinutes: no effect: prio 3 is dispatched at once"
    )
    expect(run.stderr).not.toContain("--vary rules.interruptingPriorities changes nothing")
    expect(run.stdout.trim().split("\n")).toHaveLength(5)
  })

  it("given a Latin hypercube, then it runs --samples points, the same for the same seed, as JSON lines", async () => {
    const args = [
      "sweep",
      "week.yaml",
      "--vary",
      "rules.prio3.deferLimitMinutes=0..240:10",
      "--vary",
      "rules.prio3.handledOtherwiseShare=0..0.5:0.05",
      "--design",
      "lhs",
      "--samples",
      "4",
      "-r",
      "2",
      "--format",
      "jsonl",
      "--metric",
      "interruptions.total",
      "--parallelism",
      "1"
    ]
    const [first, again] = [await igv(...args), await igv(...args)]
    expect(first.code).toBe(0)
    const rows = first.stdout
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as { point: number; values: Record<string, number>; metrics: Record<string, { mean: number }> }
      )
    expect(rows.map((r) => r.point)).toEqual([0, 1, 2, 3])
    // 25 limits over 4 strata: one limit from each of 0–50, 60–110, 120–170, 180–240 minutes.
    expect(
      rows.map((r) => [60, 120, 180, 250].findIndex((top) => r.values["rules.prio3.deferLimitMinutes"]! < top)).sort()
    ).toEqual([0, 1, 2, 3])
    expect(again.stdout).toBe(first.stdout)
  })

  it("given --format parquet --out and --html, then the Parquet file reads back as the JSON-lines rows and the page charts every point", async () => {
    const sweep = [
      "sweep",
      "week.yaml",
      "--vary",
      "rules.prio3.deferLimitMinutes=30..90:30",
      "--vary",
      "rules.interruptingPriorities=[1,2,3]|[1]",
      "-r",
      "3",
      "--seed",
      "5",
      "--metric",
      "lineTime.survival",
      "--metric",
      "interruptions.total",
      "--parallelism",
      "1"
    ]
    const parquet = await igv(...sweep, "--format", "parquet", "--out", "table.parquet", "--html", "sweep.html")
    expect(parquet.code).toBe(0)
    expect(parquet.stdout).toBe("")
    expect(parquet.stderr).toContain("wrote table.parquet")
    const jsonl = await igv(...sweep, "--format", "jsonl")
    const rows = jsonl.stdout
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            point: number
            values: Record<string, unknown>
            replications: number
            metrics: Record<string, { mean: number | null; halfWidth: number | null }>
          }
      )
    const bytes = await readFile(join(dir, "table.parquet"))
    const read = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    })
    expect(read).toEqual(
      rows.map((r) => ({
        point: r.point,
        "rules.prio3.deferLimitMinutes": r.values["rules.prio3.deferLimitMinutes"],
        "rules.interruptingPriorities": JSON.stringify(r.values["rules.interruptingPriorities"]),
        replications: r.replications,
        ...Object.fromEntries(
          Object.entries(r.metrics).flatMap(([m, f]) => [
            [`${m}.mean`, f.mean],
            [`${m}.halfWidth95`, f.halfWidth]
          ])
        )
      }))
    )
    // The page: a chart per metric and factor, each with one mark per point (6 points), and nothing fetched.
    const html = await readFile(join(dir, "sweep.html"), "utf8")
    const charts = [...html.matchAll(/<figure>(.*?)<\/figure>/g)].map(([, body]) =>
      [...body!.matchAll(/<g class="mark" data-point="(\d+)">/g)].map(([, p]) => Number(p))
    )
    expect(charts).toEqual(Array.from({ length: 4 }, () => [0, 1, 2, 3, 4, 5]))
    expect(html).not.toMatch(/<script|<link|src=|href=/i)

    const noOut = await igv(...sweep, "--format", "parquet")
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toContain("--format parquet writes a binary file: name it with --out FILE")
    const noFolder = await igv(...sweep, "--html", "absent/sweep.html")
    expect(noFolder.code).toBe(2)
    expect(noFolder.stderr).toContain("cannot write --html absent/sweep.html")
  })

  it("given a path the scenario does not have, then it exits 2 naming it, before running anything", async () => {
    const run = await igv("sweep", "week.yaml", "--vary", "rules.prio3.deferLimitMinuts=30..90:60")
    expect(run.code).toBe(2)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain(`unknown field "deferLimitMinuts"`)
    const lhs = await igv("sweep", "week.yaml", "--vary", "rules.prio3.deferLimitMinutes=30..90:60", "--design", "lhs")
    expect(lhs.code).toBe(2)
    expect(lhs.stderr).toContain("--design lhs needs --samples N")
  })
})
