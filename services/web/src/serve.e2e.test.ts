// `igv serve` as one person on a laptop runs it: the built CLI over a fresh SQLite file, the page in headless Chromium.
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, tinyScenario } from "../../api/src/test/harness.js"
import { chartMarks, launchBrowser, newTab, OUT } from "./browser.test-util.js"

const MAIN = join(import.meta.dirname, "../../cli/dist/main.js")
let dir: string
let serve: ChildProcess
let stdout = ""
let stderr = ""
let browser: Browser

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "igv-serve-"))
  serve = spawn(process.execPath, [MAIN, "serve", "--store", `sqlite:${join(dir, "igv.db")}`, "--port", "0"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"]
  })
  serve.stdout!.on("data", (c: Buffer) => {
    stdout += c.toString()
  })
  serve.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString()
  })
  await eventually(async () => (stdout.includes("#key=") ? true : undefined), "igv serve to print its address", 60_000)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (serve.exitCode === null) serve.kill("SIGTERM")
  rmSync(dir, { recursive: true, force: true })
})

describe("igv serve", () => {
  it("serves the page on 127.0.0.1 with a key for its user: opening the printed address logs in, and the comparison draws", async () => {
    const url = /(http:\/\/127\.0\.0\.1:\d+\/app\/#key=\S+)/.exec(stdout)![1]!
    const base = url.slice(0, url.indexOf("/app/"))
    const key = url.slice(url.indexOf("#key=") + 5)
    // The printed key is a planner's: it creates a scenario and two runs through the same API.
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { "x-api-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: r.status, body: (await r.json()) as any }
    }
    for (const rules of [{}, { interruptingPriorities: [1, 2] }]) {
      const created = await call("POST", "/scenarios", { scenario: tinyScenario({ rules }) })
      expect(created.status).toBe(201)
      const run = await call("POST", "/runs", { scenarioId: created.body.id, replications: 2 })
      await eventually(
        async () => ((await call("GET", `/runs/${run.body.id}`)).body.status === "completed" ? true : undefined),
        "the run",
        120_000
      )
    }
    const { page, errors } = await newTab(browser)
    await page.goto(url)
    await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
    // The key left the address bar; it is kept for this tab only.
    expect(await page.evaluate(() => location.hash)).toBe("#/compare")
    expect(await page.evaluate(() => sessionStorage.getItem("igv-key"))).toBe(key)
    for (const c of await chartMarks(page)) expect(c.marks, `chart ${c.id}`).toBeGreaterThan(0)
    await page.screenshot({ path: join(OUT, "serve.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()

    // Stopped, it revokes the key: started again on the same store, the old key is refused.
    serve.kill("SIGTERM")
    expect(await new Promise((r) => serve.once("exit", r))).toBe(0)
    expect(stderr).toContain("revoking the key")
    stdout = ""
    serve = spawn(process.execPath, [MAIN, "serve", "--store", `sqlite:${join(dir, "igv.db")}`, "--port", "0"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"]
    })
    serve.stdout!.on("data", (c: Buffer) => {
      stdout += c.toString()
    })
    await eventually(async () => (stdout.includes("#key=") ? true : undefined), "igv serve to start again", 60_000)
    const again = /(http:\/\/127\.0\.0\.1:\d+)\/app\//.exec(stdout)![1]!
    expect((await fetch(`${again}/runs`, { headers: { "x-api-key": key } })).status).toBe(401)
  }, 300_000)

  it("refuses a Kafka store and an unknown role", async () => {
    const run = (args: ReadonlyArray<string>) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const p = spawn(process.execPath, [MAIN, "serve", ...args], { cwd: dir })
        let err = ""
        p.stderr.on("data", (c: Buffer) => {
          err += c.toString()
        })
        p.once("exit", (code) => resolve({ code, err }))
      })
    const kafka = await run(["--store", "kafka://127.0.0.1:9092/igv"])
    expect(kafka.code).toBe(2)
    expect(kafka.err).toContain("embedded SQLite store")
    const role = await run(["--role", "chief"])
    expect(role.code).toBe(2)
    expect(role.err).toContain("--role must be one of")
  })
})
