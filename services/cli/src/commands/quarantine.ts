import { readFile } from "node:fs/promises"
import {
  dropQuarantine,
  openQuarantine,
  openStoreUrl,
  PSEUDONYM_KEY_ENV,
  resubmitQuarantine,
  type Correction
} from "@igv/ingest"
import { flag, stringOption } from "../args.js"
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io, type OptionValues } from "../command.js"
import { cliEnvironment } from "../environment.js"
import { emit } from "../output.js"
import { STORE_HELP, storeUrlOf } from "./ingest.js"

const parseCorrections = (text: string, file: string): Correction[] =>
  text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return []
    let r: unknown
    try {
      r = JSON.parse(line)
    } catch {
      throw new UsageError(`${file}:${i + 1}: not valid JSON`)
    }
    const { quarantineId, raw } = (r ?? {}) as Record<string, unknown>
    if (typeof quarantineId !== "string" || typeof raw !== "string") {
      throw new UsageError(
        `${file}:${i + 1}: expected {"quarantineId": "...", "raw": "<the corrected row>"} as printed by igv quarantine list --json`
      )
    }
    return [{ quarantineId, raw }]
  })

/** A row for the terminal: cut, and control characters escaped (a row kept as read may be binary). */
const printable = (raw: string): string => {
  const shown = JSON.stringify(raw.length > 200 ? raw.slice(0, 200) : raw).slice(1, -1)
  return raw.length > 200 ? `${shown}…` : shown
}

async function drop(ids: ReadonlyArray<string>, values: OptionValues, io: Io): Promise<number> {
  if ((ids.length === 0) === !flag(values, "all")) throw new UsageError(`"drop" needs quarantine ids or --all`)
  const store = await openStoreUrl(storeUrlOf(values))
  try {
    const result = await dropQuarantine(store, flag(values, "all") ? "all" : ids)
    const lines = [
      `dropped ${result.dropped.length} entr${result.dropped.length === 1 ? "y" : "ies"} for good`,
      ...result.notOpen.map((id) => `  ${id}: not an open quarantine entry (unknown, resolved or dropped already)`)
    ]
    await emit(
      io,
      flag(values, "json") ? JSON.stringify(result, null, 2) : lines.join("\n"),
      stringOption(values, "out")
    )
    return result.notOpen.length === 0 ? EXIT_OK : EXIT_FAILURE
  } finally {
    await store.close()
  }
}

export const quarantine: Command = {
  name: "quarantine",
  summary: "list the feed rows ingest could not store, resubmit them after correction, or drop them for good",
  help: `Usage: igv quarantine list [--store URL] [--json]
       igv quarantine resubmit FILE [--store URL]
       igv quarantine resubmit --all [--store URL]
       igv quarantine drop ID... [--store URL]
       igv quarantine drop --all [--store URL]

"list" shows the open entries: source file or topic, line, reason, and the row as read (fields
outside the feed schema removed; incident ids pseudonymised when ${PSEUDONYM_KEY_ENV} was set).
With --json it prints one JSON object per line; correct the "raw" of the rows you can fix, keep
those lines (quarantineId and raw are what counts) and hand the file to "resubmit".
"resubmit FILE" decodes each corrected row: one that is now valid is stored (once, however often
it is resubmitted) and leaves the quarantine; one that is still wrong stays, with its new reason.
"resubmit --all" retries every open entry as it stands.
"drop" deletes entries for good, content and all (e.g. rows holding personal data that will not be
corrected); the store records which ids were dropped and when, never what they held.

Options:
${STORE_HELP}
  --json              list as NDJSON
  --all               resubmit every open entry unchanged; with drop, drop every open entry

Examples:
  igv quarantine list --store sqlite:./data/igv.db
  igv quarantine list --json > fix.ndjson   # edit the "raw" fields
  igv quarantine resubmit fix.ndjson
  igv quarantine drop quarantine-3f2a... --store sqlite:./data/igv.db

Exit codes: 0 done (resubmit: every row now stored), 1 some rows still rejected or failure, 2 bad command line.`,
  options: {
    store: { type: "string" },
    json: { type: "boolean" },
    all: { type: "boolean" },
    out: { type: "string" }
  },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  run: async ({ values, positionals }, io) => {
    const [action, ...rest] = positionals
    if (action === "drop") return drop(rest, values, io)
    const [file] = rest
    if (action !== "list" && action !== "resubmit")
      throw new UsageError(`expected "list", "resubmit" or "drop", not "${action}"`)
    if (rest.length > 1) throw new UsageError(`"${action}" takes at most one file`)
    if (action === "list" && file !== undefined) throw new UsageError(`"list" takes no file`)
    if (action === "resubmit" && (file === undefined) === !flag(values, "all"))
      throw new UsageError(`"resubmit" needs a corrections FILE or --all`)
    const corrections = file === undefined ? undefined : parseCorrections(await readFile(file, "utf8"), file)
    const store = await openStoreUrl(storeUrlOf(values))
    try {
      if (action === "list") {
        const entries = await openQuarantine(store)
        const text = flag(values, "json")
          ? entries.map((e) => JSON.stringify(e)).join("\n")
          : entries.length === 0
            ? "The quarantine is empty."
            : `${entries.length} row(s) in the quarantine:\n` +
              entries
                .map((e) => `${e.source}:${e.line}: ${e.reason}\n    ${printable(e.raw)}\n    id ${e.quarantineId}`)
                .join("\n")
        await emit(io, text, stringOption(values, "out"))
        return EXIT_OK
      }
      const key = cliEnvironment().pseudonymKey
      const result = await resubmitQuarantine(
        store,
        corrections ?? "all-open",
        key === undefined ? {} : { pseudonymKey: key }
      )
      const lines = [
        `resolved ${result.resolved} (${result.duplicates} of them were already stored), still rejected ${result.stillRejected.length}` +
          (result.notOpen.length > 0 ? `, not open ${result.notOpen.length}` : ""),
        ...result.stillRejected.map((r) => `  ${r.source}:${r.line}: ${r.reason}`),
        ...result.notOpen.map((id) => `  ${id}: not an open quarantine entry (unknown or already resolved)`)
      ]
      await emit(
        io,
        flag(values, "json") ? JSON.stringify(result, null, 2) : lines.join("\n"),
        stringOption(values, "out")
      )
      return result.stillRejected.length === 0 && result.notOpen.length === 0 ? EXIT_OK : EXIT_FAILURE
    } finally {
      await store.close()
    }
  }
}
