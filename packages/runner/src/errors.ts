import type { InputIssue } from "@igv/domain"

/** An input problem with, when the file has lines, the line it is on (1-based). */
export interface LocatedIssue extends InputIssue {
  readonly line?: number
}

/** The issue on its line, when the line is known. */
export const atLine = (issue: InputIssue, line: number | undefined): LocatedIssue =>
  line === undefined ? issue : { ...issue, line }

/**
 * "file:12: at rules.prio3.handling: message", one line per issue, at most `limit` lines, then how many more
 * problems there are: those cut here and the `unlisted` ones a reader counted without keeping.
 */
export const formatIssues = (file: string, issues: ReadonlyArray<LocatedIssue>, unlisted = 0, limit = 200): string => {
  const shown = issues
    .slice(0, limit)
    .map(
      (i) => `${file}${i.line === undefined ? "" : `:${i.line}`}: ${i.path === "" ? "" : `at ${i.path}: `}${i.message}`
    )
  const more = Math.max(0, issues.length - limit) + unlisted
  if (more > 0) shown.push(`${file}: … and ${more} more problem${more === 1 ? "" : "s"}`)
  return shown.join("\n")
}

/**
 * An input file and every issue found in it: what the loaders throw once a decoder's `Decoded` failed, and what
 * the CLI turns into exit 2 with one line per issue.
 */
abstract class InputFileInvalid extends Error {
  abstract readonly _tag: string
  readonly file: string
  readonly issues: ReadonlyArray<LocatedIssue>
  /** Problems found beyond `issues`: a reader keeps only the first ones of a large file, and counts the rest. */
  readonly unlisted: number

  constructor(fields: {
    readonly file: string
    readonly issues: ReadonlyArray<LocatedIssue>
    readonly unlisted?: number
  }) {
    const unlisted = fields.unlisted ?? 0
    super(formatIssues(fields.file, fields.issues, unlisted))
    this.file = fields.file
    this.issues = fields.issues
    this.unlisted = unlisted
  }
}

/** A scenario file that cannot be read, parsed or decoded. */
export class ScenarioInvalid extends InputFileInvalid {
  readonly _tag = "ScenarioInvalid"
  override readonly name = "ScenarioInvalid"
}

/** A feed file that cannot be read or has records that do not decode. */
export class FeedInvalid extends InputFileInvalid {
  readonly _tag = "FeedInvalid"
  override readonly name = "FeedInvalid"
}

export type InputInvalid = ScenarioInvalid | FeedInvalid

export const isInputInvalid = (e: unknown): e is InputInvalid =>
  e instanceof ScenarioInvalid || e instanceof FeedInvalid

/** A file system error in words, without a stack. */
export const describeReadError = (e: unknown): string => {
  const code = (e as { code?: string } | null)?.code
  if (code === "ENOENT") return "no such file"
  if (code === "EISDIR") return "is a directory, not a file"
  if (code === "EACCES") return "permission denied"
  return `cannot read: ${e instanceof Error ? e.message : String(e)}`
}
