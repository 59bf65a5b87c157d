// A replication worker: runs whole replications on request and posts their reports (and logs) back.
import { parentPort, workerData } from "node:worker_threads"
import { runReplication } from "./run.js"
import type { FromWorker, ToWorker, WorkerInput } from "./worker-protocol.js"

const input = workerData as WorkerInput
const port = parentPort!
const post = (message: FromWorker) => port.postMessage(message)

port.on("message", ({ r, seed }: ToWorker) => {
  try {
    const result = runReplication(
      input.scenario,
      seed,
      r === 0 ? input.logs.first : input.logs.rest,
      input.incidents,
      input.progress ? (fraction) => post({ kind: "progress", r, fraction }) : undefined
    )
    post({ kind: "done", r, result })
  } catch (e) {
    post({
      kind: "error",
      r,
      message: e instanceof Error ? e.message : String(e),
      ...(e instanceof Error && e.stack ? { stack: e.stack } : {})
    })
  }
})

post({ kind: "ready" })
