import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Role } from "./auth/roles.js"
import { startTestApi, type TestApi } from "./test/harness.js"

const ALL: ReadonlyArray<Role> = ["planner", "rlc-manager", "researcher", "ingest", "admin"]
const READERS: ReadonlyArray<Role> = ["planner", "rlc-manager", "researcher"]

/** Who may call what, written out by hand from the issue (not derived from the code under test). */
const TABLE: ReadonlyArray<{
  method: string
  path: string
  allowed: ReadonlyArray<Role> | "public"
  body?: unknown
  raw?: string
  contentType?: string
}> = [
  { method: "GET", path: "/health", allowed: "public" },
  { method: "GET", path: "/app", allowed: "public" },
  { method: "GET", path: "/app/", allowed: "public" },
  { method: "GET", path: "/app/app.js", allowed: "public" },
  { method: "GET", path: "/docs", allowed: ALL },
  { method: "GET", path: "/docs/openapi.json", allowed: ALL },
  { method: "POST", path: "/keys", allowed: ["admin"], body: { role: "planner" } },
  { method: "GET", path: "/keys", allowed: ["admin"] },
  { method: "DELETE", path: "/keys/0000000000000000", allowed: ["admin"] },
  { method: "POST", path: "/scenarios", allowed: ["planner"], body: { scenario: {} } },
  { method: "POST", path: "/scenarios/fit", allowed: ["planner"], body: { from: "2024-03-25", to: "2024-03-26" } },
  { method: "POST", path: "/scenarios/sc_x/versions", allowed: ["planner"], body: { scenario: {} } },
  { method: "GET", path: "/scenarios", allowed: READERS },
  { method: "GET", path: "/scenarios/sc_x", allowed: READERS },
  { method: "GET", path: "/scenarios/sc_x/versions", allowed: READERS },
  { method: "GET", path: "/scenarios/sc_x/diff?from=1&to=2", allowed: READERS },
  { method: "POST", path: "/runs", allowed: ["planner", "researcher"], body: { scenarioId: "sc_x" } },
  { method: "GET", path: "/runs", allowed: READERS },
  { method: "GET", path: "/runs/run_x", allowed: READERS },
  { method: "GET", path: "/runs/run_x/report", allowed: READERS },
  { method: "GET", path: "/runs/run_x/interruptions", allowed: READERS },
  { method: "GET", path: "/runs/run_x/timeline?from=2024-03-25&to=2024-03-26", allowed: READERS },
  { method: "DELETE", path: "/runs/run_x", allowed: ["planner", "researcher"] },
  { method: "POST", path: "/runs/run_x/cancel", allowed: ["planner", "researcher"] },
  { method: "GET", path: "/compare?runs=run_x,run_y", allowed: READERS },
  {
    method: "GET",
    path: "/history/report?from=2024-03-25T00:00:00%2B01:00&to=2024-03-26T00:00:00%2B01:00",
    allowed: READERS
  },
  { method: "GET", path: "/history/timeline?from=2024-03-25&to=2024-03-26", allowed: READERS },
  { method: "POST", path: "/feed", allowed: ["ingest"], raw: "", contentType: "application/x-ndjson" },
  { method: "GET", path: "/feed/events", allowed: ["rlc-manager", "researcher", "ingest"] },
  { method: "GET", path: "/feed/quarantine", allowed: ["rlc-manager", "researcher", "ingest"] },
  {
    method: "POST",
    path: "/feed/quarantine/drop",
    allowed: ["ingest", "admin"],
    body: { quarantineIds: ["quarantine-x"] }
  }
]

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(async () => {
  await t.close()
})

const send = (row: (typeof TABLE)[number], key?: string) =>
  t.call(row.method, row.path, {
    ...(key === undefined ? {} : { key }),
    ...(row.body === undefined ? {} : { body: row.body }),
    ...(row.raw === undefined ? {} : { raw: row.raw, headers: { "content-type": row.contentType! } })
  })

describe("every route × every role over real HTTP", () => {
  it("the table covers every route the server documents", async () => {
    const docs = (await t.call("GET", "/docs", { key: t.keys.admin })).body
    const documented = Object.entries(docs.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
    )
    const tabled = TABLE.map(
      (r) =>
        `${r.method} ${r.path
          .split("?")[0]!
          .replace(/\/(sc_x|run_x|0000000000000000)(?=\/|$)/, "/{id}")
          .replace(/^\/app\/app\.js$/, "/app/{file}")}`
    )
    expect(new Set(tabled)).toEqual(new Set(documented))
  })

  for (const row of TABLE) {
    describe(`${row.method} ${row.path.split("?")[0]}`, () => {
      if (row.allowed === "public") {
        it("answers without a key", async () => expect((await send(row)).status).toBe(200))
        return
      }
      it("401 without a key, with a structured error", async () => {
        const r = await send(row)
        expect(r.status).toBe(401)
        expect(r.body).toEqual({ code: "unauthenticated", message: expect.any(String), path: "headers.x-api-key" })
      })
      it("401 with a malformed or unknown key", async () => {
        expect((await send(row, "not-a-key")).status).toBe(401)
        expect((await send(row, `igv_0123456789abcdef_${"A".repeat(43)}`)).status).toBe(401)
      })
      for (const role of ALL) {
        const allowed = (row.allowed as ReadonlyArray<Role>).includes(role)
        it(`${role}: ${allowed ? "allowed" : "403"}`, async () => {
          const r = await send(row, t.keys[role])
          if (allowed) {
            expect([401, 403, 500]).not.toContain(r.status)
          } else {
            expect(r.status).toBe(403)
            expect(r.body.code).toBe("forbidden")
          }
        })
      }
    })
  }

  it("a Bearer header works like x-api-key, and a revoked key is refused", async () => {
    const created = await t.call("POST", "/keys", { key: t.keys.admin, body: { role: "researcher", label: "temp" } })
    expect(created.status).toBe(201)
    const bearer = { authorization: `Bearer ${created.body.key}` }
    expect((await t.call("GET", "/runs", { headers: bearer })).status).toBe(200)
    expect((await t.call("DELETE", `/keys/${created.body.id}`, { key: t.keys.admin })).status).toBe(204)
    expect((await t.call("GET", "/runs", { headers: bearer })).status).toBe(401)
    const list = await t.call("GET", "/keys", { key: t.keys.admin })
    expect(JSON.stringify(list.body)).not.toContain(created.body.key)
    expect(JSON.stringify(list.body)).not.toMatch(/sha256|[0-9a-f]{64}/)
  })
})
