// Folds a synthetic national-scale feed (95 areas, 20 patrols each) through the projections and prints
// events per second (CPU time) and peak memory. Events are made on the fly, as the simulator hands them over, and the
// time to make them (a fold that does nothing) is measured and subtracted.
// Run after a build: `pnpm exec tsc -b packages/metrics && node packages/metrics/bench/fold.mjs [incidents]`.
import { combine, interruptionLog, reportProjection, fold } from "../dist/index.js"

const incidents = Number(process.argv[2] ?? 3_000_000)
const areas = 95
const patrolsPerArea = 20
const prioOf = (i) => (i % 20 === 0 ? 1 : i % 4 === 0 ? 2 : 3)

// Like the simulator, ids are made once per area, patrol and incident and then reused by every event.
const areaIds = Array.from({ length: areas }, (_, a) => `a${a}`)
const patrolIds = areaIds.map((area) => Array.from({ length: patrolsPerArea }, (_, p) => `${area}/igv/${p}`))

function* feed() {
  for (let a = 0; a < areas; a++)
    for (let p = 0; p < patrolsPerArea; p++)
      yield { _tag: "ShiftStarted", t: 0, patrol: patrolIds[a][p], area: areaIds[a], kind: "igv" }
  let t = 0
  for (let i = 0; i < incidents; i++) {
    t += 0.17
    const a = i % areas
    const area = areaIds[a]
    const patrol = patrolIds[a][(i >> 3) % patrolsPerArea]
    const incident = `i${i}`
    const prio = prioOf(i)
    yield { _tag: "IncidentRegistered", t, incident, area, prio, onSceneMinutes: 30, unitsNeeded: 1 }
    if (i % 10 === 0) {
      yield { _tag: "IncidentHandledOtherwise", t, incident }
      continue
    }
    const block = `b${i}`
    const planned = i % 3 === 0
    if (planned)
      yield {
        _tag: "PlannedBlockStarted",
        t,
        block,
        patrol,
        area,
        plannedMinutes: 0.12,
        tag: i % 6 === 0 ? "promise" : undefined
      }
    yield { _tag: "PatrolDispatched", t: t + 0.01 + (i % 7) * 0.001, incident, patrol, prio }
    if (planned) yield { _tag: "PlannedBlockInterrupted", t: t + 0.02, block, patrol, incident, prio }
    yield { _tag: "PatrolOnScene", t: t + 0.05, incident, patrol }
    yield { _tag: "PatrolCleared", t: t + 0.1, incident, patrol }
    if (planned) {
      yield { _tag: "PlannedBlockResumed", t: t + 0.1, block, patrol }
      yield { _tag: "PlannedBlockCompleted", t: t + 0.12, block, patrol }
    }
  }
  for (let a = 0; a < areas; a++)
    for (let p = 0; p < patrolsPerArea; p++) yield { _tag: "ShiftEnded", t: t + 1, patrol: patrolIds[a][p] }
}

const nothing = { initial: () => 0, evolve: (n) => n + 1, finish: (n) => n }
// CPU time of this process (user + system), not wall time: the figure holds on a busy machine too.
const seconds = (f) => {
  const start = process.cpuUsage()
  const r = f()
  const d = process.cpuUsage(start)
  return [(d.user + d.system) / 1e6, r]
}
const [makeSeconds, count] = seconds(() => fold(nothing, feed()))
console.log(`making ${count.toLocaleString("en")} events: ${makeSeconds.toFixed(2)} s`)
for (const [label, projection] of [
  ["report", reportProjection()],
  ["report + interruption log", combine({ report: reportProjection(), interruptions: interruptionLog })]
]) {
  const [s] = seconds(() => fold(projection, feed()))
  const net = s - makeSeconds
  console.log(
    `${label}: ${s.toFixed(2)} s with making, ${net.toFixed(2)} s folding = ${(count / net / 1e6).toFixed(1)} M events/s`
  )
}
const r = fold(reportProjection(), feed())
console.log(
  `incidents ${r.response["1"].count + r.response["2"].count + r.response["3"].count}, survival ${r.lineTime.survival.toFixed(3)}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`
)
