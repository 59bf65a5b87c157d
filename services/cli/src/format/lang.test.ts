import { parse } from "csv-parse/sync"
import { describe, expect, it } from "vitest"
import { reportProjection } from "@igv/metrics"
import { decodeScenarioText, foldSimulation, replicationSeed } from "@igv/runner"
import { interruptionLogIn, compareReplications, summarizeReplications } from "@igv/metrics"
import { compareTable } from "./compare-table.js"
import { csvBlocks } from "./csv.js"
import { interruptionTable } from "./interruption-table.js"
import { incomparabilities, settingChanges } from "@igv/domain"
import { attributionNote, compareNotes } from "./compare-notes.js"
import { hasSwedish, localizeCell } from "./lang.js"
import { reportBlocks } from "./report-table.js"
import { textBlocks, type Block, type Table } from "./table.js"

const decoded = decodeScenarioText(
  `name: vecka med medborgarlöfte
start: "2024-03-25"
days: 7
seed: 3
areas: [{ id: söder }, { id: norr }]
dimensioning:
  - { area: söder, patrols: 3, start: "07:00", end: "19:00" }
  - { area: norr, patrols: 2, start: "07:00", end: "19:00" }
  - { area: söder, patrols: 1, start: "08:00", end: "16:00", kind: community }
demand:
  synthetic:
    - { area: söder, prio: 1, perDay: 3, service: { _tag: exponential, meanMinutes: 40 } }
    - { area: söder, prio: 3, perDay: 14, service: { _tag: exponential, meanMinutes: 50 } }
    - { area: norr, prio: 2, perDay: 8, service: { _tag: exponential, meanMinutes: 45 } }
plannedBlocks:
  - { area: söder, weekdays: [mon, tue, wed, thu, fri], start: "09:00", durationMinutes: 120, patrols: 2, tag: "trygghetsvandring, Åby \\"torget\\"" }
  - { area: norr, weekdays: [mon, wed, fri], start: "13:00", durationMinutes: 90, patrols: 1 }
  - { area: norr, weekdays: [sun], start: "22:00", durationMinutes: 240, patrols: 1 }
tasks:
  - { area: söder, perShift: 2, duration: { _tag: fixed, minutes: 40 } }
leadership: { listShare: 1, selfInitiatedShare: 0.25 }
timeAroundJobs:
  transport: [{ prios: [1], share: 0.5, minutes: { _tag: fixed, minutes: 30 } }]
  reportWriting: [{ minutes: { _tag: fixed, minutes: 15 } }]
  briefing: { minutes: { _tag: fixed, minutes: 20 } }
  meal: { afterMinutes: 240, minutes: { _tag: fixed, minutes: 30 } }
calendar:
  - { id: match, kind: specialEvent, from: "2024-03-27", to: "2024-03-27", start: "08:30", end: "12:00", takes: [{ area: söder, patrols: 2 }], interruptsPlannedWork: true }
`,
  "vecka.yaml"
)
if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
const scenario = decoded.value.scenario

const report = (r: number) =>
  foldSimulation(scenario, reportProjection({ scenario }), { seed: replicationSeed(scenario.seed, r) })
const reports = [0, 1, 2].map(report)
const rows = foldSimulation(scenario, interruptionLogIn(scenario.timeZone), { seed: replicationSeed(scenario.seed, 0) })

const tables = (blocks: ReadonlyArray<Block>): ReadonlyArray<Table> =>
  blocks.filter((b): b is Table => typeof b !== "string")
const labelsOf = (t: Table): ReadonlyArray<string> => {
  const data = new Set(t.dataColumns)
  return [
    ...t.header.filter((h) => !h.startsWith("A: ") && !h.startsWith("B: ")),
    ...(data.has(0) ? [] : t.rows.map((r) => r[0]!))
  ]
}

describe("--lang sv", () => {
  it("has a Swedish label for every header and label of the report, compare and interruption tables", () => {
    const summary = summarizeReplications(reports)
    const all = [
      ...tables(reportBlocks("t", { value: reports[0]! })),
      ...tables(reportBlocks("t", { value: summary.mean, halfWidth: summary.halfWidth95 })),
      compareTable(compareReplications(reports, reports.slice().reverse(), { paired: true }).rows, {
        a: "A: x",
        b: "B: y"
      }),
      interruptionTable(rows, scenario.timeZone)
    ]
    const missing = all
      .flatMap(labelsOf)
      .filter((label) => label.trim() !== "" && !/^prio \d$/.test(label) && !hasSwedish(label))
    expect(rows.length).toBeGreaterThan(0)
    expect(missing).toEqual([])
  })

  it("says in Swedish how A and B were run and every setting B changes, line by line", () => {
    const b = {
      ...scenario,
      start: "2024-04-01",
      rules: {
        ...scenario.rules,
        interruptingPriorities: [1, 2] as const,
        resume: { ...scenario.rules.resume, enabled: !scenario.rules.resume.enabled },
        reserve: [
          { patrols: 1, start: "07:00", end: "19:00", weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }
        ]
      }
    } as unknown as typeof scenario
    const changes = settingChanges(scenario, b)
    expect(changes.length).toBeGreaterThanOrEqual(3)
    for (const paired of [true, false]) {
      const blocks = [
        ...compareNotes({
          fileA: "/x/a.yaml",
          fileB: "b.yaml",
          replications: 10,
          seed: 7,
          paired,
          differences: incomparabilities(scenario, b),
          changes
        }),
        attributionNote(10)
      ]
      const en = textBlocks(blocks, "en").split("\n"),
        sv = textBlocks(blocks, "sv").split("\n")
      const untranslated = sv.filter((line, i) => line !== "" && line === en[i])
      expect(untranslated).toEqual([])
      const text = sv.join("\n")
      expect(text).toContain(paired ? "10 parade replikeringar från frö 7" : "INTE parade")
      expect(text).toContain("(prioriteter som får avbryta): 1, 2, 3 → 1, 2")
      expect(text).toContain("1 patrull i alla områden alla dagar 07:00–19:00")
      expect(text).toMatch(/\(avbrutna block återupptas\): (ja → nej|nej → ja)/)
      if (!paired) expect(text).toContain("A och B skiljer sig i start: A från 2024-03-25, B från 2024-04-01")
    }
  })

  it("writes figures with a decimal comma and leaves times and names alone", () => {
    expect(localizeCell("sv", "81.2 % ± 0.4")).toBe("81,2 % ± 0,4")
    expect(localizeCell("sv", "yes")).toBe("ja")
    expect(localizeCell("en", "81.2 %")).toBe("81.2 %")
  })
})

describe("--csv", () => {
  for (const lang of ["sv", "en"] as const) {
    it(`round-trips through csv-parse with Swedish characters, quotes and delimiters intact (${lang})`, () => {
      const table = interruptionTable(rows, scenario.timeZone)
      const text = csvBlocks(["titel: vecka med medborgarlöfte", table], lang)
      expect(text.startsWith("\uFEFF")).toBe(true)
      const parsed: Array<Array<string>> = parse(text, {
        bom: true,
        delimiter: lang === "sv" ? ";" : ",",
        relax_column_count: true,
        skip_empty_lines: true
      })
      expect(parsed[0]).toEqual(["titel: vecka med medborgarlöfte"])
      const body = parsed.slice(2)
      expect(body.length).toBe(rows.length)
      expect(body.map((r) => r[1])).toEqual(rows.map((r) => r.area))
      expect(body.map((r) => r[4])).toEqual(rows.map((r) => r.tag ?? ""))
      expect(body.some((r) => r[4] === 'trygghetsvandring, Åby "torget"')).toBe(true)
      const minutes = body.map((r) => Number(r[7]!.replace(",", ".")))
      minutes.forEach((m, i) => expect(m).toBeCloseTo(rows[i]!.minutesLost, 1))
    })
  }
})
