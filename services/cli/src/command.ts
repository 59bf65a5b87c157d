import type { ParseArgsConfig } from "node:util"

/** Where a command writes: stdout for results, stderr for progress and problems. */
export interface Io {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number }
}

export type OptionValues = Readonly<Record<string, string | boolean | ReadonlyArray<string | boolean> | undefined>>

export interface ParsedArgs {
  readonly values: OptionValues
  readonly positionals: ReadonlyArray<string>
}

/**
 * One `igv` subcommand. Add a command by writing `commands/<name>.ts` exporting one of these
 * and adding one line to `commands/index.ts`.
 */
export interface Command {
  readonly name: string
  /** One line for `igv --help`. */
  readonly summary: string
  /** The full text for `igv <name> --help`: usage, options and examples. */
  readonly help: string
  /** `node:util` parseArgs options; `--help` is added for every command. */
  readonly options: NonNullable<ParseArgsConfig["options"]>
  readonly positionals?: { readonly min: number; readonly max: number }
  /** Resolves to the exit code. Throw `UsageError` or an input error (ScenarioInvalid, FeedInvalid) for exit code 2. */
  readonly run: (args: ParsedArgs, io: Io) => Promise<number>
}

/** Wrong command line: told to the user with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError"
}

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_BAD_INPUT = 2
