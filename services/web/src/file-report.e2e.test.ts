// The report files the CLI writes (igv timeline, igv simulate|compare|history --html), opened from disk in headless
// Chromium as a chief who got them by mail would: charts drawn from data, nothing fetched, no console errors.
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { exec, root, runIgv, twoLpoWeek, type Run } from "../../cli/src/e2e-harness.test-util.js"
import { chartMarks, launchBrowser, newTab, OUT } from "./browser.test-util.js"

let dir: string
let browser: Browser
const igv = async (...args: string[]): Promise<Run> => {
  const r = await runIgv(args, { cwd: dir })
  expect(r.code, r.stderr).toBe(0)
  return r
}

beforeAll(async () => {
  await exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", join(root, "services/cli")], { cwd: root })
  dir = await mkdtemp(join(tmpdir(), "igv-file-report-"))
  await writeFile(join(dir, "a.yaml"), twoLpoWeek(4))
  await writeFile(join(dir, "b.yaml"), `${twoLpoWeek(4).replace("name: two LPOs, one week", "name: prio 1 only")}rules: { interruptingPriorities: [1] }\n`)
  browser = await launchBrowser()
}, 300_000)
afterAll(async () => { await browser?.close() })

/** Opens a written file; every request it makes is recorded (a self-contained file makes none but itself). */
const open = async (file: string) => {
  const { page, errors } = await newTab(browser)
  const requests: Array<string> = []
  page.on("request", (r) => { requests.push(r.url()) })
  const url = pathToFileURL(join(dir, file)).href
  await page.goto(url)
  return { page, errors, others: () => requests.filter((r) => r !== url && !r.startsWith("data:")) }
}

describe("report files", () => {
  it("igv timeline: the Gantt chart of a simulated week, an interruption opened by click with its call and rule", async () => {
    await igv("timeline", "-s", "a.yaml", "--from", "2024-03-25", "--to", "2024-04-01", "--lang", "sv", "--out", "timeline.html")
    const rows = JSON.parse((await igv("interruptions", "-s", "a.yaml", "--json")).stdout).interruptions
    const { page, errors, others } = await open("timeline.html")
    await page.waitForSelector("rect.interruption")
    for (const mark of ["shift", "planned", "block", "job", "interruption"]) expect(await page.$$eval(`g.mark-${mark} rect`, (r) => r.length), mark).toBeGreaterThan(0)
    expect(await page.$$eval("rect.interruption", (r) => r.length)).toBe(rows.length)
    await page.click("rect.interruption")
    await page.waitForSelector("#interruption-details dl")
    // And by keyboard.
    await page.$eval("rect.interruption:last-of-type", (el) => (el as SVGElement).focus())
    await page.keyboard.press("Enter")
    await page.waitForFunction((call) => document.querySelector("#interruption-details")?.textContent?.includes(call), {}, rows[rows.length - 1].incident)
    const details = await page.$eval("#interruption-details", (s) => s.textContent!)
    expect(details).toContain("Registrerad")
    expect(details).toContain("rules.interruptingPriorities: [1, 2, 3]")
    await page.screenshot({ path: join(OUT, "file-timeline.png"), fullPage: true })
    expect(others()).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it("igv simulate --html and igv compare --html: every chart drawn from the report's data", async () => {
    const simulated = await igv("simulate", "-s", "a.yaml", "-r", "3", "--json", "--lang", "sv", "--html", "simulate.html")
    expect(simulated.stderr).toContain("wrote simulate.html")
    const survival = JSON.parse(simulated.stdout).mean.lineTime.survival as number
    await igv("compare", "a.yaml", "b.yaml", "-r", "3", "--attribute", "--lang", "sv", "--html", "compare.html")
    for (const [file, expected] of [["simulate.html", ["survival", "interruptions", "dispatch", "arrival", "time-use", "tags"]], ["compare.html", ["deltas", "survival", "interruptions", "dispatch", "arrival", "time-use", "tags", "attribution"]]] as const) {
      const { page, errors, others } = await open(file)
      await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
      const charts = await chartMarks(page)
      expect(charts.map((c) => c.id)).toEqual(expected)
      for (const c of charts) expect(c.marks, `${file} ${c.id}`).toBeGreaterThan(0)
      if (file === "compare.html") {
        // B changes one setting: its own effect, the interaction and the total.
        expect(await page.$$eval("#attribution-table tbody th", (ths) => ths.map((th) => th.textContent))).toEqual(["rules.interruptingPriorities: [1,2,3] → [1]", "samspel (resten av B − A)", "B − A totalt"])
      }
      if (file === "simulate.html") {
        expect(await page.$eval("main", (m) => m.textContent)).toContain(`${(survival * 100).toFixed(1).replace(".", ",")} %`)
      }
      await page.screenshot({ path: join(OUT, `file-${file.replace(".html", ".png")}`), fullPage: true })
      expect(others()).toEqual([])
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it("igv history --html and igv timeline --store: what really happened, from a stored week", async () => {
    await igv("simulate", "-s", "a.yaml", "--events", "events.ndjson")
    const store = `sqlite:${join(dir, "igv.db")}`
    await igv("ingest", "events.ndjson", "--store", store)
    await igv("history", "--store", store, "--html", "history.html")
    await igv("timeline", "--store", store, "--from", "2024-03-25", "--to", "2024-04-01", "--area", "lpo1", "--lang", "sv", "--out", "history-timeline.html")
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
