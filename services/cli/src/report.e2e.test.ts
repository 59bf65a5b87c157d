// What the report says about planned time that found no patrol, calls that found none, arrival, and
// figures a recorded window cannot measure: through the built CLI, as a planner reads it.
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { Schema } from "effect"
import { decodeWith, HistoryReport, Report } from "@igv/domain"
import { buildCli, onePatrol, root, runIgv, type Run } from "./e2e-harness.test-util.js"

const igv = (...args: string[]): Promise<Run> => runIgv(args, { cwd: dir })
const scenarios = join(root, "simulations/scenarios")

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-report-e2e-"))
}, 300_000)

const quiet = "    - { area: lpo1, prio: 3, perDay: 1, service: { _tag: fixed, minutes: 10 } }"
const line = (stdout: string, label: string) =>
  stdout.split("\n").find((l) => l.startsWith(label)) ?? `(no line "${label}")`

describe("planned time that found no patrol", () => {
  it("given a bigger reserve that takes a promise block's patrols, then compare shows the unstaffed hours and survival falls (the issue's example)", async () => {
    // The rural preset's proposal, and the same with two patrols in reserve in every district on Friday and Saturday
    // nights: both of rural-south's IGV patrols at 21:00, when the weekend-night promise block on the square is due.
    // Before, the block simply vanished from planned time and the report called its survival higher, significant.
    // Without the community officers' absences, whose own-mission blocks would otherwise lack an officer too, so
    // the reserve's unstaffed hours stand alone.
    const proposed = (await readFile(join(scenarios, "lpo-sparse-proposed.yaml"), "utf8"))
      .replace(/^days: \d+.*$/m, "days: 28")
      .replace(/^ {2}communityOfficers:\n(?: {4}.*\n)+/m, "  communityOfficers: { drawnFor: [1] }\n")
    const a = join(dir, "rural-28d.yaml"),
      b = join(dir, "rural-28d-reserve2.yaml")
    await writeFile(a, proposed)
    await writeFile(
      b,
      proposed.replace(
        /^ {2}reserve: \[\].*$/m,
        '  reserve:\n    - { weekdays: [fri, sat], start: "20:00", end: "03:00", patrols: 2 }'
      )
    )
    const r = await igv("compare", a, b, "-r", "3")
    expect(r.code, r.stderr).toBe(0)
    // 4 weekends × 2 nights × 3 h of the promise, all held back by the reserve.
    expect(line(r.stdout, "planned line time (staffed + unstaffed), h")).toMatch(/\s0\.0 ± 0\.0\s+no$/)
    expect(line(r.stdout, "  unstaffed (no patrol given), h")).toMatch(/\s0\.0\s+24\.0\s+\+24\.0 ± 0\.0\s+yes$/)
    expect(line(r.stdout, "    held back by the reserve, h")).toMatch(/\+24\.0 ± 0\.0\s+yes$/)
    expect(line(r.stdout, "  unstaffed h of promise-square-weekend-nights")).toMatch(/\s0\.0\s+24\.0\s+\+24\.0/)
    expect(line(r.stdout, "  survival of promise-square-weekend-nights")).toMatch(
      /\s0\.0 %\s+-\d+\.\d % ± [\d.]+\s+yes$/
    )
    expect(line(r.stdout, "line-time survival")).toMatch(/\s-\d+\.\d % ± [\d.]+/)
  })

  it("given a block when nobody is on duty and one asking for more patrols than are on duty, then both are unstaffed, with why", async () => {
    const path = join(dir, "unstaffable.yaml")
    await writeFile(
      path,
      onePatrol(
        [
          '  - { area: lpo1, start: "20:00", durationMinutes: 60, patrols: 1, tag: night-promise }',
          '  - { area: lpo1, start: "09:00", durationMinutes: 120, patrols: 3 }'
        ].join("\n"),
        quiet
      )
    )
    const json = await igv("simulate", "-s", path, "--json")
    expect(json.code, json.stderr).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(decodeWith(Report)(report).ok).toBe(true)
    // Per day: the night block's hour (nobody on duty) and two of the morning block's three patrols (2 × 2 h).
    expect(report.lineTime).toMatchObject({
      plannedHours: 7 * 7,
      staffedHours: 7 * 2,
      unstaffedHours: 7 * 5,
      unstaffed: { nobodyOnDuty: 7, reserve: 0, tooFewPatrols: 28 },
      blocksUnstaffed: 21
    })
    expect(report.byTag).toEqual([
      expect.objectContaining({
        tag: "night-promise",
        plannedHours: 7,
        staffedHours: 0,
        unstaffedHours: 7,
        deliveredHours: 0,
        survival: 0
      })
    ])
    const text = await igv("simulate", "-s", path)
    expect(line(text.stdout, "    nobody of its kind on duty")).toMatch(/\s7\.0$/)
    expect(line(text.stdout, "    too few patrols free of other blocks")).toMatch(/\s28\.0$/)
  })

  it("given nothing planned, then survival is — in text and null in JSON, never 100 %", async () => {
    const path = join(dir, "nothing-planned.yaml")
    await writeFile(path, onePatrol("  []", quiet))
    const json = JSON.parse((await igv("simulate", "-s", path, "--json")).stdout)
    expect(json.lineTime).toMatchObject({ plannedHours: 0, survival: null, medianSegmentMinutes: null })
    expect(json.interruptions.per100PlannedHours).toBeNull()
    const text = await igv("simulate", "-s", path)
    expect(line(text.stdout, "survival (delivered / planned)")).toMatch(/\s—$/)
    expect(text.stdout).not.toMatch(/100\.0 %/)
    const replicated = JSON.parse((await igv("simulate", "-s", path, "--json", "-r", "3")).stdout)
    expect(replicated.mean.lineTime.survival).toBeNull()
  })
})

describe("calls never dispatched, and arrival beside dispatch", () => {
  it("given demand far above capacity, then the readable report says most calls were never dispatched, per priority and with n", async () => {
    const path = join(dir, "overload.yaml")
    await writeFile(
      path,
      onePatrol(
        "  []",
        [
          "    - { area: lpo1, prio: 1, perDay: 30, service: { _tag: fixed, minutes: 120 } }",
          "    - { area: lpo1, prio: 2, perDay: 30, service: { _tag: fixed, minutes: 120 } }"
        ].join("\n")
      )
    )
    const json = JSON.parse((await igv("simulate", "-s", path, "--json")).stdout)
    const [p1, p2] = [json.response["1"], json.response["2"]]
    expect(p1.undispatched + p2.undispatched).toBeGreaterThan(0.8 * (p1.count + p2.count))
    expect(p1.n).toBe(p1.dispatched + p1.undispatched)
    const text = await igv("simulate", "-s", path)
    expect(text.stdout).toMatch(
      new RegExp(
        `NEVER DISPATCHED: ${p1.undispatched + p2.undispatched} of ${p1.n + p2.n} calls that needed a patrol \\(\\d+\\.\\d %; prio 1: ${p1.undispatched}, prio 2: ${p2.undispatched}, prio 3: 0\\)`
      )
    )
    expect(line(text.stdout, "never dispatched (no patrol by the end)")).toMatch(
      new RegExp(`\\s${p1.undispatched}\\s+${p2.undispatched}\\s+0$`)
    )
    expect(line(text.stdout, "figures below over n calls")).toMatch(new RegExp(`\\s${p1.n}\\s+${p2.n}\\s+\\d+$`))
    // Arrival waits are censored like dispatch waits, so arrival can never read faster than dispatch.
    expect(p1.meanArrivalMinutes).toBeGreaterThanOrEqual(p1.meanDispatchMinutes)
  })

  it("shows p50/p90/p99 arrival and the share on scene within 4 / 20 / 240 min beside the dispatch figures", async () => {
    const r = await igv("simulate", "-s", join(scenarios, "lpo-sparse-sample-week.yaml"))
    expect(r.code, r.stderr).toBe(0)
    const rows = [
      "dispatched within target",
      "p90 dispatch, min",
      "patrol on scene",
      "on scene within target",
      "p50 arrival, min",
      "p90 arrival, min",
      "p99 arrival, min"
    ]
    const at = rows.map((label) => r.stdout.split("\n").findIndex((l) => l.startsWith(label)))
    expect(at.every((i) => i > 0)).toBe(true)
    expect(line(r.stdout, "on scene within target")).toMatch(/^on scene within target(\s+(\d+\.\d %|—)){3}$/)
  })
})

describe("history of an incident-only store", () => {
  it("lists the event kinds in the window and says which figures are not measured, instead of 0 % within target and 100 % survival", async () => {
    const store = `sqlite:${join(dir, "incidents.db")}`
    expect((await igv("ingest", join(root, "simulations/feeds/sample.ndjson"), "--store", store)).code).toBe(0)
    const text = await igv("history", "--store", store)
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^event kinds in the window: IncidentRegistered \d+$/m)
    expect(text.stdout).toContain(
      "not measured (their events are absent from the window): lineTime, interruptions, dispatch, arrival, timeUse"
    )
    expect(text.stdout).toContain("dispatch: not measured: the window holds no PatrolDispatched events")
    expect(text.stdout).not.toMatch(/within target|100\.0 %|0\.0 %/)
    const json = JSON.parse((await igv("history", "--store", store, "--json")).stdout)
    expect(decodeWith(HistoryReport)(json).ok).toBe(true)
    expect(json.missing).toEqual(["lineTime", "interruptions", "dispatch", "arrival", "timeUse"])
    expect([json.lineTime, json.timeUse, json.response["1"].withinTarget, json.response["1"].n]).toEqual([
      null,
      null,
      null,
      null
    ])
    expect(json.response["1"].count).toBeGreaterThan(0)
  })
})

describe("tasks and time around jobs", () => {
  it("a task list every shift and a briefing show in the text report and the JSON contract, and are absent without them", async () => {
    const work = `tasks:
  - { area: lpo1, perShift: 2, duration: { _tag: fixed, minutes: 60 } }
timeAroundJobs:
  briefing: { minutes: { _tag: fixed, minutes: 30 } }
leadership: { selfInitiatedShare: 0.5 }`
    await writeFile(join(dir, "work.yaml"), onePatrol("  []", quiet, work))
    await writeFile(join(dir, "plain.yaml"), onePatrol("  []", quiet))
    const text = await igv("simulate", "-s", "work.yaml")
    expect(text.code, text.stderr).toBe(0)
    // Seven duties of 8 h: 7 briefings of 30 min, 14 tasks of an hour assigned.
    expect(line(text.stdout, "assigned at duty start")).toMatch(/\s14$/)
    expect(line(text.stdout, "briefing")).toMatch(/^briefing\s+3\.5\s/)
    const json = await igv("simulate", "-s", "work.yaml", "--json")
    const report = Schema.decodeUnknownSync(Report)(JSON.parse(json.stdout))
    expect(report.tasks?.assigned).toBe(14)
    expect(report.timeUse.briefingHours).toBe(3.5)
    expect(report.timeUse.selfInitiatedHours! + report.timeUse.standbyHours!).toBeCloseTo(report.timeUse.freeHours, 9)
    expect(report.timeUse.selfInitiatedHours).toBeCloseTo(report.timeUse.freeHours / 2, 9)
    const plain = await igv("simulate", "-s", "plain.yaml", "--json")
    const plainReport = JSON.parse(plain.stdout) as Record<string, unknown> & { timeUse: Record<string, unknown> }
    expect(plainReport["tasks"]).toBeUndefined()
    expect(plainReport.timeUse["taskHours"]).toBeUndefined()
    expect((await igv("simulate", "-s", "plain.yaml")).stdout).not.toContain("Tasks")
  }, 120_000)
})
