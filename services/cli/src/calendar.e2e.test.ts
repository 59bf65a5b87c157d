// Dated events (an operation 10–12 on Wednesday that breaks into the daily block) seen as a planner sees them: through the built CLI, in the text report and the JSON contract.
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Schema } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Report } from "@igv/domain"
import { buildCli, onePatrol, runIgv, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-calendar-e2e-"))
}, 300_000)

/** One IGV patrol 08–16 for a week, a block 09–13 every day, no calls, and the given calendar. */
const scenario = (calendar: string) =>
  onePatrol(
    '  - { area: lpo1, start: "09:00", durationMinutes: 240, patrols: 1 }',
    "    - { area: lpo1, prio: 3, perDay: 0, service: { _tag: fixed, minutes: 10 } }",
    calendar
  )

const operation = `calendar:
  - { id: op, kind: operation, from: "2024-03-27", to: "2024-03-27", start: "10:00", end: "12:00", takes: [{ area: lpo1, patrols: 1 }], interruptsPlannedWork: true }`
const line = (stdout: string, label: string) =>
  stdout.split("\n").find((l) => l.startsWith(label)) ?? `(no line "${label}")`

describe("a dated event in the report", () => {
  it("shows its hours as a time-use row and its interruption as a block that gave way, in text and JSON", async () => {
    await writeFile(join(dir, "op.yaml"), scenario(operation))
    const text = await igv("simulate", "-s", "op.yaml")
    expect(text.code, text.stderr).toBe(0)
    expect(line(text.stdout, "dated events")).toMatch(
      /^dated events \(operations, special events, kommenderingar\)\s+2\.0\s+2\.0\s+0\.0$/
    )
    expect(line(text.stdout, "gave way to dated events")).toMatch(/\s1$/)
    const json = await igv("simulate", "-s", "op.yaml", "--json")
    const report = Schema.decodeUnknownSync(Report)(JSON.parse(json.stdout))
    expect(report.timeUse.calendarEventHours).toBe(2)
    expect(report.interruptions).toMatchObject({ total: 1, calendarEvents: 1 })
    expect(report.lineTime.deliveredHours).toBe(26)
  }, 60_000)

  it("is absent, rows and fields, from a run without dated events", async () => {
    await writeFile(join(dir, "plain.yaml"), scenario(""))
    const text = await igv("simulate", "-s", "plain.yaml")
    expect(text.stdout).not.toMatch(/dated events/)
    const json = JSON.parse((await igv("simulate", "-s", "plain.yaml", "--json")).stdout)
    expect(json.timeUse).not.toHaveProperty("calendarEventHours")
    expect(json.interruptions).not.toHaveProperty("calendarEvents")
  }, 60_000)
})
