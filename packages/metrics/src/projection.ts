import type { EventSink, IgvEvent } from "@igv/domain"

/**
 * A pure fold over the feed: `initial` makes a fresh accumulator, `evolve` takes one event
 * (events arrive with nondecreasing `t`) and `finish` reads the result. For speed `evolve` may
 * mutate and return its state; `finish` never mutates it, so a live feed can be read mid-stream.
 */
export interface Projection<S, R> {
  readonly initial: () => S
  readonly evolve: (state: S, event: IgvEvent) => S
  readonly finish: (state: S) => R
  /**
   * The same fold as calls, for a simulation to feed without an object per event (the report has one). Calls
   * to the sink and `evolve` on the events they stand for must lead `finish` to the same result (the sink may
   * use the simulator's incident keys, which the events do not carry).
   */
  readonly sink?: (state: S) => EventSink
}

export const fold = <S, R>(p: Projection<S, R>, events: Iterable<IgvEvent>): R => {
  let state = p.initial()
  for (const event of events) state = p.evolve(state, event)
  return p.finish(state)
}

type Results<T extends Record<string, Projection<any, any>>> = {
  readonly [K in keyof T]: T[K] extends Projection<any, infer R> ? R : never
}

/** Runs several projections in one pass over the feed, e.g. `combine({ report: reportProjection({ recordedFeed: {} }), log: interruptionLog })`. */
export const combine = <T extends Record<string, Projection<any, any>>>(
  projections: T
): Projection<unknown, Results<T>> => {
  const keys = Object.keys(projections)
  const parts = keys.map((k) => projections[k]!)
  return {
    initial: () => parts.map((p) => p.initial()),
    evolve: (state, event) => {
      const states = state as Array<unknown>
      for (let i = 0; i < parts.length; i++) states[i] = parts[i]!.evolve(states[i], event)
      return states
    },
    finish: (state) => {
      const states = state as Array<unknown>
      const out: Record<string, unknown> = {}
      keys.forEach((k, i) => {
        out[k] = parts[i]!.finish(states[i])
      })
      return out as Results<T>
    }
  }
}
