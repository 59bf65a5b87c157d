import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nastyString, sqlValue, wellFormedString } from "./literal-arbitraries.test-util.js"
import { parseLiteral } from "./literal-parser.test-util.js"
import { CalendarDate, formatLiteral, SqlValueError, type SqlValue } from "./literal.js"
import { inList, joinSql, Sql, sql } from "./sql.js"

/** What a value reads back as: booleans become 1/0, Dates lose their milliseconds, safe integers stay numbers. */
const expected = (v: SqlValue): unknown => {
  if (typeof v === "boolean") return v ? 1 : 0
  if (typeof v === "number") return Object.is(v, -0) ? 0 : v
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v
  if (v instanceof Date) return new Date(Math.floor(v.getTime() / 1000) * 1000)
  if (Array.isArray(v)) return v.map(expected)
  return v
}

describe("formatLiteral", () => {
  it("writes a literal that reads back as exactly the same value, consuming the whole text", () => {
    fc.assert(
      fc.property(sqlValue, (v) => {
        expect(parseLiteral(formatLiteral(v))).toEqual(expected(v))
      }),
      { numRuns: 3000 }
    )
  })

  it("keeps a string inside its quotes wherever it is placed in a query", () => {
    fc.assert(
      fc.property(fc.oneof(wellFormedString, nastyString), (s) => {
        const q = sql`SELECT * FROM t WHERE a = ${s} AND b = 1`.text
        const prefix = "SELECT * FROM t WHERE a = "
        const suffix = " AND b = 1"
        expect(q.startsWith(prefix) && q.endsWith(suffix)).toBe(true)
        expect(parseLiteral(q.slice(prefix.length, q.length - suffix.length))).toBe(s)
      }),
      { numRuns: 3000 }
    )
  })

  it("writes strings on one line with quotes and backslashes escaped", () => {
    expect(formatLiteral("it's")).toBe("'it\\'s'")
    expect(formatLiteral("a\\'; DROP TABLE x; --")).toBe("'a\\\\\\'; DROP TABLE x; --'")
    expect(formatLiteral("line\nnext\r\u0000")).toBe("'line\\x0anext\\x0d\\x00'")
    expect(formatLiteral("Söderort 😀")).toBe("'Söderort 😀'")
  })

  it("writes numbers, dates, arrays and NULL", () => {
    expect(formatLiteral(-0)).toBe("0")
    expect(formatLiteral(1e-7)).toBe("1e-7")
    expect(formatLiteral(31238214607417232)).toBe("3.123821460741723e+16")
    expect(formatLiteral(2n ** 64n - 1n)).toBe("18446744073709551615")
    expect(formatLiteral(new Date("2026-03-29T01:30:00.999Z"))).toBe("toDateTime(1774747800)")
    expect(formatLiteral(new CalendarDate("2024-02-29"))).toBe("toDate('2024-02-29')")
    expect(formatLiteral([1, "a", null, [true]])).toBe("[1, 'a', NULL, [1]]")
  })

  it("refuses values it cannot write faithfully", () => {
    for (const bad of [
      5e-324,
      -1e-310,
      Number.NaN,
      Infinity,
      -Infinity,
      2n ** 64n,
      -(2n ** 63n) - 1n,
      new Date(Number.NaN),
      new Date(-1000),
      "\uD800x"
    ]) {
      expect(() => formatLiteral(bad as SqlValue), String(bad)).toThrow(SqlValueError)
    }
    expect(() => new CalendarDate("2023-02-29")).toThrow(SqlValueError)
    expect(() => new CalendarDate("2023-1-2")).toThrow(SqlValueError)
    expect(() => formatLiteral({} as unknown as SqlValue)).toThrow(SqlValueError)
  })

  it("writes IN lists of literals only", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(wellFormedString, nastyString, fc.integer()), { maxLength: 6 }), (values) => {
        const text = inList(new Sql("area_id"), values).text
        if (values.length === 0) {
          expect(text).toBe("0")
        } else {
          expect(text.startsWith("area_id IN (") && text.endsWith(")")).toBe(true)
          // The list reads back as exactly these values: the same reader, on the list written as an array.
          expect(parseLiteral(`[${text.slice("area_id IN (".length, -1)}]`)).toEqual(values)
        }
      })
    )
  })

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the name quotes the sql`` template it tests
  it("never opens a comment where a value meets the query text around it (5 -${-3} is not 5 --3)", () => {
    expect(sql`SELECT 5 -${-3}`.text).toBe("SELECT 5 - -3")
    expect(sql`SELECT 5 -${-3n}-1`.text).toBe("SELECT 5 - -3-1")
    expect(sql`SELECT 8 /${new Sql("*x*/ 2")}`.text).toBe("SELECT 8 / *x*/ 2")
    const operators = fc.constantFrom("-", "- ", "/", "+", "*", "")
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(operators, fc.oneof(sqlValue, fc.constantFrom(-1, -0.5, -(2n ** 63n)), fc.constant(new Sql("-1")))),
          { maxLength: 6 }
        ),
        operators,
        (pieces, end) => {
          const strings = [...pieces.map(([op]) => `1 ${op}`), end]
          const text = sql(Object.assign(strings, { raw: strings }), ...pieces.map(([, v]) => v)).text
          // The only comment openers are those inside string literals (a value's own text).
          const outsideStrings = text.replace(/'(?:[^'\\]|\\.)*'/g, "''")
          expect(outsideStrings).not.toMatch(/--|\/\*/)
        }
      ),
      { numRuns: 3000 }
    )
    expect(joinSql([new Sql("1 -"), new Sql("-2")], "").text).toBe("1 - -2")
  })
})
