import { hostname } from "node:os"
import type { Analytics } from "@igv/analytics"
import { startSweepWorker } from "@igv/research"
import { CONNECTION_HELP, openConfiguredAnalytics } from "../analytics/connection.js"
import { storeTaskReport } from "../analytics/sweep-store.js"
import { stringOption } from "../args.js"
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io } from "../command.js"

/** How often a working worker says how far it is. */
const REPORT_EVERY_MS = 10_000

export const worker: Command = {
  name: "worker",
  summary: "run sweep tasks from Kafka (igv sweep --via) until stopped",
  help: `Usage: igv worker --from kafka://HOST:PORT/TOPIC [options]

Joins a consumer group on TOPIC and runs the sweep tasks (one replication of one point each) that
igv sweep --via kafka://HOST:PORT/TOPIC publishes, writing each report to TOPIC.results. Start any
number of workers, on any number of machines: the group shares TOPIC's partitions among them, and
a worker started late takes partitions over. A worker that dies mid-task leaves the task to another
(Kafka delivers it again); the sweep keeps one result per (sweep, point, replication).
Runs until SIGINT or SIGTERM, then leaves the group and exits 0.

Options:
  --from kafka://HOST:PORT/TOPIC   the tasks' topic (the same URL as the sweep's --via)
  --group NAME                     consumer group (default: igv-sweep-workers)
  --id NAME                        this worker's name in results and messages (default: host and pid)

Into ClickHouse, when one is configured (--clickhouse or --database, or $IGV_CLICKHOUSE_URL or
$IGV_CLICKHOUSE_DATABASE set; the database migrated with igv analytics migrate): each task's
figures into sweep_replications, keyed (sweep, point, replication) and stored once, before the
result is published (the point summaries are the sweep command's to store).
${CONNECTION_HELP}

Exit codes: 0 stopped by a signal, 2 bad input, 1 anything else (e.g. no broker answers).`,
  options: {
    from: { type: "string" },
    group: { type: "string" },
    id: { type: "string" },
    clickhouse: { type: "string" },
    database: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io: Io) => {
    const from = stringOption(values, "from")
    if (from === undefined || !/^kafka:\/\/[^/]+\/[^/?]+$/.test(from))
      throw new UsageError("--from must be kafka://HOST:PORT/TOPIC")
    const group = stringOption(values, "group") ?? "igv-sweep-workers"
    const id = stringOption(values, "id") ?? `${hostname()}-${process.pid}`
    let analytics: Analytics | undefined
    try {
      analytics = await openConfiguredAnalytics(values)
    } catch (e) {
      if (e instanceof UsageError) throw e
      io.stderr.write(`igv worker: ${(e as Error).message}\n`)
      return EXIT_FAILURE
    }
    const store = analytics
    const unrecorded = new Set<string>()
    const running = await startSweepWorker(from, {
      group,
      id,
      ...(store === undefined
        ? {}
        : {
            onReport: async (task, report) => {
              if (task.record !== undefined) await storeTaskReport(store, { ...task, record: task.record }, report)
              else if (!unrecorded.has(task.sweep)) {
                unrecorded.add(task.sweep)
                io.stderr.write(
                  `worker ${id}: sweep ${task.sweep} names no sweep id to store its results under (sent by sweepOverKafka without record): its results go to the sweep only, not into ClickHouse\n`
                )
              }
            }
          })
    })
    io.stderr.write(
      `worker ${id} joined group ${group} on ${from}${store === undefined ? "" : `, storing into ClickHouse database ${store.database}`}\n`
    )
    let reported = 0
    const timer = setInterval(() => {
      if (running.done() !== reported) io.stderr.write(`worker ${id}: ${(reported = running.done())} tasks done\n`)
    }, REPORT_EVERY_MS)
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve)
      process.once("SIGTERM", resolve)
    })
    clearInterval(timer)
    await running.stop()
    await analytics?.close()
    io.stderr.write(`worker ${id} left group ${group} after ${running.done()} tasks\n`)
    return EXIT_OK
  }
}
