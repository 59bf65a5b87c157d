import type { HourGrid, StreamRecipe } from "@igv/simulator"

/**
 * The channel between a run and the thread that draws its calls ahead (calls-ahead.ts, calls-worker.ts): for each
 * synthetic stream a ring of `capacity` call records in shared memory, and one Int32Array of counters. The drawing
 * thread writes record k of a stream into slot k mod capacity once the run is done with record k − capacity, and
 * publishes how many it has written; the run publishes how far it has read.
 */
/** Set by the drawing thread if it failed: the run draws the rest itself. */
export const CONTROL_FAILED = 0
/** Set by the run when it is over: the drawing thread stops. The thread sleeps on this word between looks at the rings. */
export const CONTROL_CLOSED = 1
const STREAMS_FROM = 2
export const writtenAt = (stream: number): number => STREAMS_FROM + 2 * stream
export const readAt = (stream: number): number => STREAMS_FROM + 2 * stream + 1
export const controlLength = (streams: number): number => STREAMS_FROM + 2 * streams

export interface CallsWorkerInput {
  readonly grid: HourGrid
  readonly streams: ReadonlyArray<StreamRecipe>
  readonly startT: number
  readonly endT: number
  /** Records per ring, a power of two. */
  readonly capacity: number
  readonly rings: ReadonlyArray<SharedArrayBuffer>
  readonly control: SharedArrayBuffer
}
