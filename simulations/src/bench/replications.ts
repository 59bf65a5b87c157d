/**
 * Replications benchmark: 1,000 LPO-year replications through the runner's worker pool on all
 * cores, each simulated and folded into a report, then summarised with 95 % half-widths.
 * Run after `pnpm build`: node simulations/dist/src/bench/replications.js [replications]
 */
import { availableParallelism, loadavg } from "node:os"
import { summarizeReplications } from "@igv/metrics"
import { runReplications } from "@igv/runner"
import { scenarioOf } from "./scenarios.js"

const replications = Number(process.argv[2] ?? 1000)
// Issue 15: 1,000 LPO-year replications under 15 s on both cores.
const targetSeconds = (15 * replications) / 1000
const scenario = scenarioOf("LPO-year", 1)

const started = process.hrtime.bigint()
const reports = await runReplications(scenario, { replications, seed: 1 })
const simulated = Number(process.hrtime.bigint() - started) / 1e9
const summary = summarizeReplications(reports)
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const rssMiB = process.resourceUsage().maxRSS / 1024

console.log(
  `${replications} LPO-year replications on ${availableParallelism()} cores: ${seconds.toFixed(1)} s wall ` +
    `(${simulated.toFixed(1)} s simulating, ${(replications / simulated).toFixed(1)} replications/s), ` +
    `survival ${summary.mean.lineTime.survival?.toFixed(4) ?? "—"} ± ${summary.halfWidth95.lineTime.survival?.toFixed(4) ?? "—"}, ` +
    `peak RSS of the main thread ${rssMiB.toFixed(0)} MiB ` +
    `(target < ${targetSeconds.toFixed(0)} s: ${seconds < targetSeconds ? "met" : "MISSED"}; load average ${loadavg()[0]!.toFixed(1)})`
)
