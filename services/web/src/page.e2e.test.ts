// The page in real headless Chromium (Debian's chromium package, driven by puppeteer-core) against the built API.
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import puppeteer, { type Browser, type Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "../../api/src/test/harness.js"

const CHROMIUM = process.env["IGV_CHROMIUM"] ?? "/usr/bin/chromium"
const OUT = join(import.meta.dirname, "../test-output")

let api: TestApi
let browser: Browser
let runs: [string, string]

const run = async (scenario: unknown): Promise<string> => {
  const created = await api.call("POST", "/scenarios", { key: api.keys.planner, body: { scenario } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const started = await api.call("POST", "/runs", { key: api.keys.planner, body: { scenarioId: created.body.id, replications: 3 } })
  expect(started.status).toBe(202)
  await eventually(async () => {
    const r = await api.call("GET", `/runs/${started.body.id}`, { key: api.keys.planner })
    return r.body.status === "completed" ? true : undefined
  }, "the run", 120_000)
  return started.body.id as string
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  api = await startTestApi({}, { built: true })
  runs = [await run(tinyScenario({ name: "status quo" })), await run(tinyScenario({ name: "prio 1–2 only", rules: { interruptingPriorities: [1, 2] } }))]
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await api?.close()
})

/** A fresh tab logged in with the role's key; every console error and page error is collected. */
const loggedIn = async (role: keyof TestApi["keys"]): Promise<{ page: Page; errors: Array<string> }> => {
  const page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  const errors: Array<string> = []
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()) })
  page.on("pageerror", (e) => errors.push(String(e)))
  await page.goto(`${api.base}/app/`)
  await page.waitForSelector("#key")
  await page.type("#key", api.keys[role])
  await page.click("#login button[type=submit]")
  await page.waitForFunction(() => location.hash === "#/compare")
  return { page, errors }
}

/** Each chart's figure id and how many data marks (bars, dots, links) its SVG holds. */
const chartMarks = (page: Page) => page.$$eval("figure.chart", (figures) => figures.map((f) => ({
  id: (f as HTMLElement).dataset["chart"], marks: f.querySelectorAll("g[aria-label='bar'] rect, g[aria-label='dot'] circle, g[aria-label='link'] path").length
})))

describe("the web page", () => {
  for (const role of ["planner", "rlc-manager", "researcher"] as const) {
    it(`${role}: logs in, compares two runs with every chart drawn from data, no console errors`, async () => {
      const { page, errors } = await loggedIn(role)
      await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
      const charts = await chartMarks(page)
      expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(["deltas", "survival", "interruptions", "dispatch", "arrival", "time-use", "tags"]))
      for (const c of charts) expect(c.marks, `chart ${c.id}`).toBeGreaterThan(0)
      // Swedish by default.
      expect(await page.$eval("#heading", (h) => h.textContent)).toContain("planerad tid")
      if (role === "planner") await page.screenshot({ path: join(OUT, "comparison.png"), fullPage: true })
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it("rlc-manager: opens the timeline, clicks an interruption and reads its call, priority, minutes lost and rule", async () => {
    const { page, errors } = await loggedIn("rlc-manager")
    await page.goto(`${api.base}/app/#/timeline`)
    await page.waitForSelector("#timeline-run")
    await page.waitForSelector("rect.interruption")
    await page.select("#timeline-run", runs[0])
    await page.waitForNetworkIdle()
    await page.waitForSelector("rect.interruption")
    const bars = await page.$$("rect.interruption")
    expect(bars.length).toBeGreaterThan(0)
    await bars[0]!.click()
    await page.waitForSelector("#interruption-details dl")
    const details = await page.$eval("#interruption-details", (s) => s.textContent ?? "")
    const first = (await api.call("GET", `/runs/${runs[0]}/interruptions?limit=1`, { key: api.keys["rlc-manager"] })).body.items[0]
    expect(details).toContain(first.incident)
    expect(details).toContain("rules.interruptingPriorities: [1, 2, 3]")
    // Keyboard: a bar takes focus and Enter opens it.
    const all = (await api.call("GET", `/runs/${runs[0]}/interruptions?limit=1000`, { key: api.keys["rlc-manager"] })).body.items
    await bars[bars.length - 1]!.evaluate((el) => (el as SVGElement).focus())
    await page.keyboard.press("Enter")
    await page.waitForFunction((call) => document.querySelector("#interruption-details")?.textContent?.includes(call), {}, all[all.length - 1].incident)
    await page.screenshot({ path: join(OUT, "timeline.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it("switches language to English and back", async () => {
    const { page, errors } = await loggedIn("planner")
    await page.waitForSelector("figure.chart svg")
    await page.click("#language")
    await page.waitForFunction(() => document.documentElement.lang === "en")
    await page.waitForSelector("figure.chart[data-chart='survival'] svg")
    expect(await page.$eval("#heading", (h) => h.textContent)).toBe("IGV – planned time and interruptions")
    expect(await page.$eval("figure.chart[data-chart='interruptions'] figcaption", (c) => c.textContent)).toBe("Interruptions by priority")
    await page.screenshot({ path: join(OUT, "comparison-en.png"), fullPage: true })
    await page.click("#language")
    await page.waitForFunction(() => document.documentElement.lang === "sv")
    expect(errors).toEqual([])
    await page.close()
  })

  for (const role of ["ingest", "admin"] as const) {
    it(`${role}: logs in but sees no runs (its role may not read them)`, async () => {
      const { page } = await loggedIn(role)
      await page.waitForSelector("[role=alert]")
      expect(await page.$eval("[role=alert]", (p) => p.textContent)).toBe("Din roll får inte se detta.")
      expect(await page.$$("figure.chart")).toHaveLength(0)
      await page.screenshot({ path: join(OUT, `forbidden-${role}.png`) })
      await page.close()
    })
  }

  it("refuses a wrong key on the login page", async () => {
    const page = await browser.newPage()
    await page.goto(`${api.base}/app/`)
    await page.type("#key", "igv_0000000000000000_wrong")
    await page.click("#login button[type=submit]")
    await page.waitForFunction(() => document.querySelector("[role=alert]")?.textContent === "Nyckeln godtogs inte.")
    await page.screenshot({ path: join(OUT, "login.png") })
    await page.close()
  })
})
