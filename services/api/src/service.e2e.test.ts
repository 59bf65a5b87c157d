import { PassThrough } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ErrorBody } from "./errors.js"
import { jsonSchemaOf } from "./http/openapi.js"
import { RunRequestBody } from "./runs/routes.js"
import { CreateScenarioBody } from "./scenarios/routes.js"
import { startTestApi, type TestApi } from "./test/harness.js"

describe("rate limit per key", () => {
  let t: TestApi
  beforeAll(async () => {
    t = await startTestApi({ ratePerSecond: 1, rateBurst: 3 })
  })
  afterAll(async () => {
    await t.close()
  })

  it("answers 429 with Retry-After once a key's bucket is empty, without touching other keys", async () => {
    // Ten at once: the burst of 3 passes (a 4th if a second went by meanwhile), the rest wait.
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.call("GET", "/runs", { key: t.keys.planner })))
    const passed = answers.filter((a) => a.status === 200).length
    const limited = answers.filter((a) => a.status === 429)
    expect(passed).toBeGreaterThanOrEqual(3)
    expect(passed).toBeLessThanOrEqual(4)
    expect(limited.length).toBe(10 - passed)
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
    expect(limited[0]!.body).toMatchObject({ code: "rate_limited", path: "" })
    expect((await t.call("GET", "/runs", { key: t.keys.researcher })).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1100))
    expect((await t.call("GET", "/runs", { key: t.keys.planner })).status).toBe(200)
  })
})

describe("OpenAPI, errors and the request log", () => {
  let t: TestApi
  const log = new PassThrough()
  let logged = ""
  log.on("data", (c: Buffer) => {
    logged += c.toString()
  })
  beforeAll(async () => {
    t = await startTestApi({ logRequests: true }, { logStream: log })
  })
  afterAll(async () => {
    await t.close()
  })

  it("serves OpenAPI 3.1 whose request and error schemas are the validating effect Schemas", async () => {
    const doc = (await t.call("GET", "/docs", { key: t.keys.planner })).body
    expect(doc.openapi).toBe("3.1.0")
    const resolveRef = (s: any) =>
      s.$ref === undefined ? s : doc.components.schemas[s.$ref.replace("#/components/schemas/", "")]
    const generated = (schema: Parameters<typeof jsonSchemaOf>[0]) => {
      const { root, defs } = jsonSchemaOf(schema)
      return {
        root: JSON.parse(JSON.stringify(root).replaceAll("#/$defs/", "#/components/schemas/")),
        defs: defs as any
      }
    }
    const scenarioBody = doc.paths["/scenarios"].post.requestBody.content["application/json"].schema
    expect(scenarioBody).toEqual(generated(CreateScenarioBody).root)
    expect(resolveRef(scenarioBody).properties.scenario).toBeDefined()
    expect(doc.paths["/runs"].post.requestBody.content["application/json"].schema).toEqual(
      generated(RunRequestBody).root
    )
    expect(resolveRef(doc.paths["/runs"].post.responses["401"].content["application/json"].schema)).toEqual(
      generated(ErrorBody).defs?.["Error"]
    )
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(ops)) {
        expect(op.responses["500"]).toBeDefined()
        // Public routes (`security: []`: /health and the web page's files) need no key, so no 401, 403 or 429.
        const needsKey = op.security === undefined || op.security.length > 0
        expect(needsKey).toBe(path !== "/health" && !path.startsWith("/app"))
        if (needsKey) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]))
      }
    }
    expect(doc.paths["/runs/{id}/interruptions"].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      "id",
      "area",
      "prio",
      "patrol",
      "tag",
      "from",
      "to",
      "replication",
      "limit",
      "cursor"
    ])
    // A number read from the query string keeps its own description, not the string's.
    const described = Object.fromEntries(
      doc.paths["/runs/{id}/interruptions"].get.parameters.map((p: { name: string; description?: string }) => [
        p.name,
        p.description
      ])
    )
    expect(described).toMatchObject({
      replication: expect.stringMatching(/^which replication's interruptions/),
      limit: expect.stringMatching(/^rows per page/)
    })
  })

  it("answers unknown routes and bad input with {code, message, path} and nothing internal", async () => {
    const missing = await t.call("GET", "/nope", { key: t.keys.planner })
    expect(missing.status).toBe(404)
    expect(Object.keys(missing.body).sort()).toEqual(["code", "message", "path"])
    const bad = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: 5, seed: "x" } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: "invalid_request", path: "body.scenarioId" })
    expect(new Set(bad.body.issues.map((i: { path: string }) => i.path))).toEqual(
      new Set(["body.scenarioId", "body.seed"])
    )
    expect(JSON.stringify(bad.body)).not.toMatch(/node_modules|\.ts:|at [A-Za-z]+ \(/)
  })

  it("logs each request with the key id and never the key", async () => {
    await t.call("GET", "/runs", { key: t.keys.researcher })
    await new Promise((r) => setTimeout(r, 100))
    const id = t.keys.researcher.split("_")[1]!
    const line = logged.split("\n").find((l) => l.includes(`"keyId":"${id}"`) && l.includes('"url":"/runs"'))
    expect(line).toBeDefined()
    expect(JSON.parse(line!)).toMatchObject({ method: "GET", status: 200, keyId: id })
    // The secret is everything after "igv_<16 hex id>_" (it may itself contain "_").
    for (const key of Object.values(t.keys)) expect(logged).not.toContain(key.slice("igv_".length + 16 + 1))
  })
})

describe("internal errors", () => {
  it("answer 500 with a fixed message: no stack, no path, no message of the failure", async () => {
    const { createHttpServer } = await import("./http/server.js")
    const { route } = await import("./http/route.js")
    const { KeyRing } = await import("./auth/keys.js")
    const { RateLimiter } = await import("./auth/rate-limit.js")
    const failing = route({
      method: "GET",
      url: "/boom",
      tag: "test",
      permission: "public",
      summary: "fails",
      responses: {},
      handler: async () => {
        throw new Error("database at /srv/secret/igv.db is locked (store.ts:42)")
      }
    })
    const log = new PassThrough()
    let logged = ""
    log.on("data", (c: Buffer) => {
      logged += c.toString()
    })
    const app = createHttpServer([failing], {
      keys: new KeyRing(undefined as never),
      rateLimiter: new RateLimiter(1, 1),
      logRequests: true,
      logStream: log,
      limits: {
        bodyBytes: 1024,
        pageSize: 10,
        scenarioAreas: 1,
        scenarioPatrols: 1,
        scenarioDays: 1,
        replications: 1,
        runCalls: 1,
        runEvents: 1
      }
    })
    const address = await app.listen({ port: 0, host: "127.0.0.1" })
    try {
      const r = await fetch(`${address}/boom`)
      expect(r.status).toBe(500)
      expect(await r.json()).toEqual({ code: "internal", message: "internal error; it has been logged", path: "" })
      // The operator still finds the cause in the log.
      expect(logged).toContain("is locked")
    } finally {
      await app.close()
    }
  })
})
