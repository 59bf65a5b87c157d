// One run's worker thread: drives the runner's replication pool and posts progress and the output back.
import { parentPort, workerData } from "node:worker_threads"
import { becomeBackgroundThread } from "../background-thread.js"

becomeBackgroundThread()

const { simulateRun } = await import("./executor.js")
const { WorkerOutOfMemory } = await import("@igv/runner")
const { job, parallelism, resourceLimits } = workerData as import("./executor.js").RunWorkerInput
const post = (m: import("./executor.js").FromRunWorker) => parentPort!.postMessage(m)

simulateRun(job, parallelism, (done, total) => post({ kind: "progress", done, total }), resourceLimits)
  .then((output) => post({ kind: "done", output }))
  .catch((e: unknown) =>
    post({
      kind: "error",
      message: e instanceof Error ? e.message : String(e),
      outOfMemory: e instanceof WorkerOutOfMemory
    })
  )
