// The page in real headless Chromium (Debian's chromium package, driven by puppeteer-core) against the built API.
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Browser, HTTPRequest, Page } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  cliMain,
  eventually,
  replicationFeed,
  startTestApi,
  tinyScenario,
  type TestApi
} from "../../api/src/test/harness.js"
import { chartMarks, COMPARISON_CHARTS, launchBrowser, newTab, OUT } from "./browser.test-util.js"

let api: TestApi
let browser: Browser
let runs: [string, string]

const run = async (scenario: unknown): Promise<string> => {
  const created = await api.call("POST", "/scenarios", { key: api.keys.planner, body: { scenario } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const started = await api.call("POST", "/runs", {
    key: api.keys.planner,
    body: { scenarioId: created.body.id, replications: 3 }
  })
  expect(started.status).toBe(202)
  await eventually(
    async () => {
      const r = await api.call("GET", `/runs/${started.body.id}`, { key: api.keys.planner })
      return r.body.status === "completed" ? true : undefined
    },
    "the run",
    120_000
  )
  return started.body.id as string
}

beforeAll(async () => {
  api = await startTestApi({}, { built: true })
  runs = [
    await run(tinyScenario({ name: "status quo" })),
    await run(tinyScenario({ name: "prio 1–2 only", rules: { interruptingPriorities: [1, 2] } }))
  ]
  // The status quo's replication 0 stored as if recorded: the timeline's history side then has the same week.
  const feed = replicationFeed(tinyScenario({ name: "status quo" }))
  const posted = await api.call("POST", "/feed", {
    key: api.keys.ingest,
    raw: feed.ndjson,
    headers: { "content-type": "application/x-ndjson" }
  })
  expect(posted.body).toMatchObject({ stored: feed.events })
  browser = await launchBrowser()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await api?.close()
})

const targetsOf = (rows: ReadonlyArray<{ path: string; a: number | null }>) =>
  [1, 2, 3].map((p) => rows.find((r) => r.path === `response.${p}.targetMinutes`)!.a)

/** A fresh tab logged in with the role's key; every console error and page error is collected. */
const loggedIn = async (role: keyof TestApi["keys"]): Promise<{ page: Page; errors: Array<string> }> => {
  const { page, errors } = await newTab(browser)
  await page.goto(`${api.base}/app/`)
  await page.waitForSelector("#key")
  await page.type("#key", api.keys[role])
  await page.click("#login button[type=submit]")
  await page.waitForFunction(() => location.hash === "#/compare")
  return { page, errors }
}

describe("the web page", () => {
  for (const role of ["planner", "rlc-manager", "researcher"] as const) {
    it(`${role}: logs in, compares two runs with every chart drawn from data, no console errors`, async () => {
      const { page, errors } = await loggedIn(role)
      await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
      const charts = await chartMarks(page)
      expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining([...COMPARISON_CHARTS]))
      for (const c of charts) expect(c.marks, `chart ${c.id}`).toBeGreaterThan(0)
      // Swedish by default.
      expect(await page.$eval("#heading", (h) => h.textContent)).toContain("planerad tid")
      if (role === "planner") await page.screenshot({ path: join(OUT, "comparison.png"), fullPage: true })
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it("planner: reads response-time distributions against the report's targets, every time-use category and each area with its delta", async () => {
    const { page, errors } = await loggedIn("planner")
    await page.waitForSelector("figure.chart[data-chart='interruptions-by-area'] svg")
    const shown = await page.$$eval("#run-a, #run-b", (ss) => ss.map((x) => (x as HTMLSelectElement).value))
    const { rows } = (
      await api.call("GET", `/compare?runs=${shown[0]},${shown[1]}&allowDifferent=true`, { key: api.keys.planner })
    ).body as {
      rows: ReadonlyArray<{
        path: string
        a: number | null
        b: number | null
        delta: number | null
        halfWidth: number | null
        significant: boolean
      }>
    }
    const row = (path: string) => rows.find((r) => r.path === path)!
    for (const id of ["dispatch-distribution", "arrival-distribution"]) {
      const chart = `figure[data-chart='${id}']`
      // p50, p90, p99 and mean of A and B for each priority, and one rule per priority at its target as the report holds it.
      expect(await page.$$eval(`${chart} g[aria-label='dot'] path`, (ps) => ps.length)).toBe(3 * 2 * 4)
      const targets = await page.$$eval(`${chart} g[aria-label='rule'] title`, (ts) => ts.map((x) => x.textContent))
      expect(targets).toEqual([1, 2, 3].map((p) => `mål ${row(`response.${p}.targetMinutes`).a} min`))
    }
    expect(targetsOf(rows)).toEqual([4, 20, 240])
    const timeUse = await page.$$eval("figure[data-chart='time-use'] g[aria-label='fy-axis tick label'] text", (ts) =>
      ts.map((x) => x.textContent)
    )
    expect(timeUse.length).toBe(
      rows.filter(
        (r) =>
          /^timeUse\.[a-zA-Z0-9]+Hours$/.test(r.path) &&
          r.path !== "timeUse.totalHours" &&
          (r.a !== null || r.b !== null)
      ).length
    )
    for (const id of ["survival-by-area", "interruptions-by-area"]) {
      const path = id === "survival-by-area" ? "lineTime.survival" : "interruptions.total"
      const deltas = await page.$$eval(`figure[data-chart='${id}'] g.area-delta text`, (ts) =>
        ts.map((x) => x.textContent)
      )
      const expected = await page.evaluate(
        (rs, scale, unit) =>
          rs.map((r) => {
            const n = (x: number) => x.toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
            return `B − A: ${r.delta! * scale > 0 ? "+" : ""}${n(r.delta! * scale)} ± ${n(r.halfWidth! * scale)} ${unit}${r.significant ? " *" : ""}`
          }),
        ["lpo1", "lpo2"].map((a) => row(`byArea.${a}.${path}`)),
        path === "lineTime.survival" ? 100 : 1,
        path === "lineTime.survival" ? "pe" : "avbrott"
      )
      expect(deltas).toEqual(expected)
    }
    await page.screenshot({ path: join(OUT, "comparison-distributions.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it('planner: a percentile over no calls reads "inte mätt" in the distribution, never a point at 0', async () => {
    const { page, errors } = await loggedIn("planner")
    await page.waitForSelector("figure.chart[data-chart='dispatch-distribution'] svg")
    const { body } = await api.call("GET", `/compare?runs=${runs[0]},${runs[1]}&allowDifferent=true`, {
      key: api.keys.planner
    })
    // As if A had a prio 1 p99 over no calls and B no prio 3 arrivals at all.
    for (const r of body.rows as Array<{ path: string; a: number | null; b: number | null }>) {
      if (r.path === "response.1.p99DispatchMinutes") r.a = null
      if (/^response\.3\.(p\d+|mean)ArrivalMinutes$/.test(r.path)) r.b = null
    }
    await page.setRequestInterception(true)
    page.on(
      "request",
      (req) =>
        void (req.url().includes("/compare?")
          ? req.respond({ status: 200, contentType: "application/json", body: JSON.stringify(body) })
          : req.continue())
    )
    await page.click(".pickers button[type=submit]")
    await page.waitForFunction(() =>
      document.querySelector("figure[data-chart='dispatch-distribution']")?.textContent?.includes("inte mätt")
    )
    const texts = (id: string) =>
      page.$$eval(`figure[data-chart='${id}'] g[aria-label='text'] text`, (ts) => ts.map((x) => x.textContent))
    expect(await texts("dispatch-distribution")).toEqual(["A: p99 inte mätt"])
    expect(await texts("arrival-distribution")).toEqual(["B: inte mätt"])
    expect(
      await page.$$eval("figure[data-chart='dispatch-distribution'] g[aria-label='dot'] path", (ps) => ps.length)
    ).toBe(3 * 2 * 4 - 1)
    expect(
      await page.$$eval("figure[data-chart='arrival-distribution'] g[aria-label='dot'] path", (ps) => ps.length)
    ).toBe(3 * 2 * 4 - 4)
    expect(errors).toEqual([])
    await page.close()
  })

  it("planner: attributes the change to its settings, each with its own effect and interval, and the interaction", async () => {
    const { page, errors } = await loggedIn("planner")
    await page.waitForSelector("#attribute")
    await page.select("#run-a", runs[0])
    await page.select("#run-b", runs[1])
    await page.click("#attribute")
    await page.click(".pickers button[type=submit]")
    await page.waitForSelector("#attribution-table tbody tr", { timeout: 120_000 })
    const { attribution } = (
      await api.call("GET", `/compare?runs=${runs[0]},${runs[1]}&attribute=true`, { key: api.keys.planner })
    ).body
    const rows = await page.$$eval("#attribution-table tbody tr", (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? ""))
    )
    expect(rows.map((r) => r[0])).toEqual([
      "rules.interruptingPriorities: [1,2,3] → [1,2]",
      "samspel (resten av B − A)",
      "B − A totalt"
    ])
    // Survival: the setting's own effect, its half-width and significance as the API measured them, in percentage points.
    const parts = [attribution.settings[0].rows, attribution.interaction, attribution.total].map(
      (ps: ReadonlyArray<{ path: string; delta: number; halfWidth: number; significant: boolean }>) =>
        ps.find((p) => p.path === "lineTime.survival")!
    )
    const expected = await page.evaluate(
      (ps) =>
        ps.map((p) => {
          const n = (x: number) => x.toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
          return `${p.delta > 0 ? "+" : ""}${n(p.delta * 100)} ± ${n(p.halfWidth * 100)} pe${p.significant ? " *" : ""}`
        }),
      parts
    )
    expect(rows.map((r) => r[1])).toEqual(expected)
    expect(parts[0]!.delta).not.toBe(0)
    const chart = (await chartMarks(page)).find((c) => c.id === "attribution")
    expect(chart?.marks).toBeGreaterThan(0)
    await page.screenshot({ path: join(OUT, "comparison-attribution.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it("rlc-manager: opens the timeline, simulated beside recorded, clicks an interruption and reads its call, block, minutes lost and rule", async () => {
    const { page, errors } = await loggedIn("rlc-manager")
    await page.goto(`${api.base}/app/#/timeline`)
    await page.waitForSelector("#timeline-run")
    await page.select("#timeline-run", runs[0])
    await page.waitForSelector(".gantt[data-source='simulated'] figure")
    // The day of the run's first interruption, on both sides.
    const first = (await api.call("GET", `/runs/${runs[0]}/interruptions?limit=1`, { key: api.keys["rlc-manager"] }))
      .body.items[0]
    const date = (first.at as string).slice(0, 10)
    for (const input of ["#timeline-day", "#timeline-recorded-day"])
      await page.$eval(
        input,
        (i, d) => {
          ;(i as HTMLInputElement).value = d
        },
        date
      )
    await page.click(".pickers button[type=submit]")
    await page.waitForSelector(".gantt[data-source='recorded'] rect.interruption")
    await page.waitForSelector(".gantt[data-source='simulated'] rect.interruption")
    // Each side draws shifts, planned blocks, jobs and interruptions from data.
    for (const side of ["simulated", "recorded"]) {
      const marks = await page.$eval(`.gantt[data-source='${side}']`, (g) =>
        Object.fromEntries(
          ["shift", "planned", "block", "job", "interruption"].map((m) => [
            m,
            g.querySelectorAll(`g.mark-${m} rect`).length
          ])
        )
      )
      for (const [mark, n] of Object.entries(marks)) expect(n, `${side} ${mark}`).toBeGreaterThan(0)
    }
    const bars = await page.$$(".gantt[data-source='simulated'] rect.interruption")
    await bars[0]!.click()
    await page.waitForSelector("#interruption-details dl")
    const details = await page.$eval("#interruption-details", (s) => s.textContent ?? "")
    const day = (
      await api.call(
        "GET",
        `/runs/${runs[0]}/timeline?from=${date}&to=${new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10)}`,
        { key: api.keys["rlc-manager"] }
      )
    ).body
    expect(details).toContain(day.interruptions[0].incident)
    expect(details).toContain(day.interruptions[0].block)
    for (const label of ["Registrerad", "Utlarmad", "På plats", "Avslutad", "Förlorade minuter"])
      expect(details).toContain(label)
    expect(details).toContain("rules.interruptingPriorities: [1, 2, 3]")
    // Keyboard, on the recorded side: a bar takes focus and Enter opens it; the rule is what really happened.
    const recorded = await page.$$(".gantt[data-source='recorded'] rect.interruption")
    expect(recorded.length).toBe(bars.length)
    await recorded[recorded.length - 1]!.evaluate((el) => (el as SVGElement).focus())
    await page.keyboard.press("Enter")
    await page.waitForFunction(
      (call) => document.querySelector("#interruption-details")?.textContent?.includes(call),
      {},
      day.interruptions[day.interruptions.length - 1].incident
    )
    expect(await page.$eval("#interruption-details", (s) => s.textContent ?? "")).toContain("Verkligt utfall")
    await page.screenshot({ path: join(OUT, "timeline.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it("rlc-manager: picks another replication of the run; the Gantt and the hour-of-week map draw that replication's interruptions", async () => {
    const { page, errors } = await loggedIn("rlc-manager")
    await page.goto(`${api.base}/app/#/timeline`)
    await page.waitForSelector("#timeline-run")
    await page.select("#timeline-run", runs[0])
    // The run's own day is filled in when its scenario arrives: choose only after that.
    await page.waitForNetworkIdle()
    expect(
      await page.$$eval("#timeline-replication option", (os) => os.map((o) => (o as HTMLOptionElement).value))
    ).toEqual(["0", "1", "2"])
    const key = { key: api.keys["rlc-manager"] }
    const first = (await api.call("GET", `/runs/${runs[0]}/interruptions?limit=1&replication=2`, key)).body.items[0]
    const date = (first.at as string).slice(0, 10)
    const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10)
    const [zero, two] = await Promise.all(
      [0, 2].map(
        async (r) =>
          (await api.call("GET", `/runs/${runs[0]}/timeline?from=${date}&to=${next}&replication=${r}`, key)).body
      )
    )
    // The replications draw different calls, so the pictures must differ.
    expect(two.interruptions.map((i: { t: number }) => i.t)).not.toEqual(
      zero.interruptions.map((i: { t: number }) => i.t)
    )
    await page.select("#timeline-replication", "2")
    await page.$eval(
      "#timeline-day",
      (i, d) => {
        ;(i as HTMLInputElement).value = d
      },
      date
    )
    await page.click(".pickers button[type=submit]")
    await page.waitForFunction(() =>
      /(replikering|replication) 2 ·/.test(
        document.querySelector(".gantt[data-source='simulated'] figcaption")?.textContent ?? ""
      )
    )
    const labels = await page.$$eval(".gantt[data-source='simulated'] rect.interruption", (bs) =>
      bs.map((b) => b.getAttribute("aria-label")!.split(" prio")[0])
    )
    const stockholm = (m: number) =>
      new Date(m * 60_000).toLocaleString("sv-SE", {
        timeZone: "Europe/Stockholm",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit"
      })
    expect(labels.sort()).toEqual(
      two.interruptions.map((i: { patrol: string; t: number }) => `${i.patrol} ${stockholm(i.t)}`).sort()
    )
    await (await page.$$(".gantt[data-source='simulated'] rect.interruption"))[0]!.click()
    await page.waitForSelector("#interruption-details dl")
    expect(await page.$eval("#interruption-details", (s) => s.textContent ?? "")).toContain(two.interruptions[0].block)
    await page.screenshot({ path: join(OUT, "timeline-replication.png"), fullPage: true })

    await page.goto(`${api.base}/app/#/where`)
    await page.waitForSelector("#where-replication")
    await page.select("#where-run", runs[0])
    await page.waitForNetworkIdle()
    await page.select("#where-replication", "2")
    await page.click(".pickers button[type=submit]")
    await page.waitForFunction(() =>
      /(Replikering|Replication) 2 /.test(
        document.querySelector("figure[data-chart='interruptions-hour-of-week'] figcaption")?.textContent ?? ""
      )
    )
    const counted = await page.$$eval(
      "figure[data-chart='interruptions-hour-of-week'] g[aria-label='cell'] title",
      (ts) => ts.reduce((a, x) => a + Number(x.textContent!.split(" · ")[1]), 0)
    )
    const week = (await api.call("GET", `/runs/${runs[0]}/timeline?from=2024-03-25&to=2024-04-01&replication=2`, key))
      .body
    expect(counted).toBe(week.interruptions.length)
    expect(errors).toEqual([])
    await page.close()
  })

  it("igv timeline --run: replication 2 of a run the API completed, from its store, as the page's API draws it", async () => {
    const key = { key: api.keys["rlc-manager"] }
    const first = (await api.call("GET", `/runs/${runs[0]}/interruptions?limit=1&replication=2`, key)).body.items[0]
    const date = (first.at as string).slice(0, 10)
    const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10)
    const expected = (await api.call("GET", `/runs/${runs[0]}/timeline?from=${date}&to=${next}&replication=2`, key))
      .body
    const out = join(api.dir, "run-timeline.html")
    const cli = (...args: Array<string>) =>
      spawnSync(
        process.execPath,
        [
          cliMain,
          "timeline",
          "--run",
          runs[0],
          "--store",
          `sqlite:${join(api.dir, "igv.db")}`,
          "--from",
          date,
          "--to",
          next,
          ...args
        ],
        { encoding: "utf8" }
      )
    const written = cli("--replication", "2", "--lang", "sv", "--out", out)
    expect(written.status, written.stderr).toBe(0)
    const data = JSON.parse(
      /<script type="application\/json" id="igv-data">(.*?)<\/script>/s.exec(readFileSync(out, "utf8"))![1]!
    )
    expect(data.timeline.source).toBe(`run ${runs[0]} · ${expected.source.split(" · ")[1]} · replication 2`)
    for (const part of ["patrols", "shifts", "planned", "blocks", "jobs", "interruptions"])
      expect(data.timeline[part], part).toEqual(expected[part])
    const { page, errors } = await newTab(browser)
    await page.goto(pathToFileURL(out).href)
    await page.waitForSelector("rect.interruption")
    expect(await page.$$eval("rect.interruption", (r) => r.length)).toBe(expected.interruptions.length)
    await page.click("rect.interruption")
    await page.waitForSelector("#interruption-details dl")
    expect(await page.$eval("#interruption-details", (s) => s.textContent)).toContain(
      "rules.interruptingPriorities: [1, 2, 3]"
    )
    await page.screenshot({ path: join(OUT, "file-run-timeline.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
    const beyond = cli("--replication", "3")
    expect(beyond.status).toBe(2)
    expect(beyond.stderr).toContain("has replications 0 to 2")
    expect(
      spawnSync(
        process.execPath,
        [
          cliMain,
          "timeline",
          "--run",
          "run_0000000000000000",
          "--store",
          `sqlite:${join(api.dir, "igv.db")}`,
          "--from",
          date,
          "--to",
          next
        ],
        { encoding: "utf8" }
      ).stderr
    ).toContain("holds no run run_0000000000000000")
  })

  it("igv report --run: the report a run stored, as GET /runs/:id/report serves it, and as an HTML file with its charts", async () => {
    const store = `sqlite:${join(api.dir, "igv.db")}`
    const igvReport = (...args: Array<string>) =>
      spawnSync(process.execPath, [cliMain, "report", "--store", store, ...args], { encoding: "utf8" })
    const served = (await api.call("GET", `/runs/${runs[0]}/report`, { key: api.keys.planner })).body
    const printed = igvReport("--run", runs[0], "--json")
    expect(printed.status, printed.stderr).toBe(0)
    expect(JSON.parse(printed.stdout)).toEqual(served)
    const out = join(api.dir, "run-report.html")
    const text = igvReport("--run", runs[0], "--lang", "sv", "--html", out)
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toContain("Planerad linjeverksamhet")
    const { page, errors } = await newTab(browser)
    await page.goto(pathToFileURL(out).href)
    await page.waitForSelector("figure.chart[data-chart='time-use'] svg")
    const charts = await chartMarks(page)
    expect(charts.map((c) => c.id)).toEqual(["survival", "interruptions", "dispatch", "arrival", "time-use", "tags"])
    for (const c of charts) expect(c.marks, c.id).toBeGreaterThan(0)
    expect(await page.$eval("main", (m) => m.textContent)).toContain("Medel över 3 replikeringar")
    await page.screenshot({ path: join(OUT, "file-run-report.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
    const missing = igvReport("--run", "run_0000000000000000")
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("holds no run run_0000000000000000")
  })

  it("planner: sees survival and interruptions by hour of the week and by area, every interruption of the week in its hour", async () => {
    const { page, errors } = await loggedIn("planner")
    await page.goto(`${api.base}/app/#/where`)
    await page.waitForSelector("#where-run")
    await page.select("#where-run", runs[0])
    await page.waitForSelector("figure.chart[data-chart='interruptions-by-area'] svg")
    await page.waitForNetworkIdle()
    const charts = await chartMarks(page)
    expect(charts.map((c) => c.id)).toEqual([
      "survival-hour-of-week",
      "interruptions-hour-of-week",
      "survival-by-area",
      "interruptions-by-area"
    ])
    for (const c of charts) expect(c.marks, `chart ${c.id}`).toBeGreaterThan(0)
    const counted = await page.$$eval(
      "figure[data-chart='interruptions-hour-of-week'] g[aria-label='cell'] title",
      (ts) => ts.reduce((a, x) => a + Number(x.textContent!.split(" · ")[1]), 0)
    )
    const week = (
      await api.call("GET", `/runs/${runs[0]}/timeline?from=2024-03-25&to=2024-04-01`, { key: api.keys.planner })
    ).body
    expect(counted).toBe(week.interruptions.length)
    await page.screenshot({ path: join(OUT, "where.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it("planner: sees the run queue with progress, starts a run and cancels it; an rlc-manager may see it but not cancel", async () => {
    const { page, errors } = await loggedIn("planner")
    await page.goto(`${api.base}/app/#/runs`)
    await page.waitForSelector(`#runs-table tr[data-run='${runs[0]}'][data-status='completed'] progress`)
    const progress = await page.$eval(`#runs-table tr[data-run='${runs[0]}'] progress`, (p) => [
      (p as HTMLProgressElement).value,
      (p as HTMLProgressElement).max
    ])
    expect(progress).toEqual([3, 3])
    // A long run (the replications limit), cancelled while queued or running.
    await page.$eval("#run-replications", (i) => {
      ;(i as HTMLInputElement).value = "1000"
    })
    await page.click("#start-run button[type=submit]")
    await page.waitForFunction(() => /Köad: run_/.test(document.querySelector("#runs-status")?.textContent ?? ""))
    const started = (await page.$eval("#runs-status", (p) => p.textContent!)).split(": ")[1]!
    await page.waitForSelector(`#runs-table tr[data-run='${started}'] button.cancel`)
    await page.screenshot({ path: join(OUT, "runs.png"), fullPage: true })
    await page.click(`#runs-table tr[data-run='${started}'] button.cancel`)
    await page.waitForSelector(`#runs-table tr[data-run='${started}'][data-status='cancelled']`)
    expect((await api.call("GET", `/runs/${started}`, { key: api.keys.planner })).body.status).toBe("cancelled")
    expect(errors).toEqual([])
    await page.close()

    const rlc = await loggedIn("rlc-manager")
    await rlc.page.goto(`${api.base}/app/#/runs`)
    await rlc.page.waitForSelector(`#runs-table tr[data-run='${started}'][data-status='cancelled']`)
    await rlc.page.close()
  })

  it("rlc-manager: moves on from the comparison before it has loaded; its late answer does not draw over the run queue", async () => {
    const { page, errors } = await loggedIn("rlc-manager")
    await page.goto(`${api.base}/app/#/runs`)
    await page.waitForSelector(`#runs-table tr[data-run='${runs[0]}']`)
    // The comparison's list of completed runs is held until the run queue is shown.
    let held: HTTPRequest | undefined
    await page.setRequestInterception(true)
    page.on("request", (r) => {
      if (r.isInterceptResolutionHandled()) return
      if (held === undefined && r.url().includes("status=completed")) held = r
      else void r.continue()
    })
    await page.click("#nav a[href='#/compare']")
    await eventually(async () => held, "the comparison's request", 10_000)
    await page.click("#nav a[href='#/runs']")
    await page.waitForSelector(`#runs-table tr[data-run='${runs[0]}']`)
    const answered = page.waitForResponse((r) => r.url().includes("status=completed"))
    await held!.continue()
    await answered
    await page.waitForNetworkIdle()
    expect(await page.$("#run-a")).toBeNull()
    expect(await page.$$eval("#runs-table", (ts) => ts.length)).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it("planner: reads a scenario's versions and what changed between two, setting by setting", async () => {
    const created = await api.call("POST", "/scenarios", {
      key: api.keys.planner,
      body: { scenario: tinyScenario({ name: "revised" }) }
    })
    const revised = await api.call("POST", `/scenarios/${created.body.id}/versions`, {
      key: api.keys.planner,
      body: {
        scenario: tinyScenario({ name: "revised", rules: { interruptingPriorities: [1] } }),
        expectedVersion: 1,
        comment: "bara prio 1 får avbryta"
      }
    })
    expect(revised.status).toBe(201)
    const { page, errors } = await loggedIn("planner")
    await page.goto(`${api.base}/app/#/scenarios`)
    await page.waitForSelector("#scenario-id")
    await page.select("#scenario-id", created.body.id)
    await page.waitForSelector("#diff-table tbody tr")
    expect(await page.$eval("#versions", (o) => o.textContent)).toContain("bara prio 1 får avbryta")
    const rows = await page.$$eval("#diff-table tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent))
    )
    // Stored with the defaults filled in (prio 1, 2 and 3 interrupt): 2 and 3 are taken out.
    expect(rows).toEqual([
      ["rules.interruptingPriorities[1]", "borttagen", "2", "—"],
      ["rules.interruptingPriorities[2]", "borttagen", "3", "—"]
    ])
    await page.screenshot({ path: join(OUT, "scenario-versions.png"), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it("researcher: reads the API's own documentation, every route of /docs/openapi.json, and follows a schema link", async () => {
    const { page, errors } = await loggedIn("researcher")
    await page.goto(`${api.base}/app/#/docs`)
    await page.waitForSelector("details.operation")
    const doc = (await api.call("GET", "/docs/openapi.json", { key: api.keys.researcher })).body
    const expected = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
    )
    expect(
      (await page.$$eval("details.operation", (ds) => ds.map((d) => (d as HTMLElement).dataset["operation"]))).sort()
    ).toEqual(expected.sort())
    const timeline = "details.operation[data-operation='GET /runs/{id}/timeline']"
    await page.click(`${timeline} > summary`)
    expect(await page.$eval(timeline, (d) => d.textContent)).toContain("run:read")
    await page.click(`${timeline} a.schema-ref[href='#/docs/PatrolTimeline']`)
    await page.waitForSelector("#schema-PatrolTimeline[open]")
    expect(await page.$eval("#schema-PatrolTimeline pre", (p) => p.textContent)).toContain("interruptions")
    await page.screenshot({ path: join(OUT, "docs.png") })
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
    expect(await page.$eval("figure.chart[data-chart='interruptions'] figcaption", (c) => c.textContent)).toBe(
      "Interruptions by priority"
    )
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
