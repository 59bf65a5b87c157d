import { spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { command, connectAnalytics, selectRows, sql, type Analytics } from "@igv/analytics"
import { parseFactor, sweepCsv, type SweepRow } from "@igv/research"
import { Kafka, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildCli, root, runIgv, twoLpoWeek } from "./e2e-harness.test-util.js"
import { clickhouseUrl, kafkaBrokers } from "@igv/test-env"

/** The shared servers (or CLICKHOUSE_URL / KAFKA_BROKERS); every test writes databases and topics of its own and drops them. */
const CLICKHOUSE = clickhouseUrl
const brokers = [...kafkaBrokers]
const VARY = ["--vary", "rules.prio3.deferLimitMinutes=30..90:60", "--vary", "rules.prio3.handling=dispatch|defer"]
const METRICS = ["lineTime.survival", "interruptions.total", "response.1.withinTarget"]
const SWEEP = ["sweep", "week.yaml", ...VARY, "-r", "3", "--seed", "5", ...METRICS.flatMap((m) => ["--metric", m])]
const POINTS = 4
const REPLICATIONS = 3

let dir: string
const databases: Array<Analytics> = []
const children: Array<ChildProcess> = []
const topics: Array<string> = []
/** igv with no ClickHouse in its environment: only the options the test gives configure one. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("IGV_CLICKHOUSE")))
const igv = (...args: Array<string>) => runIgv(args, { cwd: dir, env })
/** Run here on one thread (the machine is shared). */
const LOCAL = [...SWEEP, "--parallelism", "1"]

/** A fresh database, migrated by `igv analytics migrate` as a user would. */
const freshDatabase = async (): Promise<Analytics> => {
  const a = connectAnalytics({ url: CLICKHOUSE, database: `igv_test_sweep_${randomBytes(4).toString("hex")}` })
  databases.push(a)
  const migrated = await runIgv(["analytics", "migrate", "--clickhouse", CLICKHOUSE, "--database", a.database], {
    cwd: dir,
    env
  })
  expect(migrated.stderr).toBe("")
  expect(migrated.code).toBe(0)
  return a
}

interface PointRecord {
  point: number
  param_names: Array<string>
  param_values: Array<string>
  replications: number
  metrics: Array<string>
  means: Array<number>
  mean_measured: Array<number>
  half_widths: Array<number>
  half_width_measured: Array<number>
}
interface ReplicationRecord {
  point: number
  replication: number
  seed: string
  param_values: Array<string>
  kpis: Array<string>
  kpi_values: Array<number>
}

const pointsOf = (a: Analytics, sweepId: string) =>
  selectRows<PointRecord>(a, sql`SELECT * FROM ${a.db}.sweep_points FINAL WHERE sweep_id = ${sweepId} ORDER BY point`)
/** Every stored row, duplicates included (no FINAL): a key stored twice shows up twice. */
const replicationsOf = (a: Analytics, sweepId: string) =>
  selectRows<ReplicationRecord>(
    a,
    sql`SELECT point, replication, seed, param_values, kpis, kpi_values FROM ${a.db}.sweep_replications WHERE sweep_id = ${sweepId} ORDER BY point, replication`
  )

/** The sweep's table as stored, printed as the CSV igv sweep prints. */
const csvOf = (records: ReadonlyArray<PointRecord>): string => {
  const factors = VARY.filter((v) => v !== "--vary")
    .map(parseFactor)
    .map((f) => {
      if (!f.ok) throw new Error(`--vary in this test does not read: ${f.issues[0]?.message}`)
      return f.value
    })
  const rows: Array<SweepRow> = records.map((r) => ({
    point: r.point,
    values: Object.fromEntries(r.param_names.map((n, i) => [n, r.param_values[i]])),
    replications: r.replications,
    metrics: Object.fromEntries(
      r.metrics.map((m, i) => [
        m,
        {
          mean: r.mean_measured[i] === 1 ? r.means[i]! : null,
          halfWidth: r.half_width_measured[i] === 1 ? r.half_widths[i]! : null
        }
      ])
    )
  }))
  return sweepCsv(factors, METRICS, rows)
}

/** A fresh topic (deleted after the tests) and its URL. */
const freshTopic = (name: string) => {
  const topic = `igv-sweep-${name}-${Date.now()}-${process.pid}`
  topics.push(topic, `${topic}.results`)
  return { topic, url: `kafka://${brokers[0]}/${topic}` }
}

/** `igv worker` storing into the database, in a group of the topic's own. */
const startWorker = (url: string, topic: string, id: string, a: Analytics) => {
  const child = spawn(
    process.execPath,
    [
      join(root, "services/cli/dist/main.js"),
      "worker",
      "--from",
      url,
      "--group",
      `${topic}-workers`,
      "--id",
      id,
      "--clickhouse",
      CLICKHOUSE,
      "--database",
      a.database
    ],
    { cwd: dir, env }
  )
  children.push(child)
  let stderr = ""
  child.stderr.on("data", (d) => (stderr += d))
  return { child, stderr: () => stderr }
}

const sweepIdIn = (stderr: string): string => {
  const id = /stored as (sweep-[0-9a-f]+)/.exec(stderr)?.[1]
  if (id === undefined) throw new Error(`no sweep id in: ${stderr}`)
  return id
}

const until = async (what: string, test: () => boolean, ms = 120_000) => {
  const deadline = Date.now() + ms
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-sweep-clickhouse-"))
  await writeFile(join(dir, "week.yaml"), `${twoLpoWeek(3)}rules:\n  prio3: { handling: defer }\n`)
}, 300_000)

afterAll(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL")
  for (const a of databases) {
    await command(a, sql`DROP DATABASE IF EXISTS ${a.db}`)
    await a.close()
  }
  if (topics.length > 0) {
    const admin = new Kafka({ clientId: "igv-sweep-clickhouse-int", brokers, logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    await admin.deleteTopics({ topics }).finally(() => admin.disconnect())
  }
})

describe("igv sweep into ClickHouse", () => {
  it("given a configured database, then its sweep_points equal the CSV table, one row per (point, replication), and a re-run stores nothing twice", async () => {
    const a = await freshDatabase()
    const run = await igv(...LOCAL, "--clickhouse", CLICKHOUSE, "--database", a.database)
    expect(run.code).toBe(0)
    const plain = await igv(...LOCAL)
    expect(run.stdout).toBe(plain.stdout) // storing changes nothing in the table printed
    const sweepId = sweepIdIn(run.stderr)
    expect(run.stderr).toContain(`${POINTS * REPLICATIONS} replications and ${POINTS} points new`)
    expect(`${csvOf(await pointsOf(a, sweepId))}\n`).toBe(run.stdout)
    const stored = await replicationsOf(a, sweepId)
    expect(stored.map((r) => `${r.point}/${r.replication}`)).toEqual(
      Array.from({ length: POINTS * REPLICATIONS }, (_, i) => `${Math.floor(i / REPLICATIONS)}/${i % REPLICATIONS}`)
    )
    // Each point's mean over its stored replications is the table's mean.
    const survival = (r: ReplicationRecord) => r.kpi_values[r.kpis.indexOf("lineTime.survival")]!
    const table = run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => Number(l.split(",")[4]))
    for (let p = 0; p < POINTS; p++) {
      const mine = stored.filter((r) => r.point === p)
      expect(mine.reduce((s, r) => s + survival(r), 0) / mine.length).toBeCloseTo(table[p]!, 12)
    }

    const again = await igv(...LOCAL, "--clickhouse", CLICKHOUSE, "--database", a.database)
    expect(again.code).toBe(0)
    expect(sweepIdIn(again.stderr)).toBe(sweepId)
    expect(again.stderr).toContain("0 replications and 0 points new")
    expect(await replicationsOf(a, sweepId)).toEqual(stored)
    expect(
      (
        await selectRows<{ n: string }>(
          a,
          sql`SELECT count() AS n FROM ${a.db}.sweep_points WHERE sweep_id = ${sweepId}`
        )
      )[0]!.n
    ).toBe(String(POINTS))
  }, 300_000)

  it("given a database not migrated, then it stops before any work and says to migrate", async () => {
    const run = await igv(
      ...LOCAL,
      "--clickhouse",
      CLICKHOUSE,
      "--database",
      `igv_test_sweep_absent_${randomBytes(4).toString("hex")}`
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain("run igv analytics migrate first")
  }, 60_000)

  it("given workers that store, then each (point, replication) is stored once by them, also when every task is delivered again, equal to a local sweep's rows", async () => {
    const local = await freshDatabase()
    const localRun = await igv(...LOCAL, "--clickhouse", CLICKHOUSE, "--database", local.database)
    const sweepId = sweepIdIn(localRun.stderr)
    const a = await freshDatabase()
    const { topic, url } = freshTopic("store")
    const worker = startWorker(url, topic, "w1", a)
    await until("the worker to join", () => worker.stderr().includes("joined"))
    expect(worker.stderr()).toContain(`storing into ClickHouse database ${a.database}`)
    // The sweep itself stores nothing (no database configured): every row comes from the worker.
    const first = await igv(...SWEEP, "--via", url)
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(localRun.stdout)
    const stored = await replicationsOf(a, sweepId)
    expect(stored).toEqual(await replicationsOf(local, sweepId))
    // The same sweep again publishes every task again: the worker runs each a second time and stores none of them twice.
    const second = await igv(...SWEEP, "--via", url)
    expect(second.code).toBe(0)
    expect(await replicationsOf(a, sweepId)).toEqual(stored)
  }, 300_000)

  it("given two storing workers and one killed with SIGKILL mid-sweep, then every (point, replication) is stored exactly once", async () => {
    const a = await freshDatabase()
    const { topic, url } = freshTopic("store-kill")
    const [w1, w2] = [startWorker(url, topic, "w1", a), startWorker(url, topic, "w2", a)]
    await until("both workers to join", () => w1.stderr().includes("joined") && w2.stderr().includes("joined"))
    // A year of the sparse LPO per replication: a worker is mid-task when it is killed, and its task is delivered again.
    const year = [
      "sweep",
      "lpo-sparse-status-quo",
      "--vary",
      "rules.prio3.deferLimitMinutes=60..240:60",
      "-r",
      "3",
      "--seed",
      "11",
      "--metric",
      "lineTime.survival"
    ]
    const sweep = spawn(process.execPath, [join(root, "services/cli/dist/main.js"), ...year, "--via", url], {
      cwd: dir,
      env
    })
    children.push(sweep)
    const exit = new Promise<number | null>((resolve) => sweep.on("exit", (code) => resolve(code)))
    const count = async () =>
      Number((await selectRows<{ n: string }>(a, sql`SELECT count() AS n FROM ${a.db}.sweep_replications`))[0]!.n)
    for (let stored = 0; stored === 0; stored = await count()) await new Promise((r) => setTimeout(r, 100))
    w1.child.kill("SIGKILL")
    expect(await exit).toBe(0)
    const keys = (
      await selectRows<{ point: number; replication: number }>(
        a,
        sql`SELECT point, replication FROM ${a.db}.sweep_replications ORDER BY point, replication`
      )
    ).map((r) => `${r.point}/${r.replication}`)
    expect(keys).toEqual(Array.from({ length: 12 }, (_, i) => `${Math.floor(i / 3)}/${i % 3}`))
  }, 300_000)
})
