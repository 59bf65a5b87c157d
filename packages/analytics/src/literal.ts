/**
 * The one way a value reaches SQL text. ClickHouse 18.16 (Debian's) has no server-side query
 * parameters, so values are written as literals; everything here is built so that the output
 * is exactly one literal token group that cannot end early or smuggle SQL.
 */

/** A calendar date (ClickHouse `Date`), written as `toDate('YYYY-MM-DD')`. */
export class CalendarDate {
  readonly iso: string
  constructor(iso: string) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
    const ok =
      m !== null &&
      (() => {
        const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
        return (
          d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
        )
      })()
    if (!ok) throw new SqlValueError(`"${iso.slice(0, 20)}" is not a calendar date YYYY-MM-DD`)
    const year = Number(m![1])
    if (year < 1970 || year > 2105)
      throw new SqlValueError(`date ${iso} is outside ClickHouse's Date range (1970–2105)`)
    this.iso = iso
  }
}

export type SqlValue = string | number | bigint | boolean | null | Date | CalendarDate | ReadonlyArray<SqlValue>

export class SqlValueError extends Error {
  override readonly name = "SqlValueError"
}

const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n
/** ClickHouse `DateTime` is an unsigned 32-bit count of seconds. */
const DATETIME_MAX_SECONDS = 2 ** 32 - 1

/** With the u flag, a surrogate code unit only matches when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

const MIN_NORMAL = 2.2250738585072014e-308

const hex2 = (code: number) => code.toString(16).padStart(2, "0")

/**
 * Single-quoted string. Backslash and quote are escaped; every control character (and DEL) is
 * written as \xHH so the literal stays on one line and no byte has a second meaning.
 * Text with lone UTF-16 surrogates is refused: it cannot be encoded as UTF-8 and would silently change.
 */
export const formatString = (s: string): string => {
  if (LONE_SURROGATE.test(s))
    throw new SqlValueError("text contains a lone UTF-16 surrogate and cannot be stored faithfully")
  let out = "'"
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === "\\") out += "\\\\"
    else if (ch === "'") out += "\\'"
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex2(code)}`
    else out += ch
  }
  return out + "'"
}

export const formatNumber = (n: number): string => {
  if (!Number.isFinite(n)) throw new SqlValueError(`${n} is not a finite number`)
  if (Object.is(n, -0) || n === 0) return "0"
  // ClickHouse 18.16's lexer rejects subnormal doubles ("5e-324" is a syntax error there).
  if (Math.abs(n) < MIN_NORMAL)
    throw new SqlValueError(`${n} is a subnormal number, which ClickHouse 18.16 cannot read`)
  // A whole double beyond 2^53 in plain digits ("31238214607417230") would be read as an exact
  // 64-bit integer, not as this double; exponent form keeps it a Float64 with the same value.
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return n.toExponential()
  // Otherwise String() gives the shortest text that reads back as the same double: "12", "-0.5", "1e-7".
  return String(n)
}

export const formatBigInt = (n: bigint): string => {
  if (n < INT64_MIN || n > UINT64_MAX) throw new SqlValueError(`${n} is outside the 64-bit integer range`)
  return n.toString()
}

/** Instant to second resolution (fractions are dropped), as unix seconds so no time zone is involved. */
export const formatDateTime = (d: Date): string => {
  const ms = d.getTime()
  if (!Number.isFinite(ms)) throw new SqlValueError("invalid Date")
  const seconds = Math.floor(ms / 1000)
  if (seconds < 0 || seconds > DATETIME_MAX_SECONDS)
    throw new SqlValueError(`${d.toISOString()} is outside ClickHouse's DateTime range`)
  return `toDateTime(${seconds})`
}

export const formatLiteral = (v: SqlValue): string => {
  if (v === null) return "NULL"
  switch (typeof v) {
    case "string":
      return formatString(v)
    case "number":
      return formatNumber(v)
    case "bigint":
      return formatBigInt(v)
    case "boolean":
      return v ? "1" : "0"
  }
  if (v instanceof Date) return formatDateTime(v)
  if (v instanceof CalendarDate) return `toDate('${v.iso}')`
  if (Array.isArray(v)) return `[${v.map(formatLiteral).join(", ")}]`
  throw new SqlValueError(`unsupported value of type ${Object.prototype.toString.call(v)}`)
}
