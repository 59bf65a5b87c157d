// Draws a long run's calls ahead of it on another core (see calls-ahead.ts), stream by stream into shared rings.
import { workerData } from "node:worker_threads"
// Only the drawing code, not the simulator's index: this thread must start in milliseconds, not load Effect.
import { CallDrawer, streamOf } from "@igv/simulator/call-draws"
import { CONTROL_CLOSED, CONTROL_FAILED, type CallsWorkerInput, readAt, writtenAt } from "./calls-ring.js"

/** Records drawn into one ring before the next ring gets its turn and the run hears of them. */
const CHUNK = 512
/**
 * While every ring is full the thread looks again after this long instead of being woken by the run: a wake cost the
 * run 0.2–0.5 ms each time (Atomics.notify, measured; simulations/bench/LOG.md), and a ring holds several
 * milliseconds of a run's calls.
 */
const LOOK_AGAIN_MS = 1

const input = workerData as CallsWorkerInput
const control = new Int32Array(input.control)
try {
  const capacity = input.capacity
  const rings = input.rings.map((buffer) => new Float64Array(buffer))
  const drawers = input.streams.map((r) => new CallDrawer(streamOf(r, input.grid), input.startT, input.endT))
  const written = new Array<number>(drawers.length).fill(0)
  for (;;) {
    if (Atomics.load(control, CONTROL_CLOSED) !== 0) break
    let live = 0,
      wrote = false
    for (let s = 0; s < drawers.length; s++) {
      const drawer = drawers[s]!
      if (drawer.over) continue
      live++
      const room = Atomics.load(control, readAt(s)) + capacity - written[s]!
      if (room <= 0) continue
      const slot = written[s]! & (capacity - 1)
      written[s]! += drawer.draw(rings[s]!, slot, Math.min(room, capacity - slot, CHUNK))
      Atomics.store(control, writtenAt(s), written[s]!)
      Atomics.notify(control, writtenAt(s))
      wrote = true
    }
    if (live === 0) break
    // Every ring is full: wait until the run has read on, or closed.
    if (!wrote) Atomics.wait(control, CONTROL_CLOSED, 0, LOOK_AGAIN_MS)
  }
} catch {
  Atomics.store(control, CONTROL_FAILED, 1)
  for (let i = 0; i < control.length; i++) Atomics.notify(control, i)
}
