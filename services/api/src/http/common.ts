import { Schema, SchemaTransformation } from "effect"
import { isInt, isMinLength, issueMessages, isPositive, parseTimeInput, TIME_INPUT_FORMS } from "@igv/domain"
import type { Limits } from "../config.js"
import { ApiError, limitExceeded } from "../errors.js"

/** Query text read as a number; text that is none is refused as such, before any check on the number runs. */
export const NumberFromString = Schema.String.check(
  Schema.makeFilter((s) => !Number.isNaN(Number(s)) || `Unable to decode ${JSON.stringify(s)} into a number`)
).pipe(Schema.decodeTo(Schema.Number, SchemaTransformation.numberFromString))

const IntFromString = NumberFromString.check(isInt)

export const IdParams = Schema.Struct({ id: Schema.String.check(isMinLength(1)) })

/** Paging: `limit` rows (bounded by the page-size limit) after the opaque `cursor` of the previous page. */
export const PageQuery = {
  limit: Schema.optionalKey(IntFromString.check(isPositive)).annotate({
    description: "rows per page (default 100, at most the pageSize limit)"
  }),
  cursor: Schema.optionalKey(Schema.String).annotate({ description: "nextCursor of the previous page" })
}

export const pageSize = (limit: number | undefined, limits: Limits): number => {
  if (limit === undefined) return Math.min(100, limits.pageSize)
  if (limit > limits.pageSize) throw limitExceeded("pageSize", limits.pageSize, "query.limit", limit)
  return limit
}

/** Cursors are plain numbers (a row offset or a store position) in base 36; anything else is a 400. */
export const parseCursor = (cursor: string | undefined): bigint => {
  if (cursor === undefined || cursor === "") return 0n
  if (!/^[0-9]{1,30}$/.test(cursor))
    throw new ApiError(400, "invalid_request", "cursor must be the nextCursor of a previous page", "query.cursor")
  return BigInt(cursor)
}

export const Page = <S extends Schema.Top>(item: S, identifier: string) =>
  Schema.Struct({
    items: Schema.Array(item),
    /** Absent on the last page. */
    nextCursor: Schema.optionalKey(Schema.String)
  }).annotate({ identifier })

/**
 * A time in a query or body as an instant, in the forms the CLI's --from and --to take: a date (local midnight,
 * Europe/Stockholm), a local time, or ISO 8601 with an offset. A 400 at `path` names the rule an impossible one breaks.
 */
export const instantParam = (text: string | undefined, path: string): number | undefined => {
  if (text === undefined) return undefined
  const parsed = parseTimeInput(text)
  if (!parsed.ok)
    throw new ApiError(
      400,
      "invalid_request",
      `${JSON.stringify(text.slice(0, 40))}: ${issueMessages(parsed.issues)}`,
      path
    )
  return parsed.value
}

/** How a time query parameter is documented: the forms instantParam takes. */
export const timeDescription = (bound: "inclusive" | "exclusive") => `${TIME_INPUT_FORMS}; ${bound}`
