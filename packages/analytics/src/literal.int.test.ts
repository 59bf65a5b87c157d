import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { selectRows, type Analytics } from "./client.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { CalendarDate, formatLiteral } from "./literal.js"
import { normalDouble } from "./literal-arbitraries.test-util.js"
import { sql } from "./sql.js"

describe("formatLiteral against the real server", () => {
  let a: Analytics
  beforeAll(async () => {
    a = await freshAnalytics("literal")
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  it("any string comes back from the server unchanged, as exactly one column", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 80 }),
          fc.stringMatching(/^[\\'"`;\n\r\t\x00-\x1f\x7f -]{0,40}$/)
        ),
        async (s) => {
          const rows = await selectRows<Record<string, unknown>>(a, sql`SELECT ${s} AS v, 7 AS after`)
          expect(rows).toEqual([{ v: s, after: 7 }])
        }
      ),
      { numRuns: 300 }
    )
  })

  it("numbers, dates and arrays read back as the same values", async () => {
    await fc.assert(
      fc.asyncProperty(
        normalDouble,
        fc.date({ min: new Date(0), max: new Date((2 ** 32 - 1) * 1000), noInvalidDate: true }),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        async (n, d, arr, big) => {
          const rows = await selectRows<{ n: number; s: string; arr: Array<string>; big: string }>(
            a,
            sql`SELECT ${n} AS n, toUnixTimestamp(${d}) AS s, ${arr} AS arr, toString(${big}) AS big`
          )
          // Whole numbers are integer literals (Int64 arrives as a JSON string); the value must match exactly.
          expect(Number(rows[0]!.n)).toBe(Object.is(n, -0) ? 0 : n)
          expect(Number(rows[0]!.s)).toBe(Math.floor(d.getTime() / 1000))
          expect(rows[0]!.arr).toEqual(arr)
          expect(BigInt(rows[0]!.big)).toBe(big)
        }
      ),
      { numRuns: 200 }
    )
  })

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the name quotes the sql`` template it tests
  it("a value after a minus is subtracted, never turned into a comment (5 -${-3} is 8, not 5 --3)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(normalDouble, fc.integer({ min: -1_000_000, max: 1_000_000 })), async (n) => {
        const rows = await selectRows<{ v: number; after: number }>(a, sql`SELECT 5 -${n} AS v, 7 AS after`)
        expect(rows).toHaveLength(1)
        expect(Number(rows[0]!.v)).toBe(5 - (Object.is(n, -0) ? 0 : n))
        expect(rows[0]!.after).toBe(7)
      }),
      { numRuns: 200 }
    )
  })

  it("calendar dates and NULL", async () => {
    const rows = await selectRows<{ d: string; n: null }>(
      a,
      sql`SELECT toString(${new CalendarDate("2024-02-29")}) AS d, ${null} AS n`
    )
    expect(rows).toEqual([{ d: "2024-02-29", n: null }])
    expect(formatLiteral(true)).toBe("1")
  })
})
