import { parsePath } from "@igv/runner"

/** A path that leads through a list element the value does not have (e.g. `rules.reserve[0]` of an empty reserve). */
export class PathAbsent extends Error {
  override readonly name = "PathAbsent"
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * A copy of `value` with the JSON path (`rules.prio3.deferLimitMinutes`, `rules.reserve[0].patrols`) set:
 * missing object fields are created, missing list elements are not (PathAbsent).
 */
export const setAt = (value: unknown, path: string, newValue: unknown): unknown => {
  const keys = parsePath(path)
  if (keys.length === 0) throw new RangeError(`"${path}" is no path`)
  const go = (node: unknown, i: number): unknown => {
    if (i === keys.length) return newValue
    const key = keys[i]!
    if (typeof key === "number") {
      if (!Array.isArray(node) || key >= node.length) throw new PathAbsent(`${path}: no element ${key} here`)
      const copy = [...node]
      copy[key] = go(node[key], i + 1)
      return copy
    }
    const record = isRecord(node) ? node : {}
    return { ...record, [key]: go(record[key], i + 1) }
  }
  return go(value, 0)
}

/** The value at a JSON path, or undefined where the path leads nowhere. */
export const getAt = (value: unknown, path: string): unknown =>
  parsePath(path).reduce<unknown>(
    (node, key) =>
      typeof node === "object" && node !== null ? (node as Record<string | number, unknown>)[key] : undefined,
    value
  )

/**
 * A copy of `value` without the object field at the JSON path (`value` itself where there is no such field);
 * undefined for a path that ends in a list element.
 */
export const withoutAt = (value: unknown, path: string): unknown => {
  const keys = parsePath(path)
  const field = keys[keys.length - 1]
  if (typeof field !== "string") return undefined
  const parentPath = keys
    .slice(0, -1)
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join("")
  const parent = parentPath === "" ? value : getAt(value, parentPath)
  if (!isRecord(parent) || !(field in parent)) return value
  const { [field]: _left, ...rest } = parent
  return parentPath === "" ? rest : setAt(value, parentPath, rest)
}
