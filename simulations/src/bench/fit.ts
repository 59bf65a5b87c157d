/**
 * Fit benchmark: a year of a ten-area region simulated into about a million feed events (every kind: shifts,
 * calls, dispatches, arrivals, clearances, planned blocks), then fitted as `igv fit` fits a window (the scenario
 * written as YAML included). Target: under 10 s for a million events.
 * Run after `pnpm build`: node simulations/dist/src/bench/fit.js [areas]
 */
import { loadavg } from "node:os"
import { decodeScenarioInput, type IgvEvent, type ScenarioInput } from "@igv/domain"
import { fitWindow, scenarioYaml } from "@igv/fit"
import { simulate } from "@igv/simulator"

const areas = Number(process.argv[2] ?? 10)
const TARGET_SECONDS = 10

const input: ScenarioInput = {
  name: "fit bench",
  start: "2024-01-01",
  days: 366,
  areas: [{ id: "lpo0" }, ...Array.from({ length: areas - 1 }, (_, i) => ({ id: `lpo${i + 1}` }))],
  dimensioning: Array.from({ length: areas }, (_, i) => [
    { area: `lpo${i}`, patrols: 4, start: "07:00", end: "17:00" },
    { area: `lpo${i}`, patrols: 4, start: "16:00", end: "02:00" },
    { area: `lpo${i}`, patrols: 3, start: "22:00", end: "07:00" }
  ]).flat(),
  demand: {
    synthetic: Array.from({ length: areas }, (_, i) =>
      (
        [
          [1, 4],
          [2, 14],
          [3, 38]
        ] as const
      ).map(([prio, perDay]) => ({
        area: `lpo${i}`,
        prio,
        perDay,
        twoUnitShare: 0.2,
        service: { _tag: "lognormal" as const, medianMinutes: 30, p90Minutes: 80 }
      }))
    ).flat()
  },
  plannedBlocks: Array.from({ length: areas }, (_, i) => ({
    area: `lpo${i}`,
    start: "09:00",
    durationMinutes: 120,
    patrols: 2,
    tag: "promise"
  }))
}
const decoded = decodeScenarioInput(input)
if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
const events: IgvEvent[] = []
simulate(decoded.value, { seed: 1, onEvent: (e) => events.push(e) })

const load = loadavg()[0]?.toFixed(1)
const cpu = process.cpuUsage()
const started = performance.now()
const fit = fitWindow(events, { timeZone: decoded.value.timeZone })
const yaml = scenarioYaml(fit, "fitted")
const seconds = (performance.now() - started) / 1000
const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6
console.log(
  `fit: ${events.length.toLocaleString("en-US")} events (${fit.incidents.toLocaleString("en-US")} incidents, ${areas} areas, ${fit.days} days) ` +
    `fitted in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (${Math.round(events.length / seconds).toLocaleString("en-US")} events/s), ` +
    `${fit.streams.length} streams, ${fit.dimensioning?.shifts.length ?? 0} shift lines, ${yaml.length.toLocaleString("en-US")} bytes of YAML; load ${load}; ` +
    `target < ${TARGET_SECONDS} s per million events: ${seconds * (1_000_000 / events.length) < TARGET_SECONDS ? "met" : "MISSED"}`
)
