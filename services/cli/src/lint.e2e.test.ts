import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek } from "./e2e-harness.test-util.js"

let dir: string
const file = async (name: string, text: string) => {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
const igv = (...args: Array<string>) => runIgv(args, { cwd: dir })

/** The two-LPO week with patrols around the clock: nothing to warn of. */
const clean = twoLpoWeek(7).replaceAll(`start: "07:00", end: "19:00"`, `start: "00:00", end: "00:00"`)
/** The same with settings that do nothing or contradict each other, each on a line of its own. */
const flawed = `${clean}  - { area: lpo2, start: "22:00", durationMinutes: 60, patrols: 3, tag: night-promise }
rules:
  prio3:
    handling: dispatch
    deferLimitMinutes: 90
  borrowing:
    - { prio: 1, afterMinutes: 6 }
`
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-lint-e2e-"))
}, 300_000)

describe("scenario warnings in the CLI", () => {
  it("validate names every setting without effect or in contradiction, with file, line and path, and still exits 0", async () => {
    const path = await file("flawed.yaml", flawed)
    const r = await igv("validate", path)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`flawed.yaml: valid scenario "two LPOs, one week"`)
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `${path}:${lineOf(flawed, "night-promise")}: warning: at plannedBlocks[2].patrols: this block needs 3 IGV patrols, but at 7 of its 7 starts fewer are on duty beyond the reserve (first Mon 2024-03-25 22:00: 2 on duty); the rest is never staffed`,
      `${path}:${lineOf(flawed, "deferLimitMinutes")}: warning: at rules.prio3.deferLimitMinutes: no effect: prio 3 is dispatched at once (prio3.handling: dispatch); the limit applies only under defer`,
      `${path}:${lineOf(flawed, "afterMinutes: 6")}: warning: at rules.borrowing[0]: no effect: no area has a neighbour to borrow from`
    ])
    const none = await igv("validate", await file("clean.yaml", clean))
    expect(none.code).toBe(0)
    expect(none.stderr).toBe("")
  })

  it("judges a rule set's rules on its own areas, and the scenario's rules when every area follows a rule set", async () => {
    const text = `${clean}rules:
  interruptingPriorities: [1]
ruleSets:
  - areas: [lpo1, lpo2]
    rules:
      interruptingPriorities: [1, 2]
      prio3: { handledOtherwiseShare: 0.1 }
`
    const path = await file("rule-sets.yaml", text)
    const r = await igv("validate", path)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("  rules (no area: every area follows a rule set): interrupting priorities (at once) 1;")
    expect(r.stdout).toContain("  rule set for lpo1, lpo2: interrupting priorities (at once) 1, 2;")
    expect(r.stdout).toContain("10 % handled another way")
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `${path}:${lineOf(text, "interruptingPriorities: [1]")}: warning: at rules: no effect: every area follows a rule set (ruleSets[0]), so these rules govern none`
    ])
    const twoSets = text.replace("  - areas: [lpo1, lpo2]", "  - areas: [lpo2]\n    rules: {}\n  - areas: [lpo1]")
    const second = await igv("validate", await file("two-sets.yaml", twoSets))
    expect(second.stdout).toContain("  rule set for lpo2: interrupting priorities (at once) 1, 2, 3;")
  })

  it("simulate and compare print the warnings on stderr before the report", async () => {
    const path = await file("flawed-run.yaml", flawed)
    const run = await igv("simulate", "-s", path)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("two LPOs, one week")
    expect(run.stderr).toContain(
      `${path}:${lineOf(flawed, "deferLimitMinutes")}: warning: at rules.prio3.deferLimitMinutes: no effect:`
    )
    const cmp = await igv("compare", await file("clean-run.yaml", clean), path, "-r", "2", "--parallelism", "1")
    expect(cmp.code).toBe(0)
    expect(cmp.stderr.match(/: warning: /g)).toHaveLength(3)
    expect(cmp.stderr).not.toMatch(/clean-run\.yaml:\d+: warning/)
  })

  it("names an unknown area in the same pass as a value that does not decode", async () => {
    const path = await file(
      "two-problems.yaml",
      twoLpoWeek(7).replace(`- { area: lpo2, patrols: 2, start: "07:00"`, `- { area: lpo3, patrols: 2, start: "7am"`)
    )
    const r = await igv("validate", path)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${path}:8: at dimensioning[1].start: a time of day must be "HH:MM"`)
    expect(r.stderr).toContain(`${path}:8: at dimensioning[1].area: unknown area "lpo3" (declared areas: lpo1, lpo2)`)
  })
})
