import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Schema } from "effect"
import { encodeFeedEvent, formatInstant, Report, Scenario, type IgvEvent } from "@igv/domain"
import { foldSimulation } from "@igv/runner"
import { createApi, type ApiServer } from "../app.js"
import type { Role } from "../auth/roles.js"
import type { ConfigOverrides } from "../config.js"

/** The built CLI (`pnpm run build` builds it before the tests run), for tests that read what the service stored. */
export const cliMain = resolve(import.meta.dirname, "../../../cli/dist/main.js")

/** Builds the service (incremental, quick when up to date) and loads its compiled createApi. */
const builtCreateApi = async (): Promise<typeof createApi> => {
  const root = resolve(import.meta.dirname, "../../../..")
  execFileSync("pnpm", ["exec", "tsc", "-b", "services/api"], { cwd: root, stdio: "inherit" })
  const built = (await import(resolve(import.meta.dirname, "../../dist/app.js"))) as { createApi: typeof createApi }
  return built.createApi
}

export interface TestApi {
  readonly base: string
  readonly api: ApiServer
  readonly dir: string
  /** A fresh key of each role. */
  readonly keys: Readonly<Record<Role, string>>
  call(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer }
  ): Promise<{ status: number; body: any; headers: Headers }>
  close(): Promise<void>
}

/**
 * The real service on an ephemeral loopback port, with its own SQLite file. With `built`, the compiled service
 * (dist, built first): runs and reads then happen in worker threads as in production, which sources cannot start.
 */
export const startTestApi = async (
  overrides: ConfigOverrides = {},
  options: Parameters<typeof createApi>[1] & { readonly built?: boolean } = {},
  dir = mkdtempSync(join(tmpdir(), "igv-api-"))
): Promise<TestApi> => {
  const create: typeof createApi = options.built === true ? await builtCreateApi() : createApi
  const api = await create(
    { store: `sqlite:${join(dir, "igv.db")}`, logRequests: false, workersPerRun: 1, ...overrides },
    options
  )
  const address = await api.app.listen({ port: 0, host: "127.0.0.1" })
  const keys = {} as Record<Role, string>
  for (const role of ["planner", "rlc-manager", "researcher", "ingest", "admin"] as const)
    keys[role] = (await api.keys.create(role, `test ${role}`, "test")).key
  const call: TestApi["call"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.key !== undefined) headers["x-api-key"] = options.key
    let body: string | Buffer | undefined = options.raw
    if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers["content-type"] ??= "application/json"
    }
    // A copy as a plain Uint8Array: a Buffer is not a fetch body under the DOM types the web page's tests use.
    const sent = body === undefined ? {} : { body: typeof body === "string" ? body : new Uint8Array(body) }
    const response = await fetch(`${address}${path}`, { method, headers, ...sent })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text === "" ? undefined : JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }
  return {
    base: address,
    api,
    dir,
    keys,
    call,
    close: async () => {
      await api.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** A small two-area scenario: two weeks, planned blocks, synthetic demand for every priority. */
export const tinyScenario = (overrides: Record<string, unknown> = {}) => ({
  name: "tiny",
  start: "2024-03-25",
  days: 7,
  areas: [
    { id: "lpo1", neighbours: ["lpo2"] },
    { id: "lpo2", neighbours: ["lpo1"] }
  ],
  dimensioning: [
    { area: "lpo1", patrols: 3, start: "07:00", end: "19:00" },
    { area: "lpo1", patrols: 2, start: "19:00", end: "07:00" },
    { area: "lpo2", patrols: 2, start: "07:00", end: "07:00" }
  ],
  demand: {
    synthetic: [
      { area: "lpo1", prio: 1, perDay: 2, service: { _tag: "exponential", meanMinutes: 60 } },
      { area: "lpo1", prio: 2, perDay: 6, service: { _tag: "exponential", meanMinutes: 60 } },
      { area: "lpo1", prio: 3, perDay: 14, service: { _tag: "exponential", meanMinutes: 45 } },
      { area: "lpo2", prio: 3, perDay: 6, service: { _tag: "exponential", meanMinutes: 45 } }
    ]
  },
  plannedBlocks: [
    { area: "lpo1", start: "09:00", durationMinutes: 120, patrols: 2, tag: "promise-1" },
    { area: "lpo2", start: "13:00", durationMinutes: 90, patrols: 1 }
  ],
  ...overrides
})

export const eventually = async <T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Stores the scenario, runs it (one replication of `seed`) and returns the completed run's report as the API serves it. */
export const completedRunReport = async (t: TestApi, scenario: unknown, seed = 3): Promise<Report> => {
  const created = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario } })
  if (created.status !== 201) throw new Error(`storing the scenario answered ${created.status}`)
  const posted = await t.call("POST", "/runs", {
    key: t.keys.researcher,
    body: { scenarioId: created.body.id, seed, replications: 1 }
  })
  if (posted.status !== 202) throw new Error(`posting the run answered ${posted.status}`)
  await eventually(async () => {
    const r = await t.call("GET", `/runs/${posted.body.id}`, { key: t.keys["rlc-manager"] })
    return r.body.status === "completed" ? r.body : undefined
  }, "the run to complete")
  const report = await t.call("GET", `/runs/${posted.body.id}/report`, { key: t.keys["rlc-manager"] })
  if (report.status !== 200) throw new Error(`the run's report answered ${report.status}`)
  return Schema.decodeUnknownSync(Report)(report.body)
}

/** A scenario's replication 0 (its own seed) as feed NDJSON: stored, it is a history that matches a run of it. */
export const replicationFeed = (scenarioInput: unknown): { readonly events: number; readonly ndjson: string } => {
  const scenario = Schema.decodeUnknownSync(Scenario)(scenarioInput)
  const events = foldSimulation(
    scenario,
    {
      initial: (): Array<IgvEvent> => [],
      evolve: (s, e) => {
        s.push(e)
        return s
      },
      finish: (s) => s
    },
    { seed: scenario.seed }
  )
  return {
    events: events.length,
    ndjson: events.map((e) => `${JSON.stringify(encodeFeedEvent(e, (m) => formatInstant(m)))}\n`).join("")
  }
}
