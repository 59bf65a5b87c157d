import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildCli, runIgv, twoLpoWeek, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

interface Row {
  path: string
  a: number
  b: number
  delta: number
  halfWidth: number
  significant: boolean
}
interface Part {
  path: string
  delta: number
  halfWidth: number
  significant: boolean
}

const STATUS_QUO = twoLpoWeek(1)
/** Three rules changed at once: only prio 1 and 2 interrupt, a share of prio 3 by phone, and no resuming. */
const PROPOSAL = `${STATUS_QUO.replace("name: two LPOs, one week", "name: two LPOs, proposed")}rules:
  interruptingPriorities: [1, 2]
  prio3: { handledOtherwiseShare: 0.3 }
  resume: { enabled: false }
`

let dir: string
const file = async (name: string, text: string) => {
  await writeFile(join(dir, name), text)
  return name
}

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-compare-e2e-"))
  await file("a.yaml", STATUS_QUO)
  await file("b.yaml", PROPOSAL)
}, 300_000)

describe("igv compare pairs only what is comparable", () => {
  it("given A and B that differ in horizon and areas, then it exits 2 with the reasons, and compares unpaired only when allowed", async () => {
    const longer = await file(
      "longer.yaml",
      STATUS_QUO.replace("days: 7", "days: 14").replace(
        "areas: [{ id: lpo1 }, { id: lpo2 }]",
        "areas: [{ id: lpo1 }, { id: lpo2 }, { id: lpo3 }]"
      )
    )
    const refused = await igv("compare", "a.yaml", longer, "-r", "3")
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe("")
    expect(refused.stderr).toContain("cannot be paired")
    expect(refused.stderr).toContain("horizon: A 7 days, B 14 days")
    expect(refused.stderr).toContain("areas: A lpo1, lpo2; B lpo1, lpo2, lpo3")
    expect(refused.stderr).toContain("--allow-different")

    const allowed = await igv("compare", "a.yaml", longer, "-r", "3", "--allow-different")
    expect(allowed.code, allowed.stderr).toBe(0)
    expect(allowed.stdout).toContain("NOT paired")
    expect(allowed.stdout).toContain("unpaired (Welch)")
    expect(allowed.stdout).not.toMatch(
      /common random numbers|paired replications|paired difference|both draw the same calls/
    )
    const json = JSON.parse((await igv("compare", "a.yaml", longer, "-r", "3", "--allow-different", "--json")).stdout)
    expect(json.paired).toBe(false)
    expect(json.comparison.paired).toBe(false)
    expect(json.differences).toEqual(["horizon: A 7 days, B 14 days", "areas: A lpo1, lpo2; B lpo1, lpo2, lpo3"])
    // Twice the days: about twice the planned hours, and an interval that does not rest on pairs.
    const planned = json.comparison.rows.find((r: Row) => r.path === "lineTime.plannedHours") as Row
    expect(planned.b).toBeGreaterThan(1.5 * planned.a)

    const attributed = await igv("compare", "a.yaml", longer, "-r", "3", "--allow-different", "--attribute")
    expect(attributed.code).toBe(2)
    expect(attributed.stderr).toContain("--attribute")
  })

  it("given a start or time zone that differs, then it names that too", async () => {
    const later = await file(
      "later.yaml",
      STATUS_QUO.replace(`start: "2024-03-25"`, `start: "2024-04-01"\ntimeZone: Europe/Helsinki`)
    )
    const r = await igv("compare", "a.yaml", later, "-r", "2")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("start: A from 2024-03-25, B from 2024-04-01")
    expect(r.stderr).toContain("time zone: A Europe/Stockholm, B Europe/Helsinki")
  })

  it("given comparable scenarios, then the header lists each setting B changes, in a planner's words, and pairs them", async () => {
    const r = await igv("compare", "a.yaml", "b.yaml", "-r", "3")
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("3 paired replications from seed 1 (common random numbers: A and B see the same calls)")
    expect(r.stdout).toContain(
      [
        "B differs from A in 3 settings:",
        "  rules.interruptingPriorities (interrupting priorities): 1, 2, 3 → 1, 2",
        "  rules.prio3.handledOtherwiseShare (prio 3 handled otherwise, share): 0 % → 30 %",
        "  rules.resume.enabled (interrupted blocks resume): yes → no"
      ].join("\n")
    )
    const same = await igv("compare", "a.yaml", "a.yaml", "-r", "2")
    expect(same.stdout).toContain("B sets everything as A does")
  })
})

describe("igv compare --attribute", () => {
  it("splits B − A into each setting's own effect, as if that setting alone were compared, plus the interaction", async () => {
    const r = await igv("compare", "a.yaml", "b.yaml", "-r", "4", "--attribute", "--json")
    expect(r.code, r.stderr).toBe(0)
    const json = JSON.parse(r.stdout)
    const settings = json.attribution.settings as Array<{ path: string; rows: Array<Part> }>
    expect(settings.map((s) => s.path)).toEqual([
      "rules.interruptingPriorities",
      "rules.prio3.handledOtherwiseShare",
      "rules.resume.enabled"
    ])
    const total = new Map((json.attribution.total as Array<Part>).map((p) => [p.path, p]))
    const interaction = new Map((json.attribution.interaction as Array<Part>).map((p) => [p.path, p]))
    const rows = json.comparison.rows as Array<Row>
    expect(rows.map((row) => row.path)).toContain("lineTime.survival")
    for (const row of rows) {
      const scale = Math.max(1, Math.abs(row.a))
      expect(Math.abs(total.get(row.path)!.delta - row.delta)).toBeLessThanOrEqual(1e-9 * scale)
      const parts =
        interaction.get(row.path)!.delta +
        settings.reduce((s, setting) => s + setting.rows.find((p) => p.path === row.path)!.delta, 0)
      expect(Math.abs(parts - row.delta)).toBeLessThanOrEqual(1e-9 * scale)
    }

    // A with B's interrupting priorities alone, compared by hand: the same figures as that setting's own effect.
    const alone = await file("a-interrupting.yaml", `${STATUS_QUO}rules:\n  interruptingPriorities: [1, 2]\n`)
    const byHand = JSON.parse((await igv("compare", "a.yaml", alone, "-r", "4", "--json")).stdout)
    const own = new Map(settings[0]!.rows.map((p) => [p.path, p]))
    const byHandRows = byHand.comparison.rows as Array<Row>
    expect(byHandRows.map((row) => row.path)).toContain("lineTime.survival")
    for (const row of byHandRows) {
      expect(own.get(row.path)!.delta).toBeCloseTo(row.delta, 9)
      expect(own.get(row.path)!.halfWidth).toBeCloseTo(row.halfWidth, 9)
    }
    const survival = own.get("lineTime.survival")!
    expect(survival.delta).toBeGreaterThan(0)

    const text = await igv("compare", "a.yaml", "b.yaml", "-r", "4", "--attribute")
    expect(text.code).toBe(0)
    const table = text.stdout.slice(text.stdout.indexOf("Attribution of B − A"))
    expect(table).toMatch(
      /B's setting alone on A\s+survival\s+delivered, h\s+prio 1 ≤ 4 min\s+prio 2 ≤ 20 min\s+prio 3 ≤ 4 h\s+prio 3 otherwise/
    )
    for (const label of [
      "interrupting priorities",
      "prio 3 handled otherwise, share",
      "interrupted blocks resume",
      "interaction (rest of B − A)",
      "B − A"
    ]) {
      expect(table.split("\n").some((l) => l.startsWith(label))).toBe(true)
    }
    const pct = (x: number) => `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)} %`
    expect(table.split("\n").find((l) => l.startsWith("interrupting priorities"))).toContain(pct(survival.delta))
  })
})
