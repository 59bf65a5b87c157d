import { formatWarnings, type LocatedWarning } from "@igv/runner"
import type { Io } from "./command.js"

/** The scenario linter's warnings on stderr, one line each: settings without effect, contradictions, overload. */
export const writeWarnings = (io: Io, file: string, warnings: ReadonlyArray<LocatedWarning>): void => {
  if (warnings.length > 0) io.stderr.write(`${formatWarnings(file, warnings)}\n`)
}
