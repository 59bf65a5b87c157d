/**
 * API load test: GET /runs/:id/report at a fixed open-loop rate (default 500 req/s for 20 s) on loopback,
 * while runs keep executing in the background. Starts the built service (services/api/dist/main.js) as a
 * child process on a fresh SQLite store, so the load generator and the server do not share an event loop.
 * Latency is measured from each request's scheduled start (no coordinated omission).
 * Run after `pnpm build`: node simulations/dist/src/bench/api.js [rate] [seconds] (or `pnpm bench api`).
 * BENCH_NO_BACKGROUND=1 leaves out the background runs (the reads alone); IGV_* variables reach the service.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { Agent, request } from "node:http"
import { loadavg, tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { benchEnvironment } from "@igv/test-env"

const rate = Number(process.argv[2] ?? 500)
const seconds = Number(process.argv[3] ?? 20)
/** BENCH_NO_BACKGROUND: measure without simulations running beside the requests. */
const inBackground = benchEnvironment().background
/** The workspace root, wherever the compiled file lands under simulations/dist. */
const findRoot = (from: string): string =>
  existsSync(join(from, "pnpm-workspace.yaml")) ? from : findRoot(dirname(from))
const root = findRoot(import.meta.dirname)
const apiDist = join(root, "services/api/dist")
const dir = mkdtempSync(join(tmpdir(), "igv-api-bench-"))
const env = {
  ...process.env,
  IGV_STORE: `sqlite:${join(dir, "igv.db")}`,
  IGV_PORT: "0",
  IGV_LOG_REQUESTS: "false",
  IGV_RATE_PER_SECOND: "100000",
  IGV_RATE_BURST: "100000"
}

const start = (): Promise<{ child: ChildProcess; base: string }> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(apiDist, "main.js")], { env, stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out)
      if (m !== null) ok({ child, base: m[1]! })
    })
    child.on("exit", (code) => fail(new Error(`api exited with ${code}: ${out}`)))
  })

const agent = new Agent({ keepAlive: true, maxSockets: 256 })
let key = ""
let base = ""

const call = (method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> =>
  new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: { "x-api-key": key, ...(payload === undefined ? {} : { "content-type": "application/json" }) }
      },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
      }
    )
    req.on("error", fail)
    req.end(payload)
  })

/** Two areas, a month, every priority and planned blocks: a report of realistic size. */
const scenario = {
  name: "bench",
  start: "2024-03-01",
  days: 30,
  areas: [
    { id: "lpo1", neighbours: ["lpo2"] },
    { id: "lpo2", neighbours: ["lpo1"] }
  ],
  dimensioning: ["lpo1", "lpo2"].flatMap((area) => [
    { area, patrols: 6, start: "07:00", end: "17:00" },
    { area, patrols: 6, start: "16:00", end: "02:00" },
    { area, patrols: 3, start: "21:00", end: "07:00" },
    { area, kind: "community", patrols: 3, weekdays: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "17:00" }
  ]),
  demand: {
    synthetic: ["lpo1", "lpo2"].flatMap((area) => [
      { area, prio: 1, perDay: 3, service: { _tag: "exponential", meanMinutes: 75 } },
      { area, prio: 2, perDay: 15, service: { _tag: "exponential", meanMinutes: 55 } },
      { area, prio: 3, perDay: 60, service: { _tag: "lognormal", medianMinutes: 35, p90Minutes: 110 } }
    ])
  },
  plannedBlocks: ["lpo1", "lpo2"].flatMap((area) => [
    { area, start: "10:00", durationMinutes: 180, patrols: 2, tag: `${area}-promise` },
    { area, start: "18:00", durationMinutes: 180, patrols: 2 }
  ])
}

const waitFor = async (id: string): Promise<string> => {
  for (;;) {
    const run = JSON.parse((await call("GET", `/runs/${id}`)).text)
    if (run.status !== "queued" && run.status !== "running") return run.status
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** CPU ms used by the server's main thread (the event loop answering requests; Linux), not its simulation workers. */
const mainThreadCpuMs = (pid: number): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!

const main = async () => {
  execFileSync(process.execPath, [join(apiDist, "admin.js"), "create-key", "--role", "admin"], {
    env,
    stdio: ["ignore", "ignore", "ignore"]
  })
  key = execFileSync(process.execPath, [join(apiDist, "admin.js"), "create-key", "--role", "planner"], {
    env,
    stdio: ["ignore", "pipe", "ignore"]
  })
    .toString()
    .trim()
  const server = await start()
  base = server.base
  try {
    const sc = JSON.parse((await call("POST", "/scenarios", { scenario })).text)
    const first = JSON.parse((await call("POST", "/runs", { scenarioId: sc.id, replications: 10 })).text)
    if ((await waitFor(first.id)) !== "completed") throw new Error("the first run did not complete")
    const reportBytes = (await call("GET", `/runs/${first.id}/report`)).text.length

    // Background: keep the pool busy with runs for the whole measurement.
    let backgroundCompleted = 0,
      stopBackground = false
    const background = (async () => {
      while (!stopBackground && inBackground) {
        const posted = JSON.parse((await call("POST", "/runs", { scenarioId: sc.id, replications: 8 })).text)
        if ((await waitFor(posted.id)) === "completed") backgroundCompleted++
      }
    })()
    await new Promise((r) => setTimeout(r, 500))

    const total = Math.round(rate * seconds)
    const latencies = new Float64Array(total)
    let issued = 0,
      finished = 0,
      errors = 0
    const clientLoop = monitorEventLoopDelay({ resolution: 10 })
    clientLoop.enable()
    const loadBefore = loadavg()[0]!
    const cpuBefore = mainThreadCpuMs(server.child.pid!)
    const t0 = performance.now()
    await new Promise<void>((done) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate))
        for (; issued < due; issued++) {
          const i = issued
          const scheduled = t0 + (i / rate) * 1000
          call("GET", `/runs/${first.id}/report`)
            .then(
              (r) => {
                if (r.status !== 200) errors++
                latencies[i] = performance.now() - scheduled
              },
              () => {
                errors++
                latencies[i] = performance.now() - scheduled
              }
            )
            .finally(() => {
              if (++finished === total) done()
            })
        }
        if (issued < total) setTimeout(tick, 1)
      }
      tick()
    })
    const wall = (performance.now() - t0) / 1000
    const cpuAfter = mainThreadCpuMs(server.child.pid!)
    const loop = JSON.parse((await call("GET", "/health")).text).eventLoopDelay
    stopBackground = true
    const sorted = latencies.slice().sort()
    const ms = (x: number) => x.toFixed(2)
    const backgroundNote = inBackground ? "runs executing in the background" : "no background runs"
    console.log(`GET /runs/:id/report (${reportBytes} bytes) at ${rate} req/s for ${seconds} s, ${backgroundNote}`)
    console.log(`  requests ${total}, errors ${errors}, achieved ${(total / wall).toFixed(0)} req/s`)
    console.log(
      `  latency ms: p50 ${ms(percentile(sorted, 0.5))}  p90 ${ms(percentile(sorted, 0.9))}  p99 ${ms(percentile(sorted, 0.99))}  max ${ms(sorted[sorted.length - 1]!)}`
    )
    console.log(`  background runs completed during the test: ${backgroundCompleted} (8 replications of 30 days each)`)
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      console.log(
        `  server main thread CPU: ${((cpuAfter - cpuBefore) / total).toFixed(3)} ms per request (${(((cpuAfter - cpuBefore) / 1000 / wall) * 100).toFixed(0)} % of a core, requests and run bookkeeping)`
      )
    }
    clientLoop.disable()
    // The histogram records whole 10 ms sampling intervals; the lag is what exceeds them.
    const lag = (ns: number) => Math.max(0, ns / 1e6 - 10).toFixed(1)
    console.log(
      `  load generator's own event-loop lag: p99 ${lag(clientLoop.percentile(99))} ms, max ${lag(clientLoop.max)} ms (large values: the generator, not the server, lagged)`
    )
    console.log(
      `  server event-loop lag, last ${loop.windowSeconds} s: p50 ${loop.p50Ms} ms, p99 ${loop.p99Ms} ms, max ${loop.maxMs} ms`
    )
    // Other work on the machine (the load average) competes for the same two cores: quote figures with it.
    console.log(`  machine load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`)
    console.log(`  target p99 < 50 ms: ${percentile(sorted, 0.99) < 50 ? "met" : "NOT met"}`)
    await background.catch(() => undefined)
  } finally {
    server.child.kill("SIGTERM")
    await new Promise((r) => server.child.on("exit", r))
    agent.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
