import type { DemandStream, Instant } from "@igv/domain"
import { ArrivalStream, type HourGrid } from "./demand.js"
import { sample } from "./sampler.js"

/**
 * A synthetic stream's calls as the engine takes them, one record of `CALL_RECORD` numbers per call: what was drawn
 * for the call (its on-scene minutes, units, the two travel draws, the handled-otherwise draw) and when the
 * stream's next call comes. Record 0 holds only the first call's time. Every draw is from one of the stream's own
 * random streams, so drawing a stream's calls ahead, in batches or on another core, changes nothing in a run.
 */
export const CALL_RECORD = 6
export const ON_SCENE = 0,
  UNITS = 1,
  TRAVEL_1 = 2,
  TRAVEL_2 = 3,
  /** Drawn for prio-3 streams only (0 in others), as the engine compares it with the share handled otherwise. */
  HANDLED_OTHERWISE = 4,
  NEXT_CALL = 5

/** What it takes to build a run's stream again elsewhere (another thread): the same stream, the same draws. */
export interface StreamRecipe {
  readonly area: number
  readonly prio: 1 | 2 | 3
  readonly spec: DemandStream
  readonly seeds: readonly [number, number]
  readonly occurrence: number
}

export const recipeOf = (s: ArrivalStream): StreamRecipe => ({
  area: s.area,
  prio: s.prio,
  spec: s.spec,
  seeds: s.seeds,
  occurrence: s.occurrence
})

export const streamOf = (r: StreamRecipe, grid: HourGrid): ArrivalStream =>
  new ArrivalStream(r.area, r.prio, r.spec, grid, r.seeds, r.occurrence)

/** Draws one stream's call records in order, from the start of the horizon until a next call falls past its end. */
export class CallDrawer {
  private last: Instant
  private started = false
  /** The last record drawn has the stream's next call at or past the horizon's end. */
  over = false

  constructor(
    private readonly stream: ArrivalStream,
    startT: Instant,
    private readonly endT: Instant
  ) {
    this.last = startT
  }

  /** Writes up to `count` records into `into` from record `from`; returns how many (fewer once the stream is over). */
  draw(into: Float64Array, from: number, count: number): number {
    const s = this.stream,
      prio3 = s.prio === 3
    let n = 0
    for (let i = from * CALL_RECORD; n < count && !this.over; n++, i += CALL_RECORD) {
      if (this.started) {
        into[i + ON_SCENE] = sample(s.service, s.onScene)
        into[i + UNITS] = s.units.uniform() < s.twoUnitShare ? 2 : 1
        into[i + TRAVEL_1] = s.travel.uniform()
        into[i + TRAVEL_2] = s.travel.uniform()
        into[i + HANDLED_OTHERWISE] = prio3 ? s.otherwise.uniform() : 0
      } else {
        into.fill(0, i, i + NEXT_CALL)
        this.started = true
      }
      const next = s.next(this.last)
      into[i + NEXT_CALL] = next
      this.last = next
      if (!(next < this.endT)) this.over = true
    }
    return n
  }

  /** Draws `count` records and forgets them. */
  skip(count: number): void {
    const scratch = new Float64Array(256 * CALL_RECORD)
    for (let left = count; left > 0 && !this.over; ) left -= this.draw(scratch, 0, Math.min(left, 256))
  }
}

/**
 * Where the engine reads a stream's call records: `records[at]` is the next one's first number, and records up to
 * `end` are ready. When they run out the engine calls `refill`, which makes more ready (it may change `records`).
 */
export interface CallSupply {
  records: Float64Array
  at: number
  end: number
  refill(): void
}

/** Records drawn here, a batch at a time. */
export class CallsDrawnHere implements CallSupply {
  records: Float64Array
  at = 0
  end = 0

  constructor(
    private readonly drawer: CallDrawer,
    private readonly batch = 256
  ) {
    this.records = new Float64Array(batch * CALL_RECORD)
  }

  refill(): void {
    const n = this.drawer.draw(this.records, 0, this.batch)
    if (n === 0) throw new RangeError("a call was taken after its stream's last")
    this.at = 0
    this.end = n * CALL_RECORD
  }
}

/** How a run gets its streams' calls: by default each drawn here as the engine takes them. */
export type CallSupplies = (
  streams: ReadonlyArray<ArrivalStream>,
  startT: Instant,
  endT: Instant
) => ReadonlyArray<CallSupply>

export const callsDrawnHere: CallSupplies = (streams, startT, endT) =>
  streams.map((s) => new CallsDrawnHere(new CallDrawer(s, startT, endT)))
