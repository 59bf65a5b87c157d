// One run's worker thread: drives the runner's replication pool and posts progress and the output back.
import { parentPort, workerData } from "node:worker_threads"
import { simulateRun, type FromRunWorker, type RunJob } from "./executor.js"

const { job, parallelism } = workerData as { job: RunJob; parallelism: number }
const post = (m: FromRunWorker) => parentPort!.postMessage(m)

simulateRun(job, parallelism, (done, total) => post({ kind: "progress", done, total }))
  .then((output) => post({ kind: "done", output }))
  .catch((e: unknown) => post({ kind: "error", message: e instanceof Error ? e.message : String(e) }))
