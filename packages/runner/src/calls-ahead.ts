import { Worker } from "node:worker_threads"
import {
  type ArrivalStream,
  CALL_RECORD,
  CallDrawer,
  type CallSupplies,
  type CallSupply,
  callsDrawnHere,
  CallsDrawnHere,
  recipeOf
} from "@igv/simulator"
import {
  CONTROL_CLOSED,
  CONTROL_FAILED,
  type CallsWorkerInput,
  controlLength,
  readAt,
  writtenAt
} from "./calls-ring.js"

/**
 * A run expected to take fewer calls than this draws them itself: drawing them is about a tenth of a run's time,
 * and a thread takes 50–100 ms to start (simulations/bench/LOG.md), by when a short run is over.
 */
export const CALLS_WORTH_A_THREAD = 100_000
/** Shared memory for all the rings together, at most. */
const RINGS_BYTES = 8 << 20
const MOST_PER_RING = 8192
/**
 * Smaller rings bought nothing (simulations/bench/LOG.md: rings of 1,024 records on the planned-block model, and a
 * national year's 285 streams in rings of 512): a run with more streams than fit rings of this size draws its
 * calls itself.
 */
const LEAST_PER_RING = 4096
/** Calls a stream draws here at a time, before the drawing thread has caught up. */
const BATCH_HERE = 256
/** How long the run waits for a record before it takes the drawing thread for dead and draws the rest itself. */
const STALLED_MS = 5000

/** The drawing thread's code, compiled beside this file (in the CLI's bundle, beside its chunks). */
const workerUrl = new URL("./calls-worker.js", import.meta.url)

/**
 * Each stream's calls a day times the days: its profiles average 1, which is all a threshold needs (`expectedWork`
 * counts the horizon's real hours, but compiles the model again to do so).
 */
const expectedCalls = (streams: ReadonlyArray<ArrivalStream>, startT: number, endT: number): number =>
  streams.reduce((sum, s) => sum + (s.spec.perDay * (endT - startT)) / 1440, 0)

/**
 * One stream's calls: drawn here, a batch at a time, until the drawing thread has the next one ready; from then on
 * read from its ring. If the thread fails or stalls, the stream's own drawer skips what the thread drew and draws
 * the rest here: the records are the same either way.
 */
export class CallsDrawnAhead implements CallSupply {
  records: Float64Array
  at = 0
  end = 0
  /** The next record to take, counted from the stream's first. */
  private next = 0
  /** Records drawn here (all of them until the stream switches to the ring). */
  private drawnHere = 0
  /** Records taken from the ring. */
  fromRing = 0
  private reading = false
  private ringFailed = false
  private readonly here: CallsDrawnHere

  constructor(
    private readonly drawer: CallDrawer,
    private readonly stream: number,
    private readonly ring: Float64Array,
    private readonly capacity: number,
    private readonly control: Int32Array,
    private readonly stalledMs = STALLED_MS
  ) {
    this.here = new CallsDrawnHere(drawer, BATCH_HERE)
    this.records = this.here.records
  }

  refill(): void {
    // Switch once the thread is a quarter of a ring ahead, so that the run does not wait for it at once.
    const ahead = Atomics.load(this.control, writtenAt(this.stream)) - this.next
    if (!this.reading && !this.ringFailed && ahead >= this.capacity >> 2) this.reading = true
    if (this.reading && this.takeFromRing()) return
    const here = this.here
    here.refill()
    this.records = here.records
    this.at = here.at
    this.end = here.end
    this.next += (here.end - here.at) / CALL_RECORD
    this.drawnHere = this.next
    this.release()
  }

  /** Makes the ring's next records ready; false if the drawing thread failed or stalled (the drawer catches up). */
  private takeFromRing(): boolean {
    const control = this.control,
      at = writtenAt(this.stream)
    let written = Atomics.load(control, at)
    while (written === this.next) {
      if (
        Atomics.load(control, CONTROL_FAILED) !== 0 ||
        Atomics.wait(control, at, written, this.stalledMs) === "timed-out"
      ) {
        this.reading = false
        this.ringFailed = true
        this.drawer.skip(this.next - this.drawnHere)
        return false
      }
      written = Atomics.load(control, at)
    }
    const slot = this.next & (this.capacity - 1)
    // A quarter of the ring at most, so that the thread can fill the rest meanwhile.
    const n = Math.min(written - this.next, this.capacity - slot, this.capacity >> 2)
    this.records = this.ring
    this.at = slot * CALL_RECORD
    this.end = (slot + n) * CALL_RECORD
    this.release()
    this.next += n
    this.fromRing += n
    return true
  }

  /** Tells the drawing thread, when it next looks, that the records before `next` are done with. */
  private release(): void {
    Atomics.store(this.control, readAt(this.stream), this.next)
  }
}

/**
 * Records a ring holds for `streams` streams: as many as fit the shared memory allowed, a power of two; 0 if that is
 * too few to be worth a thread.
 */
export const ringCapacity = (streams: number): number => {
  let capacity = MOST_PER_RING
  while (capacity >= LEAST_PER_RING && capacity * CALL_RECORD * 8 * streams > RINGS_BYTES) capacity >>= 1
  return capacity >= LEAST_PER_RING ? capacity : 0
}

export interface CallsAhead {
  readonly supplies: CallSupplies
  /** Stops the drawing thread; returns how many calls it supplied. */
  readonly close: () => number
}

/**
 * Call supplies for one run that draw its synthetic calls on another thread if it is expected to take at least
 * `CALLS_WORTH_A_THREAD` of them from few enough streams (see `LEAST_PER_RING`), and a close for after the run.
 */
export const callsDrawnAhead = (drawingThread: URL = workerUrl): CallsAhead => {
  let worker: Worker | undefined, control: Int32Array | undefined
  let supplies: Array<CallsDrawnAhead> = []
  const drawnAhead: CallSupplies = (streams, startT, endT) => {
    const capacity = ringCapacity(streams.length)
    if (streams.length === 0 || capacity === 0 || expectedCalls(streams, startT, endT) < CALLS_WORTH_A_THREAD)
      return callsDrawnHere(streams, startT, endT)
    const rings = streams.map(() => new SharedArrayBuffer(capacity * CALL_RECORD * 8))
    const shared = new SharedArrayBuffer(controlLength(streams.length) * 4)
    const ctl = (control = new Int32Array(shared))
    const input: CallsWorkerInput = {
      grid: streams[0]!.grid,
      streams: streams.map(recipeOf),
      startT,
      endT,
      capacity,
      rings,
      control: shared
    }
    worker = new Worker(drawingThread, { workerData: input })
    // If it cannot start, the run draws its calls itself; it must not keep the process alive either.
    worker.on("error", () => Atomics.store(ctl, CONTROL_FAILED, 1))
    worker.unref()
    supplies = streams.map(
      (s, i) => new CallsDrawnAhead(new CallDrawer(s, startT, endT), i, new Float64Array(rings[i]!), capacity, ctl)
    )
    return supplies
  }
  const close = () => {
    if (control !== undefined) {
      Atomics.store(control, CONTROL_CLOSED, 1)
      Atomics.notify(control, CONTROL_CLOSED)
    }
    void worker?.terminate()
    return supplies.reduce((sum, s) => sum + s.fromRing, 0)
  }
  return { supplies: drawnAhead, close }
}
