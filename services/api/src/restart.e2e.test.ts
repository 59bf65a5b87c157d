import { type ChildProcess, execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, tinyScenario } from "./test/harness.js"
import { dist, exited, root, startServer } from "./test/processes.js"

// The real process, from the build: killed with SIGKILL mid-run, then started again on the same store.
describe("a restart in the middle of runs loses none", () => {
  let dir: string
  let key: string
  const env = () => ({
    IGV_STORE: `sqlite:${join(dir, "igv.db")}`,
    IGV_CONCURRENT_RUNS: "1",
    IGV_WORKERS_PER_RUN: "1",
    IGV_RUN_QUEUE: "10"
  })
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { "x-api-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return { status: r.status, body: (await r.json()) as any }
  }
  const postRuns = async (base: string, n: number, replications = 6, days = 120) => {
    const scenario = await call(base, "POST", "/scenarios", { scenario: tinyScenario({ days }) })
    expect(scenario.status).toBe(201)
    const ids: Array<string> = []
    for (let i = 0; i < n; i++) {
      const run = await call(base, "POST", "/runs", { scenarioId: scenario.body.id, replications, seed: i })
      expect(run.status).toBe(202)
      ids.push(run.body.id)
    }
    return ids
  }
  const allFinished = (base: string, ids: ReadonlyArray<string>) =>
    eventually(
      async () => {
        const runs = await Promise.all(ids.map(async (id) => (await call(base, "GET", `/runs/${id}`)).body))
        return runs.every((r) => ["completed", "failed", "cancelled"].includes(r.status)) ? runs : undefined
      },
      "every run to finish",
      150_000
    )

  /** Resolves once the run is being simulated. */
  const started = (base: string, id: string) =>
    eventually(
      async () => ((await call(base, "GET", `/runs/${id}`)).body.status === "running" ? true : undefined),
      "the run to start"
    )
  /** kill -9, resolved once the process is gone. */
  const killedHard = async (server: { readonly child: ChildProcess }) => {
    server.child.kill("SIGKILL")
    await exited(server.child)
  }

  beforeAll(() => {
    // The test runs the compiled service; build it (incremental, quick when up to date).
    execFileSync("pnpm", ["exec", "tsc", "-b", "services/api"], { cwd: root, stdio: "inherit" })
    dir = mkdtempSync(join(tmpdir(), "igv-api-restart-"))
    // The documented first-key command, against the same store.
    key = execFileSync(process.execPath, [join(dist, "admin.js"), "create-key", "--role", "planner"], {
      env: { ...process.env, ...env() }
    })
      .toString()
      .trim()
    expect(key).toMatch(/^igv_[0-9a-f]{16}_/)
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("after kill -9, queued runs resume and the interrupted one is run again", async () => {
    const first = await startServer(env())
    expect(first.output()).toContain(
      `IGV_STORE=${env().IGV_STORE} ${process.execPath} ${join(dist, "admin.js")} create-key --role admin`
    )
    // A year each: still running when the process is killed, however fast the machine.
    const ids = await postRuns(first.base, 3, 6, 365)
    await started(first.base, ids[0]!)
    await killedHard(first)

    const second = await startServer(env())
    try {
      const runs = await allFinished(second.base, ids)
      expect(runs.map((r) => r.status)).toEqual(["completed", "completed", "completed"])
      expect(runs[0].attempts).toBe(2)
      expect(runs.slice(1).map((r) => r.attempts)).toEqual([1, 1])
      for (const id of ids) expect((await call(second.base, "GET", `/runs/${id}/report`)).body.replications).toBe(6)
    } finally {
      await killedHard(second)
    }
  })

  it("a run interrupted more often than allowed is marked failed with the reason, never dropped", async () => {
    const first = await startServer({ ...env(), IGV_RUN_ATTEMPTS: "1" })
    const ids = await postRuns(first.base, 2, 6, 365)
    await started(first.base, ids[0]!)
    await killedHard(first)
    const second = await startServer({ ...env(), IGV_RUN_ATTEMPTS: "1" })
    try {
      const runs = await allFinished(second.base, ids)
      expect(runs[0]).toMatchObject({ status: "failed", reason: expect.stringContaining("server stopped") })
      expect(runs[1].status).toBe("completed")
    } finally {
      await killedHard(second)
    }
  })

  it("cancelling an executing run stops its worker thread and frees the pool at once", async () => {
    const server = await startServer(env())
    const threads = () => readdirSync(`/proc/${server.child.pid}/task`).length
    try {
      const idle = threads()
      // 200 replications of 700 days: far longer than the waits below, so only terminating the worker ends it in time.
      const [id] = await postRuns(server.base, 1, 200, 700)
      await started(server.base, id!)
      expect(threads()).toBeGreaterThan(idle)
      const cancelled = await call(server.base, "POST", `/runs/${id}/cancel`)
      expect(cancelled.body.status).toBe("cancelled")
      await eventually(async () => (threads() <= idle ? true : undefined), "the run's threads to end", 10_000)
      // The pool is free: the next run starts at once.
      const [next] = await postRuns(server.base, 1, 1)
      expect((await allFinished(server.base, [next!]))[0].status).toBe("completed")
      const first = (await call(server.base, "GET", `/runs/${id}`)).body
      expect(first.status).toBe("cancelled")
      expect(first.progress.done).toBeLessThan(200)
    } finally {
      await killedHard(server)
    }
  })

  it("SIGTERM stops gracefully: the store is closed, executing runs are finished or handed back, and the next start completes them", async () => {
    const first = await startServer({ ...env(), IGV_SHUTDOWN_GRACE_MS: "200" })
    // Far longer than the 200 ms grace: it must be handed back, not finished.
    const ids = await postRuns(first.base, 2, 20, 700)
    await started(first.base, ids[0]!)
    const stoppedAt = new Date().toISOString()
    first.child.kill("SIGTERM")
    expect(await exited(first.child)).toBe(0)
    expect(first.output()).toContain("SIGTERM: stopping")
    const second = await startServer(env())
    try {
      const runs = await allFinished(second.base, ids)
      expect(runs.map((r) => r.status)).toEqual(["completed", "completed"])
      // Handed back, not finished within the 200 ms grace: it ran again after the restart,
      // and a graceful hand-back does not count as a failed attempt.
      expect(runs[0].startedAt > stoppedAt).toBe(true)
      expect(runs[0].attempts).toBe(1)
    } finally {
      await killedHard(second)
    }
  })
})
