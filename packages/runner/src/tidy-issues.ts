import type { InputIssue } from "@igv/domain"

const EXPECTED = /^Expected (.+), actual (.+)$/s
/** A value quoted back in a message is cut: the input it came from may be a whole file. */
const EXCERPT_CHARS = 40
const excerpt = (actual: string): string => {
  // Control characters are escaped: a value from a binary file would otherwise reach the terminal as is.
  const shown = actual
    .slice(0, EXCERPT_CHARS)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
  return actual.length > EXCERPT_CHARS ? `${shown}… (${actual.length} characters)` : shown
}

/**
 * Schema's raw issues, made readable: the alternatives of a union (`Expected 1, actual 5` three
 * times) become one issue listing them, and the `Expected undefined` that an optional field adds
 * beside the real problem inside it is dropped.
 */
export const tidyIssues = <I extends InputIssue>(
  issues: ReadonlyArray<I>,
  options: { readonly quoteValues?: boolean } = {}
): Array<I> => {
  const deeper = (path: string) =>
    issues.some((o) => o.path !== path && (o.path.startsWith(`${path}.`) || o.path.startsWith(`${path}[`)))
  const out: Array<I> = []
  const merged = new Map<string, { issue: I; expected: Array<string>; actual: string }>()
  for (const issue of issues) {
    const m = EXPECTED.exec(issue.message)
    if (m !== null && m[1] === "undefined" && deeper(issue.path)) continue
    if (m === null) {
      out.push(issue)
      continue
    }
    const key = `${issue.path}\u0000${m[2]}`
    const seen = merged.get(key)
    if (seen === undefined) {
      const entry = { issue: { ...issue }, expected: [m[1]!], actual: m[2]! }
      merged.set(key, entry)
      out.push(entry.issue)
    } else if (!seen.expected.includes(m[1]!)) seen.expected.push(m[1]!)
  }
  for (const { issue, expected: all, actual } of merged.values()) {
    // "or undefined" is how effect says a field is optional; the reader needs the kinds of value that are taken.
    const expected = all.length > 1 ? all.filter((e) => e !== "undefined") : all
    if (expected.length === 1 && expected[0] === "undefined") {
      ;(issue as { message: string }).message = "must be left out here"
      continue
    }
    const list =
      expected.length === 1 ? expected[0]! : `${expected.slice(0, -1).join(", ")} or ${expected[expected.length - 1]}`
    ;(issue as { message: string }).message =
      options.quoteValues === false ? `expected ${list}` : `expected ${list}, got ${excerpt(actual)}`
  }
  return out
}
