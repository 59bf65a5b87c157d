import { Schema } from "effect"
import type { InputIssue } from "@igv/domain"
import { tidyIssues } from "@igv/runner"

/** The body of every error answer: what went wrong, in a form a script can branch on and a person can act on. */
export const ErrorBody = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  /** JSON path of the offending input (`body.areas[2].id`, `query.limit`), "" when it is the request as a whole. */
  path: Schema.String,
  issues: Schema.optionalKey(
    Schema.Array(
      Schema.Struct({
        path: Schema.String,
        message: Schema.String,
        /** The line of a scenario body (JSON or YAML) the problem is on. */
        line: Schema.optionalKey(Schema.Number)
      })
    )
  )
}).annotate({ identifier: "Error" })
export type ErrorBody = typeof ErrorBody.Type

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path = "",
    readonly extra: { readonly retryAfterSeconds?: number; readonly issues?: ReadonlyArray<Issue> } = {}
  ) {
    super(message)
  }

  get body(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      path: this.path,
      ...(this.extra.issues === undefined ? {} : { issues: this.extra.issues })
    }
  }
}

type Issue = InputIssue & { readonly line?: number }

/** At most this many problems are listed, each cut short: an answer never grows with the input it refuses. */
const MAX_ISSUES = 100
const MAX_TEXT = 300
const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text)

/** Invalid input: every problem (in the CLI's words, effect's raw messages tidied) with its path under `where`. */
export const invalid = (where: string, issues: ReadonlyArray<Issue>) => {
  const tidy = tidyIssues(issues)
  const prefixed: Array<Issue> = tidy.slice(0, MAX_ISSUES).map((i) => ({
    path: cut(i.path === "" ? where : `${where}.${i.path}`.replace(".[", "[")),
    message: cut(i.message),
    ...(i.line === undefined ? {} : { line: i.line })
  }))
  if (tidy.length > MAX_ISSUES)
    prefixed.push({ path: where, message: `… and ${tidy.length - MAX_ISSUES} more problems` })
  const first = prefixed[0] ?? { path: where, message: "invalid" }
  return new ApiError(400, "invalid_request", first.message, first.path, { issues: prefixed })
}

/** A bound from the configuration was exceeded; the message names the limit and its value. */
export const limitExceeded = (limit: string, value: number, path: string, actual?: number) =>
  new ApiError(
    400,
    "limit_exceeded",
    `limit ${limit} is ${value}${actual === undefined ? "" : `, got ${actual}`}`,
    path
  )

export const notFound = (what: string, path = "") => new ApiError(404, "not_found", `${what} not found`, path)
export const conflict = (message: string, path = "") => new ApiError(409, "conflict", message, path)
