import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { about } from "./expected-size.js"

describe("the expected size's numbers", () => {
  it("are grouped in thousands as en-US writes them", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), (n) => {
        const rounded = Math.round(n)
        fc.pre(!Object.is(rounded, -0))
        expect(about(n)).toBe(rounded.toLocaleString("en-US"))
      }),
      { numRuns: 2000 }
    )
    expect([0, 999, 1000, 999_999, 1_000_000, -1234].map(about)).toEqual([
      "0",
      "999",
      "1,000",
      "999,999",
      "1,000,000",
      "-1,234"
    ])
  })
})
