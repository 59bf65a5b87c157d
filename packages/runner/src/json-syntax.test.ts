import { describe, expect, it } from "vitest"
import { findJsonSyntaxError, lineColumn } from "./json-syntax.js"

describe("findJsonSyntaxError", () => {
  it("accepts what JSON.parse accepts", () => {
    for (const text of [`{"a":[1,2.5e3,-0,"x\\"y"],"b":{"c":null,"d":true}}`, ` [ ] `, `"s"`, `12`]) {
      expect(() => JSON.parse(text)).not.toThrow()
      expect(findJsonSyntaxError(text)).toBeUndefined()
    }
  })

  it("points at the first offending character", () => {
    expect(findJsonSyntaxError(`{"a": 1 "b": 2}`)).toEqual({
      offset: 8,
      message: "expected ',' or '}' after a property value, found '\"'"
    })
    expect(findJsonSyntaxError(`{"a": }`)).toEqual({ offset: 6, message: "expected a value, found '}'" })
    expect(findJsonSyntaxError(`{"a": 1}}`)?.offset).toBe(8)
    expect(findJsonSyntaxError(`{"a": "x`)?.message).toBe("unterminated string")
    expect(findJsonSyntaxError(`{a: 1}`)?.message).toMatch(/property name in double quotes/)
  })

  it("converts offsets to lines and columns", () => {
    expect(lineColumn("ab\ncd\nef", 7)).toEqual({ line: 3, column: 2 })
  })
})
