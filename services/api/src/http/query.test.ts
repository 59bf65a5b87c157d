import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { queryCoercion } from "./server.js"

describe("queryCoercion", () => {
  it("turns query text into the numbers and comma-separated lists a schema wants on the wire", () => {
    const coerce = queryCoercion(
      Schema.Struct({
        version: Schema.optionalKey(Schema.Number),
        areas: Schema.optionalKey(Schema.Array(Schema.String)),
        prios: Schema.optionalKey(Schema.Array(Schema.Literals([1, 2, 3]))),
        limit: Schema.optionalKey(Schema.NumberFromString),
        name: Schema.optionalKey(Schema.String)
      })
    )
    expect(coerce({ version: "2", areas: "a,b", prios: "1,3", limit: "10", name: "7" })).toEqual({
      version: 2,
      areas: ["a", "b"],
      prios: [1, 3],
      limit: "10",
      name: "7"
    })
    // Text that is no number stays text, so the schema reports it with its path.
    expect(coerce({ version: "two", prios: "x" })).toEqual({ version: "two", prios: ["x"] })
  })
})
