import { CalendarDate, type SqlValue } from "./literal.js"

/**
 * A strict reader for the subset of ClickHouse literal syntax that formatLiteral writes, following
 * ClickHouse's lexer rules (quoted strings with backslash escapes, numbers, NULL, arrays, toDate/toDateTime).
 * Used by the property tests: if a formatted value reads back as one literal consuming the whole text,
 * no input escaped its literal.
 */
export const parseLiteral = (text: string): SqlValue => {
  let i = 0
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i} in ${JSON.stringify(text.slice(0, 80))}`)
  }
  const ws = () => {
    while (text[i] === " ") i++
  }
  const expect = (s: string) => {
    if (!text.startsWith(s, i)) fail(`expected ${s}`)
    i += s.length
  }

  const str = (): string => {
    expect("'")
    let out = ""
    for (;;) {
      if (i >= text.length) fail("unterminated string")
      const c = text[i]!
      if (c === "'") {
        i++
        return out
      }
      if (c === "\\") {
        const e = text[i + 1]
        if (e === "\\" || e === "'") {
          out += e
          i += 2
        } else if (e === "x") {
          const h = text.slice(i + 2, i + 4)
          if (!/^[0-9a-f]{2}$/.test(h)) fail("bad \\x escape")
          out += String.fromCharCode(parseInt(h, 16))
          i += 4
        } else fail("escape the formatter never writes")
        continue
      }
      const code = c.charCodeAt(0)
      if (code < 0x20 || code === 0x7f) fail("raw control character inside a string")
      out += c
      i++
    }
  }

  const num = (): number | bigint => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/.exec(text.slice(i))
    if (m === null) fail("expected a number")
    i += m![0].length
    const t = m![0]
    if (/^-?\d+$/.test(t)) {
      const b = BigInt(t)
      return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : b
    }
    return Number(t)
  }

  const value = (): SqlValue => {
    ws()
    const c = text[i]
    if (c === "'") return str()
    if (c === "[") {
      i++
      const items: Array<SqlValue> = []
      ws()
      if (text[i] === "]") {
        i++
        return items
      }
      for (;;) {
        items.push(value())
        ws()
        if (text[i] === "]") {
          i++
          return items
        }
        expect(", ")
      }
    }
    if (text.startsWith("NULL", i)) {
      i += 4
      return null
    }
    if (text.startsWith("toDate('", i)) {
      i += "toDate(".length
      const iso = str()
      expect(")")
      return new CalendarDate(iso)
    }
    if (text.startsWith("toDateTime(", i)) {
      i += "toDateTime(".length
      const m = /^\d+/.exec(text.slice(i))
      if (m === null) fail("expected seconds")
      i += m![0].length
      expect(")")
      return new Date(Number(m![0]) * 1000)
    }
    return num()
  }

  const v = value()
  if (i !== text.length) fail("trailing text after the literal")
  return v
}
