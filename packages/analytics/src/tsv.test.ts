import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nastyString, wellFormedString } from "./literal-arbitraries.test-util.js"
import { tsvDateTime, tsvString } from "./tsv.js"

/** ClickHouse's TabSeparated reading of one row: fields end at a raw tab, the row at a raw newline; `\x` escapes. */
const readRow = (text: string): Array<string> => {
  const unescaped: Record<string, string> = {
    b: "\b",
    f: "\f",
    r: "\r",
    n: "\n",
    t: "\t",
    "0": "\0",
    "'": "'",
    "\\": "\\"
  }
  const fields: Array<string> = []
  let field = ""
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "\n") throw new Error(`row ended early at ${i}`)
    if (c === "\t") {
      fields.push(field)
      field = ""
      continue
    }
    if (c === "\\") {
      const e = text[++i]!
      field += unescaped[e] ?? `\\${e}`
      continue
    }
    field += c
  }
  fields.push(field)
  return fields
}

describe("tsvString", () => {
  it("keeps any string inside its own field: it reads back unchanged, and its neighbours with it", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(wellFormedString, nastyString), { minLength: 1, maxLength: 5 }), (fields) => {
        expect(readRow(fields.map(tsvString).join("\t"))).toEqual(fields)
      }),
      { numRuns: 3000 }
    )
  })

  it("returns text without special characters as it is", () => {
    expect(tsvString('{"area":"lpo1","t":5}')).toBe('{"area":"lpo1","t":5}')
    expect(tsvString("a\\b\tc\nd")).toBe("a\\\\b\\tc\\nd")
  })
})

describe("tsvDateTime", () => {
  it("writes exactly ten digits for every second ClickHouse's DateTime holds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (s) => {
        const text = tsvDateTime(s)
        expect(text).toMatch(/^\d{10}$/)
        expect(Number(text)).toBe(s)
      })
    )
  })

  it("refuses what DateTime cannot hold instead of writing a wrong time", () => {
    for (const bad of [-1, 0.5, 2 ** 32, Number.NaN]) expect(() => tsvDateTime(bad)).toThrow(RangeError)
  })
})
