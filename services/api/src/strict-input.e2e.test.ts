import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { syntheticFeedLines } from "@igv/ingest"
import { startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

// Hostile and careless input over real HTTP: the API decodes as strictly as the CLI and never echoes what it refuses.
let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(async () => {
  await t.close()
})

const presets = join(import.meta.dirname, "../../../simulations/scenarios")
const post = (body: unknown) => t.call("POST", "/scenarios", { key: t.keys.planner, body })
const postRaw = (raw: string, contentType: string, path = "/scenarios") =>
  t.call("POST", path, { key: t.keys.planner, raw, headers: { "content-type": contentType } })

describe("one decoder, the CLI's", () => {
  it("refuses a misspelt rule and an unknown top-level field instead of storing today's practice", async () => {
    const r = await post({ scenario: tinyScenario({ rules: { interuptingPriorities: [1, 2] }, colour: "blue" }) })
    expect(r.status).toBe(400)
    expect(r.body.issues).toEqual(
      expect.arrayContaining([
        {
          path: "body.scenario.rules.interuptingPriorities",
          line: 1,
          message: expect.stringMatching(
            /^unknown field "interuptingPriorities" \(known here: "interruptingPriorities", "prio3"/
          )
        },
        { path: "body.scenario.colour", line: 1, message: expect.stringMatching(/^unknown field "colour"/) }
      ])
    )
    expect((await t.call("GET", "/scenarios", { key: t.keys.planner })).body.scenarios).toEqual([])
  })

  it("answers every problem in the CLI's words, never effect's raw messages", async () => {
    const r = await post({
      scenario: tinyScenario({
        days: "7",
        demand: { synthetic: [{ area: "lpo1", prio: 5, perDay: 1, service: { _tag: "fixed", minutes: 5 } }] }
      }),
      coment: "typo"
    })
    expect(r.status).toBe(400)
    const messages = r.body.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.coment: unknown field "coment"/),
        'body.scenario.days: expected number, got "7"',
        "body.scenario.demand.synthetic[0].prio: expected 1, 2 or 3, got 5"
      ])
    )
    expect(JSON.stringify(r.body)).not.toMatch(/Expected|actual/)
  })

  it("refuses numbers that are no plain numbers and days that do not exist, naming the field and the rule", async () => {
    const profile = `[1e999${",1".repeat(167)}]`
    const text = JSON.stringify({ scenario: tinyScenario({ start: "2024-02-30" }) })
      .replace(`"prio":1,`, `"prio":1e0,`)
      .replace(`"patrols":3,`, `"patrols":3.0,`)
      .replace(`"perDay":2,`, `"perDay":2,"hourOfWeekProfile":${profile},`)
    const r = await postRaw(text, "application/json")
    expect(r.status).toBe(400)
    expect(r.body.issues.map((i: { path: string; message: string }) => [i.path, i.message])).toEqual(
      expect.arrayContaining([
        ["body.scenario.start", "February 2024 has days 01 to 29"],
        [
          "body.scenario.demand.synthetic[0].prio",
          `a whole number must be written in digits without a fraction or exponent, not "1e0"`
        ],
        [
          "body.scenario.dimensioning[0].patrols",
          `a whole number must be written in digits without a fraction or exponent, not "3.0"`
        ],
        ["body.scenario.demand.synthetic[0].hourOfWeekProfile[0]", `"1e999" is too large to be a number`]
      ])
    )
    // Nothing was stored that a later run could trip over (Infinity became null in the store: a 500 for every run).
    expect((await t.call("GET", "/scenarios", { key: t.keys.planner })).body.scenarios).toEqual([])
  })

  it("takes YAML bodies: a preset file as it is, with its lines in errors", async () => {
    const preset = readFileSync(join(presets, "lpo-sparse-status-quo.yaml"), "utf8")
    const created = await t.call("POST", "/scenarios?comment=from%20the%20preset", {
      key: t.keys.planner,
      raw: preset,
      headers: { "content-type": "application/yaml" }
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ version: 1, comment: "from the preset" })
    const revised = await t.call("POST", `/scenarios/${created.body.id}/versions?expectedVersion=1`, {
      key: t.keys.planner,
      raw: preset.replace(/^days: \d+/m, "days: 14"),
      headers: { "content-type": "application/x-yaml" }
    })
    expect(revised.status).toBe(201)
    expect(revised.body).toMatchObject({ version: 2, scenario: { days: 14 } })

    const typo = preset.replace(/^rules:\n/m, "rules:\n  interuptingPriorities: [1, 2]\n")
    const bad = await postRaw(typo, "application/yaml")
    expect(bad.status).toBe(400)
    const line = typo.split("\n").findIndex((l) => l.includes("interuptingPriorities")) + 1
    expect(bad.body.issues).toEqual([
      {
        path: "body.rules.interuptingPriorities",
        line,
        message: expect.stringMatching(/^unknown field "interuptingPriorities"/)
      }
    ])
    const syntax = await postRaw("name: x\ndays: [7\n", "text/yaml")
    expect(syntax.status).toBe(400)
    expect(syntax.body.issues[0]).toMatchObject({
      path: "body",
      line: 3,
      message: expect.stringMatching(/^not valid YAML/)
    })
  })

  it("takes comment and expectedVersion in the query only with a YAML body", async () => {
    const r = await t.call("POST", "/scenarios?comment=x", { key: t.keys.planner, body: { scenario: tinyScenario() } })
    expect(r.status).toBe(400)
    expect(r.body.path).toBe("query")
  })
})

describe("errors never echo input", () => {
  it("answers 415 to a media type no route takes, without reading the body back", async () => {
    const megabyte = "0123456789".repeat(100_000)
    const r = await postRaw(megabyte, "text/plain")
    expect(r.status).toBe(415)
    expect(r.body).toMatchObject({ code: "unsupported_media_type", path: "headers.content-type" })
    expect(JSON.stringify(r.body).length).toBeLessThan(500)
    const yamlToRuns = await postRaw("scenarioId: x", "application/yaml", "/runs")
    expect(yamlToRuns.status).toBe(415)
    expect(yamlToRuns.body.message).toBe("POST /runs takes application/json")
  })

  it("cuts what it quotes of a refused value short, however large", async () => {
    const r = await post({ scenario: "x".repeat(900_000), comment: "y".repeat(100_000) })
    expect(r.status).toBe(400)
    expect(JSON.stringify(r.body).length).toBeLessThan(2000)
    const run = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: "z".repeat(500_000) } })
    expect(run.status).toBe(400)
    expect(JSON.stringify(run.body).length).toBeLessThan(1000)
  })

  it("answers 400, not 500, to JSON nested too deep", async () => {
    for (const raw of [
      "[".repeat(100_000) + "]".repeat(100_000),
      `{"scenario":${"[".repeat(5000)}${"]".repeat(5000)}}`
    ]) {
      const r = await postRaw(raw, "application/json")
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({
        code: "invalid_json",
        path: "body",
        message: expect.stringMatching(/levels deep; at most 64 are allowed$/)
      })
    }
  })

  it("gives Fastify's own errors our shape and a 4xx: a path parameter too long, bad percent-encoding", async () => {
    const long = await t.call("GET", `/scenarios/${"a".repeat(200)}`, { key: t.keys.planner })
    expect(long.status).toBe(414)
    expect(long.body).toEqual({ code: "uri_too_long", message: expect.any(String), path: "params" })
    expect(long.body.message).not.toContain("aaaa")
    for (const bad of ["/scenarios/%E0%A4%A", "/scenarios/%"]) {
      const r = await t.call("GET", bad, { key: t.keys.planner })
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ code: "invalid_url", message: expect.any(String), path: "url" })
    }
  })
})

describe("ids from the service's own namespace", () => {
  it('cannot reach an internal stream: revising scenario "index" is a 404 and the list stays whole', async () => {
    const created = await post({ scenario: tinyScenario() })
    expect(created.status).toBe(201)
    for (const id of ["index", "sc_x", "../index"]) {
      const r = await t.call("POST", `/scenarios/${encodeURIComponent(id)}/versions`, {
        key: t.keys.planner,
        body: { scenario: tinyScenario() }
      })
      expect(r.status).toBe(404)
    }
    expect((await t.call("GET", "/scenarios/index", { key: t.keys.planner })).status).toBe(404)
    const list = await t.call("GET", "/scenarios", { key: t.keys.planner })
    expect(list.status).toBe(200)
    expect(list.body.scenarios.map((s: { id: string }) => s.id)).toContain(created.body.id)
    expect(list.body.scenarios.every((s: { id: string }) => /^sc_[0-9a-f]{12}$/.test(s.id))).toBe(true)
    expect((await t.call("DELETE", "/keys/index", { key: t.keys.admin })).status).toBe(404)
    expect((await t.call("GET", "/runs/index", { key: t.keys.planner })).status).toBe(404)
  })
})

describe("time forms and areas as the CLI takes them", () => {
  it("takes ?from=2024-09-10 like --from, and refuses a day that does not exist instead of rolling over", async () => {
    const lines = [
      ...syntheticFeedLines({ incidents: 1500, seed: 4, areas: ["lpo1", "lpo2"], start: Date.UTC(2024, 8, 9) / 60_000 })
    ]
    const posted = await t.call("POST", "/feed", {
      key: t.keys.ingest,
      raw: `${lines.join("\n")}\n`,
      headers: { "content-type": "application/x-ndjson" }
    })
    expect(posted.status).toBe(200)
    const day = await t.call("GET", "/history/report?from=2024-09-10&to=2024-09-11T06:00", {
      key: t.keys["rlc-manager"]
    })
    expect(day.status).toBe(200)
    const sameWithOffsets = await t.call(
      "GET",
      `/history/report?from=${encodeURIComponent("2024-09-10T00:00:00+02:00")}&to=${encodeURIComponent("2024-09-11T06:00:00+02:00")}`,
      { key: t.keys["rlc-manager"] }
    )
    expect(day.body).toEqual(sameWithOffsets.body)
    expect(JSON.stringify(day.body)).not.toBe(
      JSON.stringify(
        (await t.call("GET", "/history/report?from=2024-09-11&to=2024-09-12", { key: t.keys.planner })).body
      )
    )
    const rolled = await t.call("GET", "/history/report?from=2024-04-32&to=2024-05-03", { key: t.keys["rlc-manager"] })
    expect(rolled.status).toBe(400)
    expect(rolled.body).toEqual({
      code: "invalid_request",
      message: `"2024-04-32": April 2024 has days 01 to 30`,
      path: "query.from"
    })
  })

  it("refuses an area the store holds no events of, listing those it does", async () => {
    const r = await t.call("GET", "/history/report?from=2024-09-10&to=2024-09-11&area=lpo9", { key: t.keys.planner })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({
      code: "invalid_request",
      message: `area "lpo9" is not in the store (areas with stored events: lpo1, lpo2)`,
      path: "query.area"
    })
  })

  it("refuses a run's feed area the scenario does not declare, and keeps a date-form window with its offsets", async () => {
    const created = await post({ scenario: tinyScenario({ start: "2024-09-09", demand: { feed: "store" } }) })
    expect(created.status).toBe(201)
    const unknown = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: created.body.id, feed: { from: "2024-09-09", to: "2024-09-12", area: "lpo9" } }
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toEqual({
      code: "invalid_request",
      message: `area "lpo9" is not declared in the scenario (declared: lpo1, lpo2)`,
      path: "body.feed.area"
    })
    const run = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: created.body.id, feed: { from: "2024-09-09", to: "2024-09-12" } }
    })
    expect(run.status).toBe(202)
    expect(run.body.feed).toEqual({ from: "2024-09-09T00:00:00+02:00", to: "2024-09-12T00:00:00+02:00" })
  })

  it("lets an RLC manager read the rules behind a run (scenarios and their versions), not write them", async () => {
    const created = await post({ scenario: tinyScenario() })
    const manager = t.keys["rlc-manager"]
    expect((await t.call("GET", `/scenarios/${created.body.id}`, { key: manager })).status).toBe(200)
    expect((await t.call("GET", `/scenarios/${created.body.id}/versions`, { key: manager })).status).toBe(200)
    expect((await t.call("POST", "/scenarios", { key: manager, body: { scenario: tinyScenario() } })).status).toBe(403)
  })
})
