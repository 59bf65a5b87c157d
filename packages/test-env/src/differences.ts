/** How far apart two numbers may be: by at most `absolute`, or by `relative` times the first (at least 1). */
export type Tolerance = { readonly absolute: number } | { readonly relative: number }

const within = (a: number, b: number, tolerance: Tolerance): boolean =>
  Math.abs(a - b) <= ("absolute" in tolerance ? tolerance.absolute : tolerance.relative * Math.max(1, Math.abs(a)))

/**
 * The paths at which two JSON-like values (reports, mostly) differ: numbers by more than `tolerance`, anything else
 * at all. Empty when they agree, so a failing test names every figure that moved.
 */
export const differences = (a: unknown, b: unknown, tolerance: Tolerance, path = ""): Array<string> => {
  if (typeof a === "number" && typeof b === "number") return within(a, b, tolerance) ? [] : [`${path}: ${a} vs ${b}`]
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b) ? [] : [`${path}: ${String(a)} vs ${String(b)}`]
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tolerance, `${path}.${k}`)
  )
}

/** Events at the precision the feed's wire carries (formatInstant writes milliseconds; `t` is in minutes). */
export const toMilliseconds = <E extends { readonly t: number }>(events: ReadonlyArray<E>): Array<E> =>
  events.map((e) => ({ ...e, t: Math.round(e.t * 60_000) / 60_000 }))
