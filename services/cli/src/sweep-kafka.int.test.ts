import { spawn, type ChildProcess } from "node:child_process"
import { mkdtemp } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Kafka, logLevel } from "kafkajs"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { buildCli, root, runIgv } from "./e2e-harness.test-util.js"
import { kafkaBrokers } from "@igv/test-env"

/** The shared broker (or KAFKA_BROKERS); every test uses topics of its own and deletes them. */
const brokers = [...kafkaBrokers]
const main = join(root, "services/cli/dist/main.js")
const kafka = new Kafka({ clientId: "igv-sweep-int", brokers, logLevel: logLevel.NOTHING })

/** A year of the sparse LPO per replication: long enough that a worker is mid-task when it is killed. */
const SWEEP = [
  "sweep",
  "lpo-sparse-status-quo",
  "--vary",
  "rules.prio3.deferLimitMinutes=60..240:60",
  "--vary",
  "rules.prio3.handling=dispatch|defer",
  "-r",
  "4",
  "--seed",
  "11",
  "--metric",
  "lineTime.survival",
  "--metric",
  "interruptions.total"
]
const TASKS = 4 * 2 * 4
/**
 * For the late joiner: a year of the dense LPO takes a worker ~0.1 s, so 96 tasks keep one worker busy for ~10 s,
 * several times what a new worker needs to start, join and be given partitions (the small sweep above is done in ~1 s).
 */
const LONG_SWEEP = [
  "sweep",
  "lpo-dense-status-quo",
  "--vary",
  "rules.prio3.deferLimitMinutes=60|240",
  "--vary",
  "rules.prio3.handling=dispatch|defer",
  "-r",
  "24",
  "--seed",
  "12",
  "--metric",
  "lineTime.survival"
]

let dir: string
const children: Array<ChildProcess> = []
const topics: Array<string> = []

const start = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [main, ...args], { cwd: dir })
  children.push(child)
  const out = {
    stdout: "",
    stderr: "",
    exit: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  }
  child.stdout!.on("data", (d) => (out.stdout += d))
  child.stderr!.on("data", (d) => (out.stderr += d))
  return { child, out }
}

/** A topic and a worker group of the test's own, so no earlier test's dead worker holds up a rebalance. */
const freshTopic = (name: string) => {
  const topic = `igv-sweep-${name}-${Date.now()}-${process.pid}`
  topics.push(topic, `${topic}.results`)
  return { topic, url: `kafka://${brokers[0]}/${topic}`, group: `${topic}-workers` }
}

/** Watches the results topic: which worker produced how many results, and every key seen. */
const watchResults = async (topic: string) => {
  const byWorker = new Map<string, number>()
  const keys: Array<string> = []
  const consumer = kafka.consumer({ groupId: `igv-sweep-int-watch-${topic}` })
  await consumer.connect()
  await consumer.subscribe({ topic: `${topic}.results`, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const r = JSON.parse(message.value!.toString()) as { worker: string; point: number; replication: number }
      byWorker.set(r.worker, (byWorker.get(r.worker) ?? 0) + 1)
      keys.push(message.key!.toString())
    }
  })
  return { byWorker, keys, stop: () => consumer.disconnect() }
}

const until = async (what: string, test: () => boolean, ms = 120_000) => {
  const deadline = Date.now() + ms
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

let local: string

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-sweep-kafka-"))
  const admin = kafka.admin()
  await admin.connect() // fails, never skips, without a broker
  await admin.disconnect()
  const run = await runIgv([...SWEEP, "--parallelism", "1"], { cwd: dir })
  expect(run.code).toBe(0)
  local = run.stdout
}, 300_000)

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL")
  const admin = kafka.admin()
  await admin.connect()
  try {
    const existing = new Set(await admin.listTopics())
    const ours = topics.splice(0).filter((t) => existing.has(t))
    if (ours.length > 0) await admin.deleteTopics({ topics: ours })
  } finally {
    await admin.disconnect()
  }
})

describe("igv sweep --via kafka:// with igv worker", () => {
  it("given two workers and one killed with SIGKILL mid-sweep, then the sweep completes, every result once, equal to a local sweep byte for byte", async () => {
    const { topic, url, group } = freshTopic("kill")
    const w1 = start(["worker", "--from", url, "--group", group, "--id", "w1"])
    const w2 = start(["worker", "--from", url, "--group", group, "--id", "w2"])
    // The workers create the topics; the watcher reads the results topic once it exists.
    await until("both workers to join", () => w1.out.stderr.includes("joined") && w2.out.stderr.includes("joined"))
    const watch = await watchResults(topic)
    try {
      const sweep = start([...SWEEP, "--via", url])
      // w1 has finished a task and gone on to the next when it is killed.
      await until("w1's first result", () => (watch.byWorker.get("w1") ?? 0) > 0)
      w1.child.kill("SIGKILL")
      expect(await sweep.out.exit).toBe(0)
      expect(sweep.out.stdout).toBe(local)
      // Every (point, replication) has a result; a task redelivered after the kill may have two, folded once.
      await until("the watcher to see every result", () => new Set(watch.keys).size === TASKS, 30_000)
      expect(new Set(watch.keys.map((k) => k.replace(/^[^/]+\//, "")))).toEqual(
        new Set(Array.from({ length: TASKS }, (_, i) => `${Math.floor(i / 4)}/${i % 4}`))
      )
      expect(watch.byWorker.get("w2") ?? 0).toBeGreaterThan(0)
    } finally {
      await watch.stop()
    }
  }, 300_000)

  it("given a worker started late, then it joins the group, takes partitions and the sweep still equals a local one", async () => {
    const long = await runIgv([...LONG_SWEEP, "--parallelism", "2"], { cwd: dir })
    expect(long.code).toBe(0)
    const { topic, url, group } = freshTopic("late")
    const w1 = start(["worker", "--from", url, "--group", group, "--id", "early"])
    await until("the first worker to join", () => w1.out.stderr.includes("joined"))
    const watch = await watchResults(topic)
    try {
      const sweep = start([...LONG_SWEEP, "--via", url])
      await until("the first result", () => (watch.byWorker.get("early") ?? 0) > 0)
      const late = start(["worker", "--from", url, "--group", group, "--id", "late"])
      await until("the late worker to join", () => late.out.stderr.includes("joined"))
      expect(await sweep.out.exit).toBe(0)
      expect(sweep.out.stdout).toBe(long.stdout)
      expect(watch.byWorker.get("late") ?? 0).toBeGreaterThan(0)
      w1.child.kill("SIGTERM")
      expect(await w1.out.exit).toBe(0)
      expect(w1.out.stderr).toContain(`worker early left group ${group} after`)
    } finally {
      await watch.stop()
    }
  }, 300_000)
})
