import { basename, dirname, join } from "node:path"
import { threadId } from "node:worker_threads"

let made = 0

/**
 * A temporary file's name beside `file`, for writing it whole and renaming it into place. Unique among running
 * processes by process, thread, clock and count; random bytes would load OpenSSL, about 6 ms of a CLI run.
 */
export const temporaryBeside = (file: string): string =>
  join(dirname(file), `.${basename(file)}.${process.pid}.${threadId}.${Date.now().toString(36)}.${++made}.tmp`)
