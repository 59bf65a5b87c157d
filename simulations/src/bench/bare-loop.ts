/**
 * The speed benchmark's limit: the M/M/c queue with three non-preemptive priorities (simulations/bench/speed/
 * mmc-priority.yaml) as a bare event loop, a binary heap over typed arrays and the engine's random-number
 * generator, computing the same dispatch waits (mean and nearest-rank p90 per priority) and nothing else.
 * Run by simulations/src/bench/speed.ts as a process of its own: node bare-loop.js '{"patrols":27,...}'.
 * Prints JSON: the waits, and the events an igv run of the model emits (four per call).
 */
import { Rng } from "@igv/simulator"

interface Model {
  readonly patrols: number
  readonly meanMinutes: number
  readonly perDay: ReadonlyArray<number>
  readonly days: number
  readonly seed: number
}

const model = JSON.parse(process.argv[2]!) as Model
const horizon = model.days * 1440
const ARRIVAL = 0,
  CLEAR = 1

/** Min-heap of (time, kind, priority): kind and priority packed into one Int32 per entry. */
let heapTime = new Float64Array(1024),
  heapData = new Int32Array(1024),
  size = 0
const push = (t: number, data: number) => {
  if (size === heapTime.length) {
    const time = new Float64Array(size * 2),
      d = new Int32Array(size * 2)
    time.set(heapTime)
    d.set(heapData)
    heapTime = time
    heapData = d
  }
  let i = size++
  while (i > 0) {
    const parent = (i - 1) >> 1
    if (heapTime[parent]! <= t) break
    heapTime[i] = heapTime[parent]!
    heapData[i] = heapData[parent]!
    i = parent
  }
  heapTime[i] = t
  heapData[i] = data
}
const pop = (): void => {
  const t = heapTime[--size]!,
    data = heapData[size]!
  let i = 0
  for (;;) {
    let child = 2 * i + 1
    if (child >= size) break
    if (child + 1 < size && heapTime[child + 1]! < heapTime[child]!) child++
    if (heapTime[child]! >= t) break
    heapTime[i] = heapTime[child]!
    heapData[i] = heapData[child]!
    i = child
  }
  heapTime[i] = t
  heapData[i] = data
}

/** FIFO of registration times per priority, as growable ring buffers. */
const queues = [0, 1, 2].map(() => ({ times: new Float64Array(1024), head: 0, size: 0 }))
const enqueue = (q: (typeof queues)[number], t: number) => {
  if (q.size === q.times.length) {
    const bigger = new Float64Array(q.size * 2)
    for (let i = 0; i < q.size; i++) bigger[i] = q.times[(q.head + i) % q.times.length]!
    q.times = bigger
    q.head = 0
  }
  q.times[(q.head + q.size++) % q.times.length] = t
}

const waits = [0, 1, 2].map(() => ({ values: new Float64Array(1024), n: 0 }))
const record = (prio: number, wait: number) => {
  const w = waits[prio]!
  if (w.n === w.values.length) {
    const bigger = new Float64Array(w.n * 2)
    bigger.set(w.values)
    w.values = bigger
  }
  w.values[w.n++] = wait
}

const arrivalRng = model.perDay.map((_, p) => new Rng(`${model.seed}|arrivals|${p}`))
const serviceRng = new Rng(`${model.seed}|service`)
const exponential = (rng: Rng, mean: number) => -mean * Math.log(rng.uniform())
let free = model.patrols,
  calls = 0

const start = (now: number, prio: number, registered: number) => {
  free--
  record(prio, now - registered)
  push(now + exponential(serviceRng, model.meanMinutes), CLEAR << 8)
}

for (let p = 0; p < 3; p++) push(exponential(arrivalRng[p]!, 1440 / model.perDay[p]!), (ARRIVAL << 8) | p)
while (size > 0) {
  const now = heapTime[0]!,
    data = heapData[0]!
  pop()
  if (data >> 8 === ARRIVAL) {
    if (now >= horizon) continue
    const prio = data & 0xff
    calls++
    push(now + exponential(arrivalRng[prio]!, 1440 / model.perDay[prio]!), data)
    if (free > 0) start(now, prio, now)
    else enqueue(queues[prio]!, now)
  } else {
    free++
    for (const q of queues) {
      if (q.size === 0) continue
      const registered = q.times[q.head]!
      q.head = (q.head + 1) % q.times.length
      q.size--
      start(now, queues.indexOf(q), registered)
      break
    }
  }
}

const figures = (w: (typeof waits)[number]) => {
  const sorted = w.values.subarray(0, w.n).sort()
  let sum = 0
  for (let i = 0; i < w.n; i++) sum += sorted[i]!
  return { n: w.n, mean: sum / w.n, p90: sorted[Math.max(0, Math.ceil(0.9 * w.n) - 1)]! }
}
console.log(
  JSON.stringify({ events: calls * 4, waits: Object.fromEntries(waits.map((w, p) => [String(p + 1), figures(w)])) })
)
