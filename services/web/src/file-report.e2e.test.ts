// The report files the CLI writes (igv timeline, igv simulate|compare|history --html), opened from disk in headless
// Chromium as a chief who got them by mail would: charts drawn from data, nothing fetched, no console errors.
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { exec, root, runIgv, twoLpoWeek, type Run } from "../../cli/src/e2e-harness.test-util.js"
import { chartMarks, COMPARISON_CHARTS, launchBrowser, newTab, OUT } from "./browser.test-util.js"

let dir: string
let browser: Browser
const igv = async (...args: string[]): Promise<Run> => {
  const r = await runIgv(args, { cwd: dir })
  expect(r.code, r.stderr).toBe(0)
  return r
}

beforeAll(async () => {
  await exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", join(root, "services/cli")], {
    cwd: root
  })
  dir = await mkdtemp(join(tmpdir(), "igv-file-report-"))
  await writeFile(join(dir, "a.yaml"), twoLpoWeek(4))
  await writeFile(
    join(dir, "b.yaml"),
    `${twoLpoWeek(4).replace("name: two LPOs, one week", "name: prio 1 only")}rules: { interruptingPriorities: [1] }\n`
  )
  browser = await launchBrowser()
}, 300_000)
afterAll(async () => {
  await browser?.close()
})

/** Opens a written file; every request it makes is recorded (a self-contained file makes none but itself). */
const open = async (file: string) => {
  const { page, errors } = await newTab(browser)
  const requests: Array<string> = []
  page.on("request", (r) => {
    requests.push(r.url())
  })
  const url = pathToFileURL(join(dir, file)).href
  await page.goto(url)
  return { page, errors, others: () => requests.filter((r) => r !== url && !r.startsWith("data:")) }
}

describe("report files", () => {
  it("igv timeline: the Gantt chart of a simulated week, an interruption opened by click with its call and rule", async () => {
    await igv(
      "timeline",
      "-s",
      "a.yaml",
      "--from",
      "2024-03-25",
      "--to",
      "2024-04-01",
      "--lang",
      "sv",
      "--out",
      "timeline.html"
    )
    const rows = JSON.parse((await igv("interruptions", "-s", "a.yaml", "--json")).stdout).interruptions
    const { page, errors, others } = await open("timeline.html")
    await page.waitForSelector("rect.interruption")
    for (const mark of ["shift", "planned", "block", "job", "interruption"])
      expect(await page.$$eval(`g.mark-${mark} rect`, (r) => r.length), mark).toBeGreaterThan(0)
    expect(await page.$$eval("rect.interruption", (r) => r.length)).toBe(rows.length)
    await page.click("rect.interruption")
    await page.waitForSelector("#interruption-details dl")
    // And by keyboard.
    await page.$eval("rect.interruption:last-of-type", (el) => (el as SVGElement).focus())
    await page.keyboard.press("Enter")
    await page.waitForFunction(
      (call) => document.querySelector("#interruption-details")?.textContent?.includes(call),
      {},
      rows[rows.length - 1].incident
    )
    const details = await page.$eval("#interruption-details", (s) => s.textContent!)
    expect(details).toContain("Registrerad")
    expect(details).toContain("rules.interruptingPriorities: [1, 2, 3]")
    await page.screenshot({ path: join(OUT, "file-timeline.png"), fullPage: true })
    expect(others()).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it("igv timeline: an interruption in an area a rule set governs quotes that set's rule, by its path", async () => {
    // lpo1, whose calls are prio 1 and 3, follows a rule set.
    await writeFile(
      join(dir, "rule-sets.yaml"),
      `${twoLpoWeek(4)}ruleSets: [{ areas: [lpo1], rules: { interruptingPriorities: [1, 3] } }]\n`
    )
    await igv(
      "timeline",
      "-s",
      "rule-sets.yaml",
      "--from",
      "2024-03-25",
      "--to",
      "2024-04-01",
      "--out",
      "rule-sets.html"
    )
    const html = await readFile(join(dir, "rule-sets.html"), "utf8")
    const tl = JSON.parse(/<script type="application\/json" id="igv-data">(.*?)<\/script>/s.exec(html)![1]!).timeline
    expect(tl.ruleSets.map((set: { areas: Array<string> }) => set.areas)).toEqual([["lpo1"]])
    expect(tl.interruptions[0].call.area).toBe("lpo1")
    const { page, errors } = await open("rule-sets.html")
    await page.waitForSelector("rect.interruption")
    await page.click("rect.interruption")
    await page.waitForSelector("#interruption-details dl")
    expect(await page.$eval("#interruption-details dd:last-of-type", (dd) => dd.textContent)).toBe(
      "ruleSets[0].rules.interruptingPriorities: [1, 3]"
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it("igv simulate --html and igv compare --html: every chart drawn from the report's data", async () => {
    const simulated = await igv(
      "simulate",
      "-s",
      "a.yaml",
      "-r",
      "3",
      "--json",
      "--lang",
      "sv",
      "--html",
      "simulate.html"
    )
    expect(simulated.stderr).toContain("wrote simulate.html")
    const survival = JSON.parse(simulated.stdout).mean.lineTime.survival as number
    await igv("compare", "a.yaml", "b.yaml", "-r", "3", "--attribute", "--lang", "sv", "--html", "compare.html")
    for (const [file, expected] of [
      ["simulate.html", ["survival", "interruptions", "dispatch", "arrival", "time-use", "tags"]],
      ["compare.html", [...COMPARISON_CHARTS, "attribution"]]
    ] as const) {
      const { page, errors, others } = await open(file)
      await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
      const charts = await chartMarks(page)
      expect(charts.map((c) => c.id)).toEqual(expected)
      for (const c of charts) expect(c.marks, `${file} ${c.id}`).toBeGreaterThan(0)
      if (file === "compare.html") {
        // B changes one setting: its own effect, the interaction and the total.
        expect(await page.$$eval("#attribution-table tbody th", (ths) => ths.map((th) => th.textContent))).toEqual([
          "rules.interruptingPriorities: [1,2,3] → [1]",
          "samspel (resten av B − A)",
          "B − A totalt"
        ])
      }
      if (file === "simulate.html") {
        expect(await page.$eval("main", (m) => m.textContent)).toContain(
          `${(survival * 100).toFixed(1).replace(".", ",")} %`
        )
      }
      await page.screenshot({ path: join(OUT, `file-${file.replace(".html", ".png")}`), fullPage: true })
      expect(others()).toEqual([])
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it("igv simulate --html: planned time past the horizon's end is named, and survival is over the rest", async () => {
    // A night block on the last day runs two hours past the end; nothing interrupts the blocks.
    await writeFile(
      join(dir, "nights.yaml"),
      `name: nights
start: "2024-03-25"
days: 2
areas: [{ id: lpo1 }]
dimensioning:
  - { area: lpo1, patrols: 2, start: "18:00", end: "04:00" }
demand:
  synthetic:
    - { area: lpo1, prio: 3, perDay: 0.001, service: { _tag: exponential, meanMinutes: 30 } }
plannedBlocks:
  - { area: lpo1, start: "22:00", durationMinutes: 240, patrols: 1 }
`
    )
    const run = await igv("simulate", "-s", "nights.yaml", "--json", "--lang", "sv", "--html", "nights.html")
    expect(JSON.parse(run.stdout).lineTime).toMatchObject({ plannedHours: 6, beyondHorizonHours: 2, survival: 1 })
    const { page, errors } = await open("nights.html")
    await page.waitForSelector("figure.chart[data-chart='survival'] svg")
    const text = await page.$eval("main", (m) => m.textContent!)
    expect(text).toContain("Planerat efter horisontens slut (ej simulerat, utanför överlevnaden): 2,0 h")
    expect(text).toContain("100,0 %")
    expect(errors).toEqual([])
    await page.close()
  })

  it('igv compare --html: a percentile over no calls reads "inte mätt", an area\'s delta carries its interval', async () => {
    const html = await readFile(join(dir, "compare.html"), "utf8")
    const data = JSON.parse(/<script type="application\/json" id="igv-data">(.*?)<\/script>/s.exec(html)![1]!)
    const rows = data.comparison.rows as Array<{
      path: string
      a: number | null
      b: number | null
      delta: number | null
      halfWidth: number | null
    }>
    expect(rows.find((r) => r.path === "response.2.targetMinutes")?.a).toBe(20)
    // As if A's prio 2 arrivals were over no calls.
    for (const r of rows) if (/^response\.2\.(p\d+|mean)ArrivalMinutes$/.test(r.path)) r.a = null
    await writeFile(
      join(dir, "compare-null.html"),
      html.replace(
        /(<script type="application\/json" id="igv-data">)(.*?)(<\/script>)/s,
        (_m, open, _d, close) => `${open}${JSON.stringify(data).replace(/</g, "\\u003c")}${close}`
      )
    )
    const { page, errors, others } = await open("compare-null.html")
    await page.waitForSelector("figure.chart[data-chart='arrival-distribution'] svg")
    expect(
      await page.$$eval("figure[data-chart='arrival-distribution'] g[aria-label='text'] text", (ts) =>
        ts.map((x) => x.textContent)
      )
    ).toEqual(["A: inte mätt"])
    expect(
      await page.$$eval("figure[data-chart='arrival-distribution'] g[aria-label='dot'] path", (ps) => ps.length)
    ).toBe(3 * 2 * 4 - 4)
    expect(
      await page.$$eval("figure[data-chart='dispatch-distribution'] g[aria-label='rule'] title", (ts) =>
        ts.map((x) => x.textContent)
      )
    ).toEqual(["mål 4 min", "mål 20 min", "mål 240 min"])
    const survival = rows.find((r) => r.path === "byArea.lpo1.lineTime.survival")!
    const deltas = await page.$$eval("figure[data-chart='survival-by-area'] g.area-delta text", (ts) =>
      ts.map((x) => x.textContent)
    )
    expect(deltas[0]).toContain(` ± ${(survival.halfWidth! * 100).toFixed(1).replace(".", ",")} pe`)
    expect(others()).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it("igv simulate|compare --html: time use shows every category the report holds (briefing, meals, report writing, transports)", async () => {
    await writeFile(
      join(dir, "work.yaml"),
      `${twoLpoWeek(4)}timeAroundJobs:
  briefing: { minutes: { _tag: fixed, minutes: 20 } }
  meal: { afterMinutes: 240, minutes: { _tag: fixed, minutes: 30 } }
  reportWriting: [{ minutes: { _tag: fixed, minutes: 15 } }]
  transport: [{ share: 0.2, minutes: { _tag: fixed, minutes: 40 } }]
`
    )
    const timeUse = JSON.parse(
      (await igv("simulate", "-s", "work.yaml", "-r", "2", "--json", "--lang", "sv", "--html", "simulate-work.html"))
        .stdout
    ).mean.timeUse as Record<string, unknown>
    const categories = Object.entries(timeUse).filter(
      ([k, v]) => typeof v === "number" && k !== "totalHours" && k !== "prio12Share"
    )
    expect(categories.map(([k]) => k)).toEqual(
      expect.arrayContaining(["briefingHours", "mealHours", "reportWritingHours", "transportHours"])
    )
    await igv("compare", "work.yaml", "work.yaml", "-r", "2", "--lang", "sv", "--html", "compare-work.html")
    for (const [file, axis] of [
      ["simulate-work.html", "y"],
      ["compare-work.html", "fy"]
    ] as const) {
      const { page, errors } = await open(file)
      await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
      const labels = await page.$$eval(
        `figure[data-chart='time-use'] g[aria-label='${axis}-axis tick label'] text`,
        (ts) => ts.map((x) => x.textContent)
      )
      expect(labels, file).toHaveLength(categories.length)
      expect(labels, file).toEqual(expect.arrayContaining(["genomgång", "måltid", "rapportskrivning", "transporter"]))
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it("igv history --html and igv timeline --store: what really happened, from a stored week", async () => {
    await igv("simulate", "-s", "a.yaml", "--events", "events.ndjson")
    const store = `sqlite:${join(dir, "igv.db")}`
    await igv("ingest", "events.ndjson", "--store", store)
    await igv("history", "--store", store, "--html", "history.html")
    await igv(
      "timeline",
      "--store",
      store,
      "--from",
      "2024-03-25",
      "--to",
      "2024-04-01",
      "--area",
      "lpo1",
      "--lang",
      "sv",
      "--out",
      "history-timeline.html"
    )
    const history = await open("history.html")
    await history.page.waitForSelector("figure.chart[data-chart='survival'] svg")
    for (const c of await chartMarks(history.page)) expect(c.marks, c.id).toBeGreaterThan(0)
    expect(history.others()).toEqual([])
    expect(history.errors).toEqual([])
    await history.page.close()
    const tl = await open("history-timeline.html")
    await tl.page.waitForSelector("rect.interruption")
    expect(await tl.page.$$eval("g.mark-shift rect", (r) => r.length)).toBeGreaterThan(0)
    await tl.page.click("rect.interruption")
    await tl.page.waitForSelector("#interruption-details dl")
    expect(await tl.page.$eval("#interruption-details", (s) => s.textContent)).toContain("Verkligt utfall")
    expect(tl.errors).toEqual([])
    await tl.page.close()
  })
})
