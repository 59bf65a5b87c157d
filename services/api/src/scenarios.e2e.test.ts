import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({
    limits: { scenarioAreas: 3, scenarioPatrols: 40, scenarioDays: 60, replications: 50, bodyBytes: 64 * 1024 }
  })
})
afterAll(async () => {
  await t.close()
})

describe("scenarios are event-sourced: every version kept, with who and when", () => {
  it("creates, revises, lists, reads any version and diffs two", async () => {
    const created = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario(), comment: "status quo" }
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    expect(created.body).toMatchObject({
      version: 1,
      name: "tiny",
      by: expect.stringMatching(/^[0-9a-f]{16}$/),
      comment: "status quo"
    })
    // Defaults are filled in: the stored version is what will run.
    expect(created.body.scenario.rules.interruptingPriorities).toEqual([1, 2, 3])

    const revised = await t.call("POST", `/scenarios/${id}/versions`, {
      key: t.keys.planner,
      body: {
        expectedVersion: 1,
        scenario: tinyScenario({ rules: { interruptingPriorities: [1, 2], prio3: { handling: "defer" } } })
      }
    })
    expect(revised.status).toBe(201)
    expect(revised.body.version).toBe(2)

    const stale = await t.call("POST", `/scenarios/${id}/versions`, {
      key: t.keys.planner,
      body: { expectedVersion: 1, scenario: tinyScenario() }
    })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ code: "conflict", path: "body.expectedVersion" })

    expect((await t.call("GET", `/scenarios/${id}`, { key: t.keys.researcher })).body.version).toBe(2)
    const v1 = await t.call("GET", `/scenarios/${id}?version=1`, { key: t.keys.researcher })
    expect(v1.body.scenario.rules.prio3.handling).toBe("dispatch")
    const versions = await t.call("GET", `/scenarios/${id}/versions`, { key: t.keys.planner })
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2])
    expect(
      versions.body.versions.every((v: { at: string; by: string }) => !Number.isNaN(Date.parse(v.at)) && v.by !== "")
    ).toBe(true)

    const diff = await t.call("GET", `/scenarios/${id}/diff?from=1&to=2`, { key: t.keys.planner })
    expect(diff.status).toBe(200)
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        { path: "rules.interruptingPriorities[2]", op: "removed", from: 3 },
        { path: "rules.prio3.handling", op: "changed", from: "dispatch", to: "defer" }
      ])
    )
    expect(diff.body.changes).toHaveLength(2)

    const list = await t.call("GET", "/scenarios", { key: t.keys.planner })
    expect(list.body.scenarios).toContainEqual(expect.objectContaining({ id, version: 2 }))
    expect((await t.call("GET", `/scenarios/${id}?version=7`, { key: t.keys.planner })).body).toMatchObject({
      code: "not_found",
      path: "query.version"
    })
  })

  it("rejects an invalid scenario with every problem and its JSON path", async () => {
    const bad = tinyScenario({
      days: 0,
      plannedBlocks: [{ area: "nowhere", start: "25:00", durationMinutes: 60, patrols: 1 }]
    })
    const r = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: bad } })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe("invalid_request")
    const paths = (r.body.issues as Array<{ path: string }>).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(["body.scenario.days", "body.scenario.plannedBlocks[0].start"]))
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/)
  })

  it("answers 400 naming the limit and its value for areas, patrols, days and replications", async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        {
          areas: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
          dimensioning: [],
          demand: { synthetic: [{ area: "a", prio: 1, perDay: 1, service: { _tag: "fixed", minutes: 10 } }] },
          plannedBlocks: []
        },
        "scenarioAreas is 3",
        "body.scenario.areas"
      ],
      [
        { dimensioning: [{ area: "lpo1", patrols: 41, start: "00:00", end: "24:00" }] },
        "scenarioPatrols is 40",
        "body.scenario.dimensioning"
      ],
      [{ days: 61 }, "scenarioDays is 60", "body.scenario.days"],
      [{ replications: 51 }, "replications is 50", "body.scenario.replications"]
    ]
    for (const [patch, message, path] of cases) {
      const r = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: tinyScenario(patch) } })
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ code: "limit_exceeded", message: expect.stringContaining(message), path })
    }
  })

  it("answers 400 with the body limit for an oversized body, and never reads files named in demand.feed", async () => {
    const big = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ description: "x".repeat(70 * 1024) }) }
    })
    expect(big.status).toBe(400)
    expect(big.body).toEqual({ code: "limit_exceeded", message: "limit bodyBytes is 65536", path: "body" })
    const file = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ demand: { feed: "/etc/passwd" } }) }
    })
    expect(file.status).toBe(400)
    expect(file.body.path).toBe("body.scenario.demand.feed")
    const json = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      raw: "{not json",
      headers: { "content-type": "application/json" }
    })
    expect(json.status).toBe(400)
    expect(json.body.code).toBe("invalid_json")
  })
})
