import { basename, dirname } from "node:path"
import { describe, expect, it } from "vitest"
import { temporaryBeside } from "./temporary-file.js"

describe("a temporary file beside another", () => {
  it("is hidden in the same folder, named after the file, and never named twice", () => {
    const names = Array.from({ length: 1000 }, () => temporaryBeside("/data/out/report.json"))
    for (const name of names) {
      expect(dirname(name)).toBe("/data/out")
      expect(basename(name)).toMatch(/^\.report\.json\.\d+\.\d+\.[0-9a-z]+\.\d+\.tmp$/)
    }
    expect(new Set(names).size).toBe(names.length)
  })
})
