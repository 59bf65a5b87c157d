import { Schema } from "effect"
import { isAlias, isMap, isScalar, isSeq, type Document } from "yaml"
import { formatPath, type InputIssue } from "@igv/domain"

/** A number as written in a JSON or YAML text, where it is. */
export interface NumberLiteral {
  readonly path: ReadonlyArray<string | number>
  readonly source: string
  readonly value: number
}

/** Every number scalar of a parsed document (JSON parsed as YAML too), with its JSON path and its text. */
export const numberLiterals = (doc: Document): Array<NumberLiteral> => {
  const out: Array<NumberLiteral> = []
  const visit = (node: unknown, path: ReadonlyArray<string | number>): void => {
    // An alias names a scalar written elsewhere; it is checked here too, where it is used.
    const target = isAlias(node) ? node.resolve(doc) : node
    if (isScalar(target)) {
      if (typeof target.value === "number")
        out.push({ path, source: target.source ?? String(target.value), value: target.value })
    } else if (isMap(node)) {
      for (const pair of node.items)
        visit(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)])
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]))
    }
  }
  visit(doc.contents, [])
  return out
}

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const WHOLE = /^-?(?:0|[1-9]\d*)$/
const excerpt = (text: string) => JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text)

/**
 * Numbers must be numbers as a person reads them: decimal digits (no 0x10, 012, +1 or .inf), finite (1e999 is
 * Infinity), and where the schema means a whole number (a priority, a count of patrols) digits only, as 1e0 or
 * 1.0 read as 1 only by accident.
 */
export const numberIssues = (
  literals: ReadonlyArray<NumberLiteral>,
  integerAt: (path: ReadonlyArray<string | number>, value: number) => boolean
): Array<InputIssue> =>
  literals.flatMap(({ path, source, value }) => {
    // The path is written out only for a number with an issue: a scenario has hundreds of good ones.
    const issue = (message: string) => [{ path: formatPath(path), message }]
    if (!DECIMAL.test(source))
      return issue(`a number must be written in decimal digits (such as 16 or 2.5), not ${excerpt(source)}`)
    if (!Number.isFinite(value)) return issue(`${excerpt(source)} is too large to be a number`)
    if (!WHOLE.test(source) && integerAt(path, value))
      return issue(`a whole number must be written in digits without a fraction or exponent, not ${excerpt(source)}`)
    return []
  })

type Json = { readonly [key: string]: unknown }

/**
 * Whether the schema wants a whole number at a path (an integer, or a choice of whole numbers such as a
 * priority), read from its JSON Schema: properties, array items, $refs and every branch of a union.
 */
export const integerPaths = (schema: Schema.Constraint): ((path: ReadonlyArray<string | number>) => boolean) => {
  const document = Schema.toJsonSchemaDocument(schema)
  const root = document.schema as Json
  const defs = document.definitions as Record<string, Json>
  const deref = (s: Json): Json => {
    const ref = s["$ref"]
    return typeof ref === "string" && ref.startsWith("#/$defs/") ? deref(defs[ref.slice("#/$defs/".length)] ?? {}) : s
  }
  const branches = (s: Json): Array<Json> => {
    const d = deref(s)
    const alternatives = [
      ...((d["anyOf"] as Array<Json> | undefined) ?? []),
      ...((d["oneOf"] as Array<Json> | undefined) ?? []),
      ...((d["allOf"] as Array<Json> | undefined) ?? [])
    ]
    return alternatives.length === 0 ? [d] : alternatives.flatMap(branches)
  }
  const isInteger = (s: Json): boolean => {
    const values = s["enum"] as ReadonlyArray<unknown> | undefined
    return (
      s["type"] === "integer" ||
      (Array.isArray(values) && values.length > 0 && values.every((v) => Number.isInteger(v)))
    )
  }
  const at = (s: Json, path: ReadonlyArray<string | number>): boolean =>
    branches(s).some((b) => {
      if (path.length === 0) return isInteger(b)
      const [key, ...rest] = path
      if (typeof key === "number") {
        const items = (b["items"] ?? (b["prefixItems"] as Array<Json> | undefined)?.[key]) as Json | undefined
        return items !== undefined && at(items, rest)
      }
      const property = (b["properties"] as Record<string, Json> | undefined)?.[key!]
      return property !== undefined && Object.hasOwn(b["properties"] as object, key!) && at(property, rest)
    })
  return (path) => at(root, path)
}
