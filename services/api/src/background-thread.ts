import { setPriority } from "node:os"

/** The nice value of threads that simulate or read windows of the store: requests come first. */
const BACKGROUND_NICENESS = 10

/**
 * Lowers the calling thread's priority. On Linux the nice value is per thread and inherited by the threads this
 * one starts, so it lowers a run's replication workers too, never the API's event loop. Call it before loading the
 * heavy modules (a dynamic import after it), so their loading is background work too.
 */
export const becomeBackgroundThread = (): void => {
  try {
    setPriority(BACKGROUND_NICENESS)
  } catch {
    // Not permitted or not supported: the thread simply competes at normal priority.
  }
}
