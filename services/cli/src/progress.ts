import type { Io } from "./command.js"

/** Shown only once work has run this long, so quick runs stay quiet. */
const SHOW_AFTER_MS = 1000
const REDRAW_EVERY_MS = 100

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`

export interface ProgressBar {
  update(fraction: number, detail?: string): void
  /** Clears the bar and prints the one-line summary (on stderr, whether or not a bar was drawn). */
  finish(summary: string): void
  /** Clears the bar without a summary (on failure). */
  clear(): void
}

/** A progress bar on stderr, drawn only on a terminal and only after a second; stdout is never touched. */
export const progressBar = (io: Io, label: string, now: () => number = Date.now): ProgressBar => {
  const started = now()
  const tty = io.stderr.isTTY === true
  let drawn = false
  let lastDraw = 0
  const clear = () => {
    if (drawn) io.stderr.write("\r\u001b[2K")
    drawn = false
  }
  return {
    update(fraction, detail) {
      if (!tty) return
      const t = now()
      const elapsed = t - started
      if (elapsed < SHOW_AFTER_MS || t - lastDraw < REDRAW_EVERY_MS) return
      lastDraw = t
      const f = Math.min(1, Math.max(0, fraction))
      const width = Math.max(10, Math.min(40, (io.stderr.columns ?? 80) - 45))
      const full = Math.round(f * width)
      const eta = f > 0.01 ? ` · ${seconds((elapsed * (1 - f)) / f)} left` : ""
      io.stderr.write(
        `\r\u001b[2K${label} [${"#".repeat(full)}${"·".repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)} %${detail ? ` ${detail}` : ""}${eta}`
      )
      drawn = true
    },
    finish(summary) {
      clear()
      io.stderr.write(`${summary} in ${seconds(now() - started)}\n`)
    },
    clear
  }
}
