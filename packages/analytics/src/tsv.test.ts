import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { tsvField, tsvLine, tsvUnescape } from "./tsv.js"

describe("TSV fields", () => {
  it("any text reads back unchanged and never contains a raw tab or line break", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.stringMatching(/^[\\\t\n\r\0a]{0,30}$/)), (s) => {
      const f = tsvField(s)
      expect(/[\t\n\r\0]/.test(f)).toBe(false)
      expect(tsvUnescape(f)).toBe(s)
    }), { numRuns: 3000 })
  })

  it("a line has one field per value", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.integer()), { minLength: 1, maxLength: 8 }), (values) => {
      const line = tsvLine(values)
      expect(line.endsWith("\n")).toBe(true)
      const fields = line.slice(0, -1).split("\t")
      expect(fields.map(tsvUnescape)).toEqual(values.map(String))
    }))
    expect(() => tsvLine([Number.NaN])).toThrow(RangeError)
  })
})
