import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ANALYTICS_RESULTS } from "./analytics/schemas.js"
import { command, connectAnalytics } from "@igv/analytics"
import { sql } from "@igv/analytics"
import { syntheticFeedLines } from "@igv/ingest"
import type { Role } from "./auth/roles.js"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"
import { clickhouseUrl } from "@igv/test-env"

// Against the real ClickHouse the test command starts (127.0.0.1:8123); unreachable means failure, never a skip.
const url = clickhouseUrl
const database = `igv_api_test_${process.pid}`
const QUERIES = ["interruptions", "survival", "sweep", "real-vs-simulated", "headline"]
const ALLOWED: ReadonlyArray<Role> = ["planner", "rlc-manager", "researcher"]

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({ clickhouseUrl: url, clickhouseDatabase: database })
})
afterAll(async () => {
  await t?.close()
  const a = connectAnalytics({ url, database })
  await command(a, sql`DROP DATABASE IF EXISTS ${a.db}`)
  await a.close()
})

describe("analytics routes when ClickHouse is configured", () => {
  it("are documented and guarded like every other route", async () => {
    const docs = (await t.call("GET", "/docs", { key: t.keys.planner })).body
    for (const q of QUERIES) {
      expect(docs.paths[`/analytics/${q}`]?.get).toBeDefined()
      expect((await t.call("GET", `/analytics/${q}`)).status).toBe(401)
      for (const role of ["planner", "rlc-manager", "researcher", "ingest", "admin"] as const) {
        const r = await t.call("GET", `/analytics/${q}`, { key: t.keys[role] })
        if (ALLOWED.includes(role)) expect([401, 403, 500]).not.toContain(r.status)
        else expect(r.status).toBe(403)
      }
    }
    const areas = docs.paths["/analytics/interruptions"].get.parameters.find(
      (p: { name: string }) => p.name === "areas"
    )
    expect(areas).toMatchObject({ in: "query", style: "form", explode: false, schema: { type: "array" } })
  })

  it("exports a completed run; the interruptions query agrees with the run's own log", async () => {
    const scenario = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: tinyScenario() } })
    const run = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: scenario.body.id, replications: 1, seed: 3 }
    })
    expect(run.status).toBe(202)
    await eventually(async () => {
      const r = await t.call("GET", `/analytics/interruptions?runs=${run.body.id}`, { key: t.keys.researcher })
      expect(r.status).toBe(200)
      return r.body.runs === 1 ? true : undefined
    }, "the run in ClickHouse")
    // Asked again: the answer that first counted the run may have read its rows just before the run was committed.
    const cells = (await t.call("GET", `/analytics/interruptions?runs=${run.body.id}`, { key: t.keys.researcher })).body
      .cells as Array<{ prio: number; interruptions: number; area: string }>
    // Each answer has the shape its OpenAPI schema documents.
    const answers = {
      interruptions: (await t.call("GET", `/analytics/interruptions?runs=${run.body.id}`, { key: t.keys.planner }))
        .body,
      survival: (await t.call("GET", `/analytics/survival?scenario=${scenario.body.id}`, { key: t.keys.planner })).body,
      sweep: (
        await t.call("GET", "/analytics/sweep?sweep=none&kpi=lineTime.survival&parameter=reserve", {
          key: t.keys.planner
        })
      ).body,
      "real-vs-simulated": (
        await t.call("GET", `/analytics/real-vs-simulated?from=2024-03-25&to=2024-04-01&runs=${run.body.id}`, {
          key: t.keys.planner
        })
      ).body,
      headline: (
        await t.call("GET", `/analytics/headline?source=simulated&runs=${run.body.id}`, { key: t.keys.planner })
      ).body
    }
    for (const [name, body] of Object.entries(answers))
      expect(() =>
        Schema.decodeUnknownSync(ANALYTICS_RESULTS[name as keyof typeof answers], { onExcessProperty: "error" })(body)
      ).not.toThrow()
    expect(answers.survival[0]).toMatchObject({ scenarioVersion: 1, runs: 1 })
    expect(answers.headline.length).toBeGreaterThan(0)
    const report = (await t.call("GET", `/runs/${run.body.id}/report`, { key: t.keys.planner })).body
    for (const prio of [1, 2, 3]) {
      expect(cells.filter((c) => c.prio === prio).reduce((n, c) => n + c.interruptions, 0)).toBe(
        report.interruptions.byPriority[prio]
      )
    }
    const lpo2 = await t.call("GET", `/analytics/interruptions?runs=${run.body.id}&areas=lpo2&prios=3`, {
      key: t.keys.researcher
    })
    expect(lpo2.body.cells.length, "prio-3 interruptions in lpo2").toBeGreaterThan(0)
    expect(lpo2.body.cells.every((c: { area: string; prio: number }) => c.area === "lpo2" && c.prio === 3)).toBe(true)
    expect(
      (await t.call("GET", `/analytics/interruptions?runs=${run.body.id}&prios=4`, { key: t.keys.researcher })).body
    ).toMatchObject({ code: "invalid_request", path: "query.prios[0]" })
    expect((await t.call("GET", "/analytics/interruptions", { key: t.keys.researcher })).status).toBe(400)
  })

  it("answers a time ClickHouse cannot hold with a 400 in the error shape, not a 500", async () => {
    for (const query of [
      "real-vs-simulated?from=2200-01-01&to=2200-02-01&runs=x",
      "headline?source=recorded&from=2024-01-01&to=9999-01-01",
      "interruptions?runs=x&from=3000-01-01"
    ]) {
      const r = await t.call("GET", `/analytics/${query}`, { key: t.keys.researcher })
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({
        code: "invalid_request",
        message: expect.stringContaining("1970-01-01 to 2106-02-07"),
        path: expect.stringMatching(/^query\.(from|to)$/)
      })
    }
  })

  it("follows the store: an ingested feed reaches ClickHouse and the real-vs-simulated query", async () => {
    const lines = [
      ...syntheticFeedLines({ incidents: 500, seed: 9, areas: ["lpo1"], start: Date.UTC(2024, 2, 4) / 60_000 })
    ]
    const posted = await t.call("POST", "/feed", {
      key: t.keys.ingest,
      raw: `${lines.join("\n")}\n`,
      headers: { "content-type": "application/x-ndjson" }
    })
    expect(posted.body.stored).toBe(2000)
    const rows = await eventually(async () => {
      const r = await t.call("GET", "/analytics/real-vs-simulated?from=2024-03-03&to=2024-03-10&runs=none", {
        key: t.keys["rlc-manager"]
      })
      expect(r.status).toBe(200)
      const real = (r.body as Array<{ real: { dispatched: number } }>).reduce((n, row) => n + row.real.dispatched, 0)
      return real === 500 ? r.body : undefined
    }, "the feed in ClickHouse")
    expect(rows.map((r: { prio: number }) => r.prio)).toEqual([1, 2, 3])
  })
})
