import { hostname } from "node:os"
import { startSweepWorker } from "@igv/research"
import { stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type Io } from "../command.js"

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

Exit codes: 0 stopped by a signal, 2 bad input, 1 anything else (e.g. no broker answers).`,
  options: {
    from: { type: "string" },
    group: { type: "string" },
    id: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io: Io) => {
    const from = stringOption(values, "from")
    if (from === undefined || !/^kafka:\/\/[^/]+\/[^/?]+$/.test(from)) throw new UsageError("--from must be kafka://HOST:PORT/TOPIC")
    const group = stringOption(values, "group") ?? "igv-sweep-workers"
    const id = stringOption(values, "id") ?? `${hostname()}-${process.pid}`
    const running = await startSweepWorker(from, { group, id })
    io.stderr.write(`worker ${id} joined group ${group} on ${from}\n`)
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
    io.stderr.write(`worker ${id} left group ${group} after ${running.done()} tasks\n`)
    return EXIT_OK
  }
}
