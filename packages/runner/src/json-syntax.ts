/**
 * Where a JSON text first goes wrong, for messages that name the line and column.
 * Only called after JSON.parse has failed: V8's own messages do not always give a position, and
 * some quote the input, which in a dispatch feed may be personal data.
 */
export interface JsonSyntaxError {
  readonly offset: number
  readonly message: string
}

/** A character named, never printed raw when it is a control character (the file may be binary). */
const describe = (c: string | undefined): string =>
  c === undefined
    ? "end of input"
    : /[\u0000-\u001f\u007f-\u009f]/.test(c)
      ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
      : `'${c}'`

export const findJsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  let i = 0
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++
  }
  const err = (message: string): JsonSyntaxError => ({ offset: i, message })
  /** An object or array from its opening bracket: items separated by commas up to the closing bracket. */
  const container = (
    close: "}" | "]",
    after: string,
    item: () => JsonSyntaxError | undefined
  ): JsonSyntaxError | undefined => {
    i++
    ws()
    if (text[i] === close) {
      i++
      return undefined
    }
    for (;;) {
      const e = item()
      if (e) return e
      ws()
      if (text[i] === ",") {
        i++
        continue
      }
      if (text[i] === close) {
        i++
        return undefined
      }
      return err(`expected ',' or '${close}' after ${after}, found ${describe(text[i])}`)
    }
  }
  const member = (): JsonSyntaxError | undefined => {
    ws()
    if (text[i] !== '"') return err(`expected a property name in double quotes, found ${describe(text[i])}`)
    const s = string()
    if (s) return s
    ws()
    if (text[i] !== ":") return err(`expected ':' after a property name, found ${describe(text[i])}`)
    i++
    return value()
  }
  const value = (): JsonSyntaxError | undefined => {
    ws()
    const c = text[i]
    if (c === "{") return container("}", "a property value", member)
    if (c === "[") return container("]", "an array element", value)
    if (c === '"') return string()
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400))
    if (literal !== null) {
      i += literal[0].length
      return undefined
    }
    return err(`expected a value, found ${describe(c)}`)
  }
  const string = (): JsonSyntaxError | undefined => {
    i++
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return undefined
      }
      if (c === "\\") {
        i += 2
        continue
      }
      if (c === "\n") return err("unterminated string")
      i++
    }
    return err("unterminated string")
  }
  const first = value()
  if (first) return first
  ws()
  return i < text.length ? err(`unexpected ${describe(text[i])} after the end of the JSON value`) : undefined
}

/** 1-based line and column of an offset. */
export const lineColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1,
    lineStart = 0
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++
      lineStart = k + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
