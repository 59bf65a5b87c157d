import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string
const file = async (name: string, text: string) => {
  await writeFile(join(dir, name), text)
  return name
}

/** The example: prio 3 no longer interrupting planned blocks, prio 3 dispatched at once. */
const hypothesis = (kind: string, relation: string, extra = "") => `name: prio 3 not interrupting
kind: ${kind}
constraints:
  days: { min: 1, max: 7 }
  load: { min: 0.3, max: 0.9 }
  rules: { prio3: { handling: dispatch } }
variants:
  rules.interruptingPriorities: [[1, 2, 3], [1, 2]]
metric: lineTime.survival
relation: "${relation}"
${extra}`

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-check-e2e-"))
}, 300_000)

describe("igv check", () => {
  it("given a misspelt field, then it exits 2 naming the path and line, never checking with a default", async () => {
    const h = await file("typo.yaml", hypothesis("pathwise", ">=").replace("relation:", "relaton:"))
    const run = await igv("check", h)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain(`typo.yaml:10: at relaton: unknown field "relaton"`)
    expect(run.stderr).toContain("at relation: is missing")
  })

  it("given a variant path or held rule the scenario does not have, then it exits 2 with the path", async () => {
    const variant = await file(
      "variant.yaml",
      hypothesis("pathwise", ">=").replace("rules.interruptingPriorities", "rules.interuptingPriorities")
    )
    const held = await file(
      "held.yaml",
      hypothesis("pathwise", ">=").replace("handling: dispatch", "handlin: dispatch")
    )
    const [v, r] = [await igv("check", variant), await igv("check", held)]
    expect(v.code).toBe(2)
    expect(v.stderr).toMatch(/variant\.yaml: at variants\.rules\.interuptingPriorities: A's value: unknown field/)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/held\.yaml:6: at constraints\.rules\.prio3\.handlin: unknown field "handlin"/)
  })

  it("given a pathwise claim one seed contradicts, then it exits 3 with a counterexample igv simulate reproduces", async () => {
    const h = await file("pathwise.yaml", hypothesis("pathwise", ">=", "cases: 300\nshrinkRuns: 300\n"))
    const run = await igv("check", h, "--json")
    expect(run.code).toBe(3)
    const result = JSON.parse(run.stdout) as {
      holds: boolean
      counterexample: { seed: number; values: { a: number; b: number } }
      files: { a: string; b: string }
    }
    expect(result.holds).toBe(false)
    expect(result.files.a).toBe(join("pathwise.counterexample", "a.yaml"))
    const survival = async (f: string) =>
      (JSON.parse((await igv("simulate", "-s", f, "--json")).stdout) as { lineTime: { survival: number } }).lineTime
        .survival
    expect(await survival(result.files.a)).toBe(result.counterexample.values.a)
    expect(await survival(result.files.b)).toBe(result.counterexample.values.b)
    const text = await igv("check", h)
    expect(text.stdout).toMatch(/^DOES NOT HOLD: prio 3 not interrupting\n/)
    expect(text.stdout).toContain("Scenario A (B differs only in the settings above):\nname: generated")
  })

  it("given the same claim in expectation, then it holds (exit 0)", async () => {
    const run = await igv("check", await file("statistical.yaml", hypothesis("statistical", ">=", "cases: 5\n")))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^HOLDS: prio 3 not interrupting\n[\s\S]*tried 5 generated scenarios/)
  })

  it("given a statistical claim the data reject, then igv compare on the files gives the same estimate", async () => {
    const run = await igv(
      "check",
      await file("against.yaml", hypothesis("statistical", "<=", "cases: 5\nshrinkRuns: 5\n")),
      "--json"
    )
    expect(run.code).toBe(3)
    const { counterexample: c, files } = JSON.parse(run.stdout) as {
      counterexample: { seed: number; test: { pairs: number; mean: number; low: number } }
      files: { a: string; b: string }
    }
    expect(c.test.low).toBeGreaterThan(0)
    const compared = await igv(
      "compare",
      files.a,
      files.b,
      "--seed",
      String(c.seed),
      "--replications",
      String(c.test.pairs),
      "--json"
    )
    expect(compared.code).toBe(0)
    const rows = (JSON.parse(compared.stdout) as { comparison: { rows: Array<{ path: string; delta: number }> } })
      .comparison.rows
    expect(rows.find((r) => r.path === "lineTime.survival")!.delta).toBeCloseTo(c.test.mean, 12)
  })
})
