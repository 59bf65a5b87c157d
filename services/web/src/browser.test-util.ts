// Shared by the browser tests: Debian's chromium (puppeteer-core downloads none), and a tab that collects its errors.
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import puppeteer, { type Browser, type Page } from "puppeteer-core"
import { chromium } from "@igv/test-env"

export const OUT = join(import.meta.dirname, "../test-output")

export const launchBrowser = (): Promise<Browser> => {
  mkdirSync(OUT, { recursive: true })
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
  })
}

/** A fresh 1280-px tab; every console error and page error lands in `errors`. */
export const newTab = async (browser: Browser): Promise<{ page: Page; errors: Array<string> }> => {
  const page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 900 })
  const errors: Array<string> = []
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text())
  })
  page.on("pageerror", (e) => errors.push(String(e)))
  return { page, errors }
}

/** The charts of a comparison of two runs, in page order (an attributed comparison adds "attribution" after them). */
export const COMPARISON_CHARTS = [
  "deltas",
  "survival",
  "interruptions",
  "dispatch",
  "arrival",
  "dispatch-distribution",
  "arrival-distribution",
  "time-use",
  "survival-by-area",
  "interruptions-by-area",
  "tags"
] as const

/** Each chart's figure id and how many data marks (bars, dots and symbols, links, cells) its SVG holds. */
export const chartMarks = (page: Page) =>
  page.$$eval("figure.chart", (figures) =>
    figures.map((f) => ({
      id: (f as HTMLElement).dataset["chart"],
      marks: f.querySelectorAll(
        "g[aria-label='bar'] rect, g[aria-label='dot'] circle, g[aria-label='dot'] path, g[aria-label='link'] path, g[aria-label='cell'] rect"
      ).length
    }))
  )
