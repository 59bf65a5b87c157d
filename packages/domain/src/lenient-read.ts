/** Reading a scenario that may not decode: any value, parts missing or malformed. */
export const isRecord = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x)
export const items = (x: unknown): ReadonlyArray<unknown> => (Array.isArray(x) ? x : [])
export const field = (x: unknown, key: string): unknown => (isRecord(x) ? x[key] : undefined)

/** Calls `repeated(i, first, key)` for each element whose key (a string; others are skipped) an earlier element had. */
export const forEachRepeat = (
  list: unknown,
  keyOf: (x: unknown) => unknown,
  repeated: (i: number, first: number, key: string) => void
): void => {
  const seen = new Map<string, number>()
  items(list).forEach((x, i) => {
    const key = keyOf(x)
    if (typeof key !== "string") return
    const first = seen.get(key)
    if (first === undefined) seen.set(key, i)
    else repeated(i, first, key)
  })
}
