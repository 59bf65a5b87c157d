/**
 * Sweep benchmark: replications per second of one sweep run here on one core, and over Kafka with 1 and 2
 * `igv worker` processes; the overhead per task is (Kafka with one worker − here) / tasks, both on one core.
 * Needs a broker (KAFKA_BROKERS, default 127.0.0.1:9092) and the built CLI.
 * Run after `pnpm build`: node simulations/dist/src/bench/sweep-kafka.js [replications per point]
 */
import { spawn } from "node:child_process"
import { loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import { gridDesign, runSweep } from "@igv/research"
import { loadScenario } from "@igv/runner"
import { kafkaBrokers } from "@igv/test-env"

const root = fileURLToPath(new URL("../../../../", import.meta.url))
const broker = kafkaBrokers[0]!
const replications = Number(process.argv[2] ?? 20)
const scenario = (await loadScenario(`${root}simulations/scenarios/lpo-sparse-status-quo.yaml`)).scenario
const factors = [{ path: "rules.prio3.deferLimitMinutes", levels: [60, 120] }]
const points = gridDesign(factors)
const tasks = points.length * replications
const options = { replications, seed: 1, metrics: ["lineTime.survival"] }

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - started) / 1e9
}

const overKafka = async (workers: number): Promise<number> => {
  const url = `kafka://${broker}/igv-bench-sweep-${workers}-${Date.now()}`
  const children = Array.from({ length: workers }, (_, i) =>
    spawn(
      process.execPath,
      [
        `${root}services/cli/dist/main.js`,
        "worker",
        "--from",
        url,
        "--group",
        `${url.split("/").pop()}-g`,
        "--id",
        `bench-${i}`
      ],
      { stdio: ["ignore", "ignore", "pipe"] }
    )
  )
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) =>
          c.stderr!.on("data", (d: Buffer) => {
            if (d.toString().includes("joined")) resolve()
          })
        )
    )
  )
  try {
    return await timed(() => runSweep(scenario, factors, points, { ...options, via: url }))
  } finally {
    for (const c of children) c.kill("SIGTERM")
  }
}

const local = await timed(() => runSweep(scenario, factors, points, { ...options, parallelism: 1 }))
const one = await overKafka(1)
const two = await overKafka(2)
const rate = (s: number) => (tasks / s).toFixed(1)
console.log(
  `sweep of ${points.length} points × ${replications} LPO-year replications (sparse LPO): here on one core ${local.toFixed(1)} s (${rate(local)} replications/s); ` +
    `over Kafka, 1 worker ${one.toFixed(1)} s (${rate(one)}/s), 2 workers ${two.toFixed(1)} s (${rate(two)}/s); ` +
    `overhead per task ${(((one - local) / tasks) * 1000).toFixed(0)} ms (load average ${loadavg()[0]!.toFixed(1)})`
)
