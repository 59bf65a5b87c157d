import { Schema } from "effect"
import type { InputIssue } from "@igv/domain"

/** The body of every error answer: what went wrong, in a form a script can branch on and a person can act on. */
export const ErrorBody = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  /** JSON path of the offending input (`body.areas[2].id`, `query.limit`), "" when it is the request as a whole. */
  path: Schema.String,
  issues: Schema.optional(Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })))
}).annotations({ identifier: "Error" })
export type ErrorBody = typeof ErrorBody.Type

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path = "",
    readonly extra: { readonly retryAfterSeconds?: number; readonly issues?: ReadonlyArray<InputIssue> } = {}
  ) {
    super(message)
  }

  get body(): ErrorBody {
    return { code: this.code, message: this.message, path: this.path, ...(this.extra.issues === undefined ? {} : { issues: this.extra.issues }) }
  }
}

export const invalid = (where: string, issues: ReadonlyArray<InputIssue>) => {
  const prefixed = issues.map((i) => ({ path: i.path === "" ? where : `${where}.${i.path}`.replace(".[", "["), message: i.message }))
  const first = prefixed[0] ?? { path: where, message: "invalid" }
  return new ApiError(400, "invalid_request", first.message, first.path, { issues: prefixed })
}

/** A bound from the configuration was exceeded; the message names the limit and its value. */
export const limitExceeded = (limit: string, value: number, path: string, actual?: number) =>
  new ApiError(400, "limit_exceeded", `limit ${limit} is ${value}${actual === undefined ? "" : `, got ${actual}`}`, path)

export const notFound = (what: string, path = "") => new ApiError(404, "not_found", `${what} not found`, path)
export const conflict = (message: string, path = "") => new ApiError(409, "conflict", message, path)
