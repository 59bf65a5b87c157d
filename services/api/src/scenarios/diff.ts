import { formatPath } from "@igv/domain"

export interface Change {
  readonly path: string
  readonly op: "added" | "removed" | "changed"
  readonly from?: unknown
  readonly to?: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Structural differences between two JSON values, leaf by leaf, with JSON paths (`rules.prio3.handling`). */
export const diffJson = (from: unknown, to: unknown, path: ReadonlyArray<PropertyKey> = []): Array<Change> => {
  if (Array.isArray(from) && Array.isArray(to)) {
    const out: Array<Change> = []
    for (let i = 0; i < Math.max(from.length, to.length); i++) {
      if (i >= to.length) out.push({ path: formatPath([...path, i]), op: "removed", from: from[i] })
      else if (i >= from.length) out.push({ path: formatPath([...path, i]), op: "added", to: to[i] })
      else out.push(...diffJson(from[i], to[i], [...path, i]))
    }
    return out
  }
  if (isObject(from) && isObject(to)) {
    const out: Array<Change> = []
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!(key in to)) out.push({ path: formatPath([...path, key]), op: "removed", from: from[key] })
      else if (!(key in from)) out.push({ path: formatPath([...path, key]), op: "added", to: to[key] })
      else out.push(...diffJson(from[key], to[key], [...path, key]))
    }
    return out
  }
  return Object.is(from, to) ? [] : [{ path: formatPath(path), op: "changed", from, to }]
}
