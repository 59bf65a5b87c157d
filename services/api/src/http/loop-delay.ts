import { monitorEventLoopDelay } from "node:perf_hooks"

export interface LoopDelay {
  /** The window these figures cover, seconds (the last completed one). */
  readonly windowSeconds: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
}

/**
 * How late the event loop runs, over the last completed window: the time a request waits before the server
 * even looks at it. Tells a busy machine (delay with little CPU used) from blocking work in the server.
 */
export const loopDelayMonitor = (windowMs = 10_000): { read(): LoopDelay; stop(): void } => {
  const resolutionMs = 10
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs })
  histogram.enable()
  // The histogram records whole sampling intervals; lateness is what exceeds the resolution.
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - resolutionMs) * 100) / 100)
  let last: LoopDelay = { windowSeconds: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
  let started = Date.now()
  const rotate = () => {
    last = {
      windowSeconds: Math.round((Date.now() - started) / 1000),
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max)
    }
    histogram.reset()
    started = Date.now()
  }
  const timer = setInterval(rotate, windowMs)
  timer.unref()
  return {
    read: () => last,
    stop: () => {
      clearInterval(timer)
      histogram.disable()
    }
  }
}
