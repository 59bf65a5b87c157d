/**
 * Two builds of the simulation and its report, alternated in one process: the before/after figures of the bench
 * log. Each round runs one replication of the scenario with each build in turn, the order flipping every round, so
 * a drift in the machine's speed (this machine's swings within seconds) hits both alike; it prints each build's
 * median CPU time per replication and the median of the per-round ratios B/A with their quartiles. Short runs (a
 * one-year scenario, tens of rounds) resolve a few per cent; an A/A run shows the noise.
 *
 * A build is a checkout, built (`pnpm install && pnpm build`): for an older commit, `git worktree add DIR COMMIT`.
 * Usage: node simulations/dist/src/bench/alternate.js CHECKOUT_A CHECKOUT_B SCENARIO.yaml [rounds=40]
 */
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"

const [a, b, file, roundsArg] = process.argv.slice(2)
if (a === undefined || b === undefined || file === undefined) {
  console.error("usage: alternate.js CHECKOUT_A CHECKOUT_B SCENARIO.yaml [rounds=40]")
  process.exit(2)
}
const rounds = Number(roundsArg ?? 40)

interface Runner {
  readonly loadScenario: (file: string) => Promise<{ readonly scenario: unknown }>
  readonly runOnce: (scenario: unknown, seed: number) => unknown
}
const builds = await Promise.all(
  [a, b].map(async (checkout) => {
    const runner = (await import(pathToFileURL(resolve(checkout, "packages/runner/dist/index.js")).href)) as Runner
    return { runner, scenario: (await runner.loadScenario(resolve(file))).scenario }
  })
)

const cpuMilliseconds = (run: () => void): number => {
  const started = process.cpuUsage()
  run()
  return process.cpuUsage(started).user / 1e3
}
// Warm both, so that neither is measured while V8 still compiles it.
for (let i = 0; i < 5; i++) for (const { runner, scenario } of builds) runner.runOnce(scenario, 1)
const times: [Array<number>, Array<number>] = [[], []]
for (let round = 0; round < rounds; round++) {
  for (const i of round % 2 === 0 ? [1, 0] : [0, 1]) {
    const { runner, scenario } = builds[i]!
    times[i]!.push(cpuMilliseconds(() => runner.runOnce(scenario, 1 + (round % 3))))
  }
}
const sorted = (xs: ReadonlyArray<number>) => [...xs].sort((x, y) => x - y)
const at = (xs: ReadonlyArray<number>, q: number) => sorted(xs)[Math.floor(q * (xs.length - 1))]!
const ratios = times[1].map((t, k) => t / times[0][k]!)
console.log(
  `A ${at(times[0], 0.5).toFixed(1)} ms, B ${at(times[1], 0.5).toFixed(1)} ms per replication (median CPU of ${rounds}); ` +
    `B/A per round: median ${at(ratios, 0.5).toFixed(3)} (quartiles ${at(ratios, 0.25).toFixed(3)}–${at(ratios, 0.75).toFixed(3)})`
)
