import { Either, ParseResult, Schema } from "effect"

/** One thing wrong with an input, with where it is: a JSON path like `rules.prio3.handling` or `areas[2].id`. */
export interface InputIssue {
  readonly path: string
  readonly message: string
}

export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`, "")

export const issuesOf = (error: ParseResult.ParseError): ReadonlyArray<InputIssue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((i) => ({ path: formatPath(i.path), message: i.message }))

export type Decoded<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly issues: ReadonlyArray<InputIssue> }

/** Decodes with every error collected, never throwing. */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
  return (input: unknown): Decoded<A> => {
    const result = decode(input)
    return Either.isRight(result) ? { ok: true, value: result.right } : { ok: false, issues: issuesOf(result.left) }
  }
}

/** "scenario.yaml: at rules.prio3.handling: Expected ..." lines, one per issue. */
export const describeIssues = (source: string, issues: ReadonlyArray<InputIssue>): string =>
  issues.map((i) => `${source}: ${i.path === "" ? "" : `at ${i.path}: `}${i.message}`).join("\n")
