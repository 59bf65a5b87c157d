// One run's worker thread: drives the runner's replication pool and posts progress and the output back.
import { setPriority } from "node:os"
import { parentPort, workerData } from "node:worker_threads"

// Simulation is background work: requests come first. On Linux the nice value is per thread and inherited by
// the threads this one starts, so this lowers the run's replication workers too, not the API's event loop.
// It is set before the simulation modules load (a dynamic import below), so their loading is background work too.
const RUN_NICENESS = 10
try {
  setPriority(RUN_NICENESS)
} catch {
  // Not permitted or not supported: the run simply competes at normal priority.
}

const { simulateRun } = await import("./executor.js")
const { WorkerOutOfMemory } = await import("@igv/runner")
const { job, parallelism, resourceLimits } = workerData as import("./executor.js").RunWorkerInput
const post = (m: import("./executor.js").FromRunWorker) => parentPort!.postMessage(m)

simulateRun(job, parallelism, (done, total) => post({ kind: "progress", done, total }), resourceLimits)
  .then((output) => post({ kind: "done", output }))
  .catch((e: unknown) => post({ kind: "error", message: e instanceof Error ? e.message : String(e), outOfMemory: e instanceof WorkerOutOfMemory }))
