import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs"
import { encodeFeedEvent, formatInstant, type IgvEvent, type IncidentRegistered, type Scenario } from "@igv/domain"
import { simulate } from "@igv/simulator"
import { temporaryBeside } from "./temporary-file.js"

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20

/** An event as one line of a feed: `{type, at, ...}` with `at` in the scenario's local time and offset. */
export const feedLine = (event: IgvEvent, timeZone: string): string =>
  JSON.stringify(encodeFeedEvent(event, (t) => formatInstant(t, timeZone)))

/**
 * Simulates one replication (its seed as given, e.g. `replicationSeed(seed, 0)`) and writes its full
 * event stream to `file` as NDJSON in the feed's wire form, exactly what `igv ingest` reads. The file is
 * written whole or not at all (a temporary file beside it, renamed); memory stays one chunk of lines.
 */
export const writeEventStream = (
  scenario: Scenario,
  seed: number,
  file: string,
  incidents?: ReadonlyArray<IncidentRegistered>
): { readonly events: number } => {
  const temp = temporaryBeside(file)
  const fd = openSync(temp, "wx")
  let chunk = "",
    events = 0
  try {
    simulate(scenario, {
      seed,
      ...(incidents === undefined ? {} : { incidents }),
      onEvent: (event) => {
        chunk += `${feedLine(event, scenario.timeZone)}\n`
        events++
        if (chunk.length >= CHUNK_CHARS) {
          writeSync(fd, chunk)
          chunk = ""
        }
      }
    })
    writeSync(fd, chunk)
    closeSync(fd)
    renameSync(temp, file)
  } catch (e) {
    try {
      closeSync(fd)
    } catch {
      /* already closed */
    }
    rmSync(temp, { force: true })
    throw e
  }
  return { events }
}
