import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Scenario } from "@igv/domain"
import { integerPaths } from "./number-literals.js"

type Json = { readonly [key: string]: unknown }

/** Every path of the schema (array items as 0) where some branch wants a whole number and another takes any number. */
const mixedPaths = (schema: Schema.Constraint): Array<string> => {
  const document = Schema.toJsonSchemaDocument(schema)
  const defs = document.definitions as Record<string, Json>
  const deref = (s: Json): Json => {
    const ref = s["$ref"]
    return typeof ref === "string" ? deref(defs[ref.slice("#/$defs/".length)] ?? {}) : s
  }
  const branches = (s: Json): Array<Json> => {
    const d = deref(s)
    const alternatives = ["anyOf", "oneOf", "allOf"].flatMap((k) => (d[k] as Array<Json> | undefined) ?? [])
    return alternatives.length === 0 ? [d] : alternatives.flatMap(branches)
  }
  const enumOf = (s: Json) => s["enum"] as ReadonlyArray<unknown> | undefined
  const whole = (s: Json) =>
    s["type"] === "integer" || ((enumOf(s)?.length ?? 0) > 0 && enumOf(s)!.every((v) => Number.isInteger(v)))
  const anyNumber = (s: Json) =>
    (s["type"] === "number" && enumOf(s) === undefined) ||
    (enumOf(s) ?? []).some((v) => typeof v === "number" && !Number.isInteger(v))
  const found: Array<string> = []
  const visited = new Set<Json>()
  const walk = (s: Json, path: string): void => {
    const all = branches(s)
    if (all.some(whole) && all.some(anyNumber)) found.push(path)
    const properties = new Map<string, Array<Json>>()
    for (const b of all) {
      for (const [k, v] of Object.entries((b["properties"] as Record<string, Json> | undefined) ?? {}))
        properties.set(k, [...(properties.get(k) ?? []), v])
      const items = [b["items"], ...((b["prefixItems"] as Array<Json> | undefined) ?? [])]
      for (const item of items)
        if (item !== undefined && !visited.has(item as Json)) {
          visited.add(item as Json)
          walk(item as Json, `${path}[0]`)
        }
    }
    for (const [k, vs] of properties) {
      const merged = { anyOf: vs }
      walk(merged, `${path}.${k}`)
    }
  }
  walk(document.schema as Json, "")
  return found
}

describe("whole numbers in a scenario", () => {
  it("no path of a scenario takes both whole and other numbers, so a scenario the schema took has no fraction where a whole number is meant", () => {
    expect(mixedPaths(Scenario)).toEqual([])
  })

  it("the check finds such a path", () => {
    const Mixed = Schema.Struct({ a: Schema.Struct({ n: Schema.Union([Schema.Int, Schema.Number]) }) })
    expect(mixedPaths(Mixed)).toEqual([".a.n"])
  })

  it("reads whole numbers from the schema: counts and priorities, not minutes or rates", () => {
    const integerAt = integerPaths(Scenario)
    expect(integerAt(["dimensioning", 0, "patrols"])).toBe(true)
    expect(integerAt(["demand", "synthetic", 3, "prio"])).toBe(true)
    expect(integerAt(["demand", "synthetic", 3, "perDay"])).toBe(false)
    expect(integerAt(["plannedBlocks", 0, "durationMinutes"])).toBe(false)
  })
})
