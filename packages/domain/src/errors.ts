import { Result, Schema, SchemaAST, type SchemaIssue } from "effect"

/** One thing wrong with an input, with where it is: a JSON path like `rules.prio3.handling` or `areas[2].id`. */
export interface InputIssue {
  readonly path: string
  readonly message: string
}

export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )

/** A value as the messages quote it: strings in JSON quotes, numbers as written (Infinity included). */
const formatActual = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "bigint") return `${value}n`
  if (typeof value !== "object" || value === null) return String(value)
  try {
    const marker = "\u0000number:"
    const json = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === "number" && !Number.isFinite(v) ? `${marker}${v}` : v
    )
    return json.replace(new RegExp(`"${marker}(-?Infinity|NaN)"`, "g"), "$1")
  } catch {
    return String(value)
  }
}

const expectedOf = (ast: SchemaAST.AST): string => {
  const identifier = ast.annotations?.["identifier"]
  if (typeof identifier === "string") return identifier
  if (SchemaAST.isLiteral(ast))
    return typeof ast.literal === "string" ? JSON.stringify(ast.literal) : String(ast.literal)
  if (SchemaAST.isUnion(ast)) return ast.types.map(expectedOf).join(" | ")
  if (SchemaAST.isArrays(ast)) return "array"
  if (SchemaAST.isObjects(ast)) return "object"
  if (SchemaAST.isSuspend(ast)) return expectedOf(ast.thunk())
  return ast._tag.toLowerCase()
}

/** The key whose literal value tells a union's members apart (`_tag`), when every member is a struct that has one. */
const discriminator = (members: ReadonlyArray<SchemaAST.AST>): PropertyKey | undefined => {
  const [first] = members
  if (first === undefined || !SchemaAST.isObjects(first)) return undefined
  return first.propertySignatures.find(
    (p) =>
      SchemaAST.isLiteral(p.type) &&
      members.every(
        (m) =>
          SchemaAST.isObjects(m) && m.propertySignatures.some((q) => q.name === p.name && SchemaAST.isLiteral(q.type))
      )
  )?.name
}

const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const tagOf =
  (tag: PropertyKey) =>
  (member: SchemaAST.AST): string => {
    const p = SchemaAST.isObjects(member) ? member.propertySignatures.find((q) => q.name === tag) : undefined
    return p === undefined ? expectedOf(member) : expectedOf(p.type)
  }

const expected = (what: string, input: unknown): string => `Expected ${what}, actual ${formatActual(input)}`

const message = (annotations: { readonly [k: string]: unknown } | undefined): string | undefined => {
  const m = annotations?.["message"]
  return typeof m === "string" ? m : undefined
}

/**
 * A schema issue as one `{path, message}` per problem, in the wording the project's messages have always had:
 * "is missing", "is unexpected" (or `unexpected(key)`'s words), "Expected <what>, actual <value>", or a check's or
 * schema's own message, each path under `at`, written by `pathText` (`formatPath` unless told). A failed union
 * of literals names each literal in turn ("Expected 1, actual 5", "Expected 2, …"), which tidyIssues in
 * @igv/runner folds into one "expected 1, 2 or 3".
 */
export interface IssueOptions {
  readonly at?: ReadonlyArray<PropertyKey>
  readonly unexpected?: (key: PropertyKey | undefined) => string
  readonly pathText?: (path: ReadonlyArray<PropertyKey>) => string
}

export const issuesOf = (issue: SchemaIssue.Issue, options: IssueOptions = {}): ReadonlyArray<InputIssue> => {
  const out: Array<InputIssue> = []
  const pathText = options.pathText ?? formatPath
  const walk = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>, override: string | undefined): void => {
    const push = (m: string): void => {
      out.push({ path: pathText(path), message: override ?? m })
    }
    switch (issue._tag) {
      case "Pointer":
        walk(issue.issue, [...path, ...issue.path], override)
        break
      case "Encoding":
        walk(issue.issue, path, override)
        break
      case "Composite":
        // A list that needs an entry, given none: said of the list, not as its first entry "missing".
        if (
          SchemaAST.isArrays(issue.ast) &&
          issue.ast.elements.length > 0 &&
          Array.isArray(issue.input) &&
          issue.input.length === 0
        ) {
          push("is empty: give at least one")
          break
        }
        issue.issues.forEach((i) => walk(i, path, override))
        break
      case "Filter": {
        const own =
          message(issue.filter.annotations) ??
          (issue.issue._tag === "InvalidValue" ? message(issue.issue.annotations) : undefined)
        const what = issue.filter.annotations?.expected
        walk(issue.issue, path, override ?? own ?? (typeof what === "string" ? expected(what, issue.input) : undefined))
        return
      }
      case "AnyOf": {
        if (issue.issues.length > 0) {
          issue.issues.forEach((i) => walk(i, path, override))
          return
        }
        // A union with its own message (a kind of calendar event) says it once, not member by member.
        const own = override ?? message(issue.ast.annotations)
        if (own !== undefined) {
          push(own)
          return
        }
        const members = issue.ast.types
        // A tagged union names its tag: what is missing or which tags there are.
        const tag = discriminator(members)
        if (tag !== undefined && isRecord(issue.input)) {
          const at = pathText([...path, tag])
          const value = issue.input[tag]
          out.push({
            path: at,
            message: value === undefined ? "is missing" : expected(members.map(tagOf(tag)).join(" | "), value)
          })
          return
        }
        // Otherwise each kind of member in turn ("Expected 1, actual 5", "Expected 2, …"), as they always were.
        for (const m of new Set(members.map(expectedOf))) push(expected(m, issue.input))
        return
      }
      case "MissingKey":
        push("is missing")
        break
      case "UnexpectedKey":
        push(options.unexpected?.(path.at(-1)) ?? "is unexpected")
        break
      case "InvalidType":
        push(message(issue.ast.annotations) ?? expected(expectedOf(issue.ast), issue.input))
        break
      case "InvalidValue":
        push(message(issue.annotations) ?? `Invalid value ${formatActual(issue.input)}`)
        break
      case "Forbidden":
        push(message(issue.annotations) ?? "is forbidden")
        break
      case "OneOf":
        push(expected(`exactly one of ${expectedOf(issue.ast)}`, issue.input))
        break
    }
  }
  walk(issue, options.at ?? [], undefined)
  return out
}

/** A key the schema does not declare, where it is, and the keys declared there. */
export interface UnknownKey {
  readonly path: ReadonlyArray<PropertyKey>
  readonly known: ReadonlyArray<string>
}

/** The keys `schema` does not declare anywhere in `input` (every other problem left aside). */
export const unknownKeysOf = (schema: Schema.ConstraintDecoder<unknown>) => {
  const decode = Schema.decodeUnknownResult(schema, { errors: "all", onExcessProperty: "error" })
  return (input: unknown): ReadonlyArray<UnknownKey> => {
    const result = decode(input)
    if (Result.isSuccess(result)) return []
    const out: Array<UnknownKey> = []
    const walk = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): void => {
      if (issue._tag === "Pointer") {
        walk(issue.issue, [...path, ...issue.path])
        return
      }
      if (issue._tag === "Composite" || issue._tag === "AnyOf") {
        issue.issues.forEach((i) => walk(i, path))
        return
      }
      if (issue._tag === "Filter" || issue._tag === "Encoding") {
        walk(issue.issue, path)
        return
      }
      if (issue._tag === "UnexpectedKey") {
        const known = SchemaAST.isObjects(issue.ast)
          ? issue.ast.propertySignatures.map((p) => JSON.stringify(String(p.name)))
          : []
        out.push({ path, known })
      }
    }
    walk(result.failure.issue, [])
    return out
  }
}

/**
 * The one result of every pure decoder and parser in the project: the value, or every issue found (an issue may
 * carry more, e.g. the runner's line numbers). Decoders never throw on bad input; the edges turn issues into what
 * their users see: the runner's file loaders into `ScenarioInvalid`/`FeedInvalid`, the CLI into exit 2, the API
 * into a 400.
 */
export type Decoded<A, I extends InputIssue = InputIssue> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly issues: ReadonlyArray<I> }

/** The issues' messages in one line, for an issue with no path worth naming (a time typed on the command line). */
export const issueMessages = (issues: ReadonlyArray<InputIssue>): string => issues.map((i) => i.message).join("; ")

/**
 * Decodes with every error collected, never throwing; keys the schema does not declare are dropped, or with
 * `onExcessProperty: "error"` each "is unexpected" (or `unexpected(key)`'s words). The issues are `issuesOf`'s.
 */
export const decodeWith = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  options: { readonly onExcessProperty?: "ignore" | "error" } & IssueOptions = {}
) => {
  const decode = Schema.decodeUnknownResult(schema, {
    errors: "all",
    onExcessProperty: options.onExcessProperty ?? "ignore",
    reportInput: true
  })
  return (input: unknown): Decoded<S["Type"]> => {
    const result = decode(input)
    return Result.isSuccess(result)
      ? { ok: true, value: result.success }
      : { ok: false, issues: issuesOf(result.failure.issue, options) }
  }
}

/** "scenario.yaml: at rules.prio3.handling: Expected ..." lines, one per issue. */
export const describeIssues = (source: string, issues: ReadonlyArray<InputIssue>): string =>
  issues.map((i) => `${source}: ${i.path === "" ? "" : `at ${i.path}: `}${i.message}`).join("\n")
