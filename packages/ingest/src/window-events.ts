import { createReadStream } from "node:fs"
import type { IgvEvent } from "@igv/domain"
import { FeedFormatError, FeedInvalid, readFeed, type LoadFeedOptions, type LocatedIssue } from "@igv/runner"
import { decodeFeedRow } from "./records.js"
import { isStoreSpec, readFeedWindow, readStoreSpec } from "./replay.js"
import { areaOfEvent, byEventTime, inTime, type ReplayWindow } from "./window.js"

const MAX_ISSUES = 100

/** Every event of a feed file (NDJSON or CSV) in a window, by event time; any bad row fails the read, naming lines, never values. */
async function eventsOfFile(path: string, window: ReplayWindow, options: LoadFeedOptions): Promise<IgvEvent[]> {
  const out: IgvEvent[] = []
  const issues: LocatedIssue[] = []
  let problems = 0
  try {
    const reading = await readFeed(createReadStream(path) as AsyncIterable<Buffer>, options)
    for await (const row of reading.rows) {
      const outcome = decodeFeedRow(row, reading.format)
      if (outcome.kind === "rejected") {
        if (++problems <= MAX_ISSUES) issues.push({ line: outcome.row.line, path: "", message: outcome.row.reason })
        continue
      }
      const e = outcome.event
      if (inTime(window, e.t) && (window.area === undefined || areaOfEvent(e) === window.area)) out.push(e)
    }
  } catch (e) {
    const message =
      e instanceof FeedFormatError
        ? e.message
        : `cannot read the feed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`
    throw new FeedInvalid({ file: path, issues: [{ path: "", message }] })
  }
  if (issues.length > 0) throw new FeedInvalid({ file: path, issues, unlisted: problems - issues.length })
  return byEventTime(out)
}

/**
 * Every feed event of a window, by event time, from a feed file or an event store (`sqlite:…`, a SQLite file,
 * `kafka://…`), as `igv history` reads a store: with `area`, the events of that area's stream (its incidents,
 * its patrols' dispatches, shifts and blocks). A store that does not exist is never created. `localTimeZone` reads
 * a file's timestamps without an offset (see `FeedReadOptions`); a store holds none.
 */
export async function readWindowEvents(
  spec: string,
  window: ReplayWindow,
  file: LoadFeedOptions = {}
): Promise<IgvEvent[]> {
  return isStoreSpec(spec) ? readStoreSpec(spec, window, readFeedWindow) : eventsOfFile(spec, window, file)
}
