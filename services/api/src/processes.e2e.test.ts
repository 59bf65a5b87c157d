import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./test/harness.js"
import { descendants, dist, exited, hasExited, outputClosed, root, startServer, type Server } from "./test/processes.js"

// The built service as an operator runs it: two processes on one store, the start script, the first-key hint.
let dir: string
const servers: Array<Server> = []
const leftovers: Array<number> = []
beforeAll(() => {
  execFileSync("pnpm", ["exec", "tsc", "-b", "services/api"], { cwd: root, stdio: "inherit" })
  dir = mkdtempSync(join(tmpdir(), "igv-api-processes-"))
}, 180_000)
afterAll(async () => {
  for (const s of servers)
    if (!hasExited(s.child)) {
      s.child.kill("SIGTERM")
      await exited(s.child)
    }
  for (const pid of leftovers) {
    try {
      process.kill(pid, "SIGKILL")
    } catch {
      /* gone */
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const start = async (env: Record<string, string>, options: Parameters<typeof startServer>[1] = {}) => {
  const server = await startServer(env, options)
  servers.push(server)
  return server
}
const adminKey = (store: string, cwd = dir) =>
  execFileSync(process.execPath, [join(dist, "admin.js"), "create-key", "--role", "admin"], {
    cwd,
    env: { ...process.env, IGV_STORE: store }
  })
    .toString()
    .trim()
const call = async (base: string, key: string, method: string, path: string, body?: unknown) => {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { "x-api-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await r.text()
  return { status: r.status, body: text === "" ? undefined : JSON.parse(text) }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe("two API processes on one store", () => {
  it("a key revoked on one stops working on the other within a second", async () => {
    const store = `sqlite:${join(dir, "shared.db")}`
    const admin = adminKey(store)
    const [a, b] = [await start({ IGV_STORE: store }), await start({ IGV_STORE: store })]
    const created = await call(a.base, admin, "POST", "/keys", { role: "researcher", label: "two processes" })
    expect(created.status).toBe(201)
    const key = created.body.key as string
    // A key created on one process is taken by the other as soon as it reads the store.
    await eventually(
      async () => ((await call(b.base, key, "GET", "/runs")).status === 200 ? true : undefined),
      "the new key on the other process",
      5000
    )

    expect((await call(a.base, admin, "DELETE", `/keys/${created.body.id}`)).status).toBe(204)
    const revokedAt = Date.now()
    let refusedAfter: number | undefined
    while (Date.now() - revokedAt < 3000) {
      if ((await call(b.base, key, "GET", "/runs")).status === 401) {
        refusedAfter = Date.now() - revokedAt
        break
      }
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(refusedAfter).toBeDefined()
    expect(refusedAfter!).toBeLessThanOrEqual(1000)
  })
})

describe("operations", () => {
  it("the first-key hint names the store this process opened, absolutely, in every command it gives", async () => {
    const cwd = join(dir, "elsewhere")
    mkdirSync(join(cwd, "rel"), { recursive: true })
    const server = await start({ IGV_STORE: "sqlite:rel/hint.db" }, { cwd })
    const opened = `sqlite:${join(cwd, "rel", "hint.db")}`
    const hint = server
      .output()
      .split("\n")
      .filter((line) => /create-(admin-)?key/.test(line))
    expect(hint.length).toBeGreaterThan(0)
    for (const line of hint) expect(line).toContain(`IGV_STORE=${opened} `)
    // The command works from any directory and its key opens this server.
    const m = /IGV_STORE=(\S+) \S+ (\S+) create-key --role admin/.exec(hint.join("\n"))!
    const key = execFileSync(process.execPath, [m[2]!, "create-key", "--role", "admin"], {
      cwd: tmpdir(),
      env: { ...process.env, IGV_STORE: m[1]! }
    })
      .toString()
      .trim()
    expect((await call(server.base, key, "GET", "/keys")).status).toBe(200)
  })

  it("pnpm --filter @igv/api start stopped with SIGTERM stops the service itself and says so", async () => {
    const server = await start(
      { IGV_STORE: `sqlite:${join(dir, "start.db")}` },
      { command: ["pnpm", "--filter", "@igv/api", "start"], cwd: root }
    )
    // The service itself, below pnpm and whatever shell runs the script.
    const service = descendants(server.child.pid!).find((p) => p.command.includes("dist/main.js"))
    expect(service).toBeDefined()
    const pid = service!.pid
    leftovers.push(pid)
    server.child.kill("SIGTERM")
    await Promise.race([exited(server.child), new Promise((r) => setTimeout(r, 10_000))])
    const deadline = Date.now() + 10_000
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(alive(pid)).toBe(false)
    await outputClosed(server.child)
    expect(server.output()).toMatch(/igv api stopped\n/)
  })
})
