import { formatLiteral, type SqlValue } from "./literal.js"

/** SQL text that is trusted: written in this package, never derived from a user's input. */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/**
 * Tagged template for queries. Interpolated `Sql` fragments (identifiers from the fixed lists,
 * nested `sql` templates) are inserted as they are; every other value goes through formatLiteral.
 */
export const sql = (strings: TemplateStringsArray, ...values: ReadonlyArray<Sql | SqlValue>): Sql => {
  let text = strings[0]!
  values.forEach((v, i) => {
    text = adjoin(adjoin(text, v instanceof Sql ? v.text : formatLiteral(v)), strings[i + 1]!)
  })
  return new Sql(text)
}

export const joinSql = (parts: ReadonlyArray<Sql>, separator: string): Sql =>
  new Sql(parts.reduce((text, p, i) => adjoin(i === 0 ? text : adjoin(text, separator), p.text), ""))

/**
 * Two pieces of SQL text one after the other, with a space between them where their meeting would open a
 * comment: `5 -` and `-3` would make `5 --3`, the rest of the line a comment in ClickHouse.
 */
const adjoin = (left: string, right: string): string =>
  (left.endsWith("-") && right.startsWith("-")) || (left.endsWith("/") && right.startsWith("*"))
    ? `${left} ${right}`
    : left + right

/** `AND`-joined conditions, or `1` when there are none. */
export const and = (conditions: ReadonlyArray<Sql>): Sql =>
  conditions.length === 0 ? new Sql("1") : new Sql(conditions.map((c) => `(${c.text})`).join(" AND "))

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** The database name comes from configuration, not from a request; still, only plain identifiers pass. */
export const databaseIdent = (name: string): Sql => {
  if (!DATABASE_NAME.test(name))
    throw new Error(`"${name}" is not a valid ClickHouse database name (letters, digits, underscore)`)
  return new Sql(name)
}

/**
 * `column IN (v1, v2, …)`, every value a formatted literal; `0` for an empty list. Unlike `has([…], column)`,
 * an IN list lets ClickHouse (18.16 too) use the primary key to skip granules.
 */
export const inList = (column: Sql, values: ReadonlyArray<SqlValue>): Sql =>
  values.length === 0 ? new Sql("0") : new Sql(`${column.text} IN (${values.map(formatLiteral).join(", ")})`)
