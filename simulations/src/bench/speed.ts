/**
 * Speed of the whole `igv simulate` process (issue 15), each ratio against its target in one run:
 * - against SimPy: the M/M/c-priority queue and the planned-block model of simulations/bench/speed/, igv's whole
 *   process against SimPy's own simulation time, three times, each SimPy run right before an igv run, the median
 *   of the three ratios (target ≥ 10×), and whether the two agree within sampling error;
 * - against the limit: igv's whole process against a bare event loop of the M/M/c model (bare-loop.ts), also a
 *   whole process, each run right after an igv run: the median of five such ratios (target ≤ 2×);
 * - start-up: a one-day scenario end to end, median of five (target < 0.25 s), bundled and as modules, each with
 *   and without the compile cache.
 * SimPy is installed from PyPI into .cache/simpy-venv (simulations/bench/speed/requirements.txt) on first use.
 * Run after `pnpm build`: pnpm bench speed
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import type { Scenario } from "@igv/domain"
import { loadScenario } from "@igv/runner"

const root = fileURLToPath(new URL("../../../../", import.meta.url))
const speedDir = `${root}simulations/bench/speed/`
const cache = `${root}.cache/speed/`
const venv = `${root}.cache/simpy-venv/`
/** What `igv` runs: the bundled CLI; the modules it is built from are measured for start-up beside it. */
const cli = `${root}services/cli/bundle/main.js`
const modules = `${root}services/cli/dist/main.js`
const bareLoop = fileURLToPath(new URL("./bare-loop.js", import.meta.url))
mkdirSync(cache, { recursive: true })

interface WaitFigures {
  readonly n: number
  readonly mean: number
  readonly meanSe?: number
  readonly p90: number
  readonly p90Se?: number
}
type Waits = Readonly<Record<string, WaitFigures>>

/** Runs a command to the end; its wall time in seconds and its stdout. */
const timed = (command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env) => {
  const started = process.hrtime.bigint()
  const r = spawnSync(command, args, { encoding: "utf8", env, maxBuffer: 1 << 28 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr}`)
  return { seconds, stdout: r.stdout }
}

const simpyPython = (): string => {
  const python = `${venv}bin/python`
  if (!existsSync(python)) {
    timed("python3", ["-m", "venv", venv])
    timed(`${venv}bin/pip`, ["install", "--quiet", "-r", `${speedDir}requirements.txt`])
  }
  return python
}

const igvSimulate = (file: string) => {
  const out = `${cache}${file.replace(/\.yaml$/, ".json")}`
  const { seconds } = timed(process.execPath, [
    cli,
    "simulate",
    "-s",
    `${speedDir}${file}`,
    "-r",
    "1",
    "--json",
    "--out",
    out
  ])
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    events: number
    lineTime: { survival: number | null }
    response: Record<
      string,
      { meanDispatchMinutes: number | null; p90DispatchMinutes: number | null; dispatched: number }
    >
  }
  const waits: Waits = Object.fromEntries(
    Object.entries(report.response).map(([p, r]) => [
      p,
      { n: r.dispatched, mean: r.meanDispatchMinutes ?? NaN, p90: r.p90DispatchMinutes ?? NaN }
    ])
  )
  return { seconds, events: report.events, survival: report.lineTime.survival, waits }
}

/** The model both loops and SimPy read, taken from the scenario itself so they cannot drift apart. */
const modelOf = (s: Scenario) => {
  const service = s.demand.synthetic[0]!.service
  if (service._tag !== "exponential") throw new Error("the speed models need exponential service")
  const interrupting = s.rules.interruptingPriorities
  return {
    patrols: s.dimensioning[0]!.patrols,
    meanMinutes: service.meanMinutes,
    days: s.days,
    seed: s.seed,
    perDay: [1, 2, 3].map((p) => s.demand.synthetic.find((d) => d.prio === p)?.perDay ?? 0),
    blocks: s.plannedBlocks.map((b) => [
      Number(b.start.slice(0, 2)) * 60 + Number(b.start.slice(3)),
      b.durationMinutes,
      b.patrols
    ]),
    interrupting,
    remnant: s.rules.resume.minimumRemnantMinutes
  }
}

const verdict = (met: boolean) => (met ? "met" : "MISSED")
const x = (n: number) => `${n.toFixed(1)}×`
const say = (line: string) => console.log(line)

/** |a − b| within three standard errors of the difference (both runs have the error SimPy's batches show). */
const agrees = (igv: number, simpy: number, se: number | undefined) =>
  se !== undefined && Math.abs(igv - simpy) <= 3 * Math.SQRT2 * se
const compareWaits = (igv: Waits, simpy: Waits) => {
  for (const p of ["1", "2", "3"]) {
    const a = igv[p]!,
      b = simpy[p]!
    say(
      `  prio ${p} dispatch wait: igv mean ${a.mean.toFixed(3)} p90 ${a.p90.toFixed(3)} min (n ${a.n}); ` +
        `SimPy mean ${b.mean.toFixed(3)} ± ${b.meanSe!.toFixed(3)} p90 ${b.p90.toFixed(3)} ± ${b.p90Se!.toFixed(3)} min (n ${b.n}): ` +
        `${agrees(a.mean, b.mean, b.meanSe) && agrees(a.p90, b.p90, b.p90Se) ? "agree" : "DISAGREE"} within sampling error`
    )
  }
}

const python = simpyPython()
say(`load average at the start ${loadavg()[0]!.toFixed(1)}`)

/** The middle value (of an odd count). */
const middle = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const list = (values: ReadonlyArray<number>, digits: number) => values.map((v) => v.toFixed(digits)).join(", ")

/**
 * Each model: igv five times, the M/M/27's bare loop right after each igv run, and SimPy right before the first,
 * third and fifth igv run (each pair in turn, so a drift in the machine's speed hits both sides of a ratio). igv's
 * figure is its median run; each ratio is the median of its rounds' ratios.
 */
const ROUNDS = 5
const SIMPY_ROUNDS: ReadonlySet<number> = new Set([0, 2, 4])
type SimPyRun = { seconds: number; survival?: number; survivalSe?: number; waits: Waits }
for (const [file, label] of [
  ["mmc-priority.yaml", "M/M/27, three priorities"],
  ["blocks.yaml", "planned blocks, one area"]
] as const) {
  const scenario = (await loadScenario(`${speedDir}${file}`)).scenario
  const model = JSON.stringify(modelOf(scenario))
  const runs: Array<ReturnType<typeof igvSimulate>> = []
  const bareRuns: Array<{ seconds: number; stdout: string }> = []
  const simpyRuns: Array<{ round: number; run: SimPyRun }> = []
  for (let round = 0; round < ROUNDS; round++) {
    if (SIMPY_ROUNDS.has(round)) {
      const run = JSON.parse(
        timed(python, [`${speedDir}${file.replace(/-/g, "_").replace(/\.yaml$/, ".py")}`, model]).stdout
      ) as SimPyRun
      simpyRuns.push({ round, run })
    }
    runs.push(igvSimulate(file))
    if (file === "mmc-priority.yaml") bareRuns.push(timed(process.execPath, [bareLoop, model]))
  }
  const igvSeconds = middle(runs.map((r) => r.seconds))
  const igv = runs.find((r) => r.seconds === igvSeconds)!
  // SimPy's runs are the same seeded model: their figures agree, only their times differ.
  const simpy = simpyRuns[0]!.run
  const simpyRatios = simpyRuns.map(({ round, run }) => run.seconds / runs[round]!.seconds)
  const ratio = middle(simpyRatios)
  say(
    `${label}, ${scenario.days} days, ${igv.events.toLocaleString("en")} igv events: igv simulate ${igvSeconds.toFixed(2)} s ` +
      `(whole process, median of ${list(
        runs.map((r) => r.seconds),
        2
      )} s), SimPy ${list(
        simpyRuns.map(({ run }) => run.seconds),
        2
      )} s (its simulation alone, each right before igv runs 1, 3 and 5): ` +
      `${x(ratio)}, the median of ${list(simpyRatios, 1)} (target ≥ 10×: ${verdict(ratio >= 10)})`
  )
  if (simpy.survival !== undefined) {
    say(
      `  survival: igv ${igv.survival?.toFixed(4)}, SimPy ${simpy.survival.toFixed(4)} ± ${simpy.survivalSe!.toFixed(4)}: ` +
        `${igv.survival !== null && agrees(igv.survival, simpy.survival, simpy.survivalSe) ? "agree" : "DISAGREE"} within sampling error`
    )
  }
  compareWaits(igv.waits, simpy.waits)
  if (bareRuns.length > 0) {
    const result = JSON.parse(bareRuns[0]!.stdout) as { events: number; waits: Waits }
    const ratios = bareRuns.map((b, i) => runs[i]!.seconds / b.seconds)
    const bareRatio = middle(ratios)
    say(
      `  bare event loop of the same model ${list(
        bareRuns.map((b) => b.seconds),
        2
      )} s (whole processes, each right after an igv run): ` +
        `igv is ${x(bareRatio)} of it, the median of ${list(ratios, 2)} (target ≤ 2×: ${verdict(bareRatio <= 2)}); ` +
        `its mean waits ${["1", "2", "3"].map((p) => result.waits[p]!.mean.toFixed(3)).join(" / ")} min, ` +
        `p90 ${["1", "2", "3"].map((p) => result.waits[p]!.p90.toFixed(3)).join(" / ")} min`
    )
  }
}

/** One-day runs of the dense preset: the median of five whole processes, bundled or not, with and without the compile cache. */
const oneDay = `${cache}one-day.yaml`
writeFileSync(
  oneDay,
  readFileSync(`${root}simulations/scenarios/lpo-dense-status-quo.yaml`, "utf8").replace(/^days: .*$/m, "days: 1")
)
const median = (env: NodeJS.ProcessEnv, args: ReadonlyArray<string>) => {
  const runs = Array.from({ length: 5 }, () => timed(process.execPath, args, env).seconds).sort((a, b) => a - b)
  return runs[2]!
}
const withoutCache: NodeJS.ProcessEnv = { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" }
const oneDayArgs = (main: string) => [main, "simulate", "-s", oneDay, "--json"]
const bundled = median(process.env, oneDayArgs(cli))
say(
  `start-up: one-day igv simulate ${bundled.toFixed(3)} s (median of 5; target < 0.25 s: ${verdict(bundled < 0.25)}); ` +
    `bundled without the compile cache ${median(withoutCache, oneDayArgs(cli)).toFixed(3)} s; ` +
    `as modules ${median(process.env, oneDayArgs(modules)).toFixed(3)} s, without the compile cache ${median(withoutCache, oneDayArgs(modules)).toFixed(3)} s; ` +
    `node doing nothing ${median(process.env, ["-e", ""]).toFixed(3)} s`
)
say(`load average at the end ${loadavg()[0]!.toFixed(1)}`)
