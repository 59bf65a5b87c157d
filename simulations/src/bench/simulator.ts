/**
 * Simulator benchmark: an LPO-year (~30,000 incidents, 20 patrol slots) and a national year
 * (95 areas, ~3 million incidents, ~1,900 patrol slots), one core each. Prints events per second,
 * wall time and peak RSS. Run after `pnpm build`: node simulations/dist/bench/simulator.js
 */
import type { IgvEvent } from "@igv/domain"
import { loadavg } from "node:os"
import { simulate } from "@igv/simulator"
import { scenarioOf } from "./scenarios.js"

const run = (label: string, areas: number, targetSeconds: number) => {
  const scenario = scenarioOf(label, areas)
  let last = 0
  const onEvent = (e: IgvEvent) => {
    if (e.t < last) throw new Error("events out of order")
    last = e.t
  }
  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  const summary = simulate(scenario, { seed: 1, onEvent })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const cpuSeconds = process.cpuUsage(cpu).user / 1e6
  const rssMiB = process.resourceUsage().maxRSS / 1024
  // CPU time as well as wall time: on a shared machine the wall clock includes time other processes had the core.
  console.log(
    `${label}: ${summary.incidents.toLocaleString("en")} incidents, ${summary.events.toLocaleString("en")} events, ` +
      `${seconds.toFixed(2)} s wall (${cpuSeconds.toFixed(2)} s CPU), ${(summary.events / seconds / 1e6).toFixed(2)} M events/s wall ` +
      `(${(summary.events / cpuSeconds / 1e6).toFixed(2)} M/s CPU), ` +
      `peak RSS ${rssMiB.toFixed(0)} MiB, unserved ${summary.unserved} ` +
      `(target < ${targetSeconds} s: ${seconds < targetSeconds ? "met" : "MISSED"}; ≥ 2 M events/s on one core: ${summary.events / cpuSeconds >= 2e6 ? "met" : "MISSED"}; ` +
      `peak RSS < 256 MiB: ${rssMiB < 256 ? "met" : "MISSED"}; ` +
      `load average ${loadavg()[0]!.toFixed(1)})`
  )
}

run("LPO-year, cold start (1 area, 20 slots)", 1, 0.5)
for (let i = 0; i < 4; i++) run(`LPO-year, warm run ${i + 1} (1 area, 20 slots)`, 1, 0.5)
run("national year (95 areas)", 95, 30)
