import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { formatUtc, parseInstant } from "./time.js"

/** The grammar as one regular expression, read with the plainest code: the reference the fast reader must match. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/
const reference = (text: string): number | undefined => {
  const m = ISO_WITH_OFFSET.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    string
  ]
  const month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined
  // Years 1970–9999 only: a year such as 0024 is refused, not read as 1924 (Date.UTC's two-digit years).
  if (Number(y) < 1970) return undefined
  const ms = Date.UTC(
    Number(y),
    month - 1,
    day,
    hour,
    minute,
    second,
    frac === undefined ? 0 : Number(`0.${frac}`) * 1000
  )
  const check = new Date(ms)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined
  const offset =
    zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)))
  if (zone !== "Z" && (Number(zone.slice(1, 3)) > 18 || Number(zone.slice(-2)) > 59)) return undefined
  return ms / 60_000 - offset
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))
const zones = fc.constantFrom(
  "Z",
  "z",
  "",
  "+",
  "-",
  "+0",
  "+01",
  "+01:0",
  "+0130",
  "-05:45",
  "+18:59",
  "+19:00",
  "-00:60",
  "+02:00x",
  "Z "
)
const separators = fc.constantFrom("T", " ", "t", "_")
const fractions = fc.option(fc.stringMatching(/^[0-9]{0,11}$/))
/** Real calendar dates and times written in every variant of the grammar, and a little outside it. */
const plausibleIso = fc
  .tuple(
    fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
    separators,
    fc.boolean(),
    fractions,
    zones
  )
  .map(([date, sep, withSeconds, fraction, zone]) => {
    const iso = date.toISOString()
    const time = withSeconds ? iso.slice(11, 19) + (fraction === null ? "" : `.${fraction}`) : iso.slice(11, 16)
    return `${iso.slice(0, 10)}${sep}${time}${zone}`
  })
/** Any digits in each place (months 13–99, day 31 of February, …), with a stray character now and then. */
const nearIso = fc
  .tuple(
    digits(4),
    digits(2),
    digits(2),
    separators,
    digits(2),
    digits(2),
    fc.option(fc.tuple(digits(2), fractions)),
    zones,
    fc.option(fc.tuple(fc.constantFrom(":", ".", "0", "-", "é", " "), fc.nat()))
  )
  .map(([y, mo, d, sep, h, mi, sec, zone, stray]) => {
    const seconds = sec === null ? "" : `:${sec[0]}${sec[1] === null ? "" : `.${sec[1]}`}`
    const text = `${y}-${mo}-${d}${sep}${h}:${mi}${seconds}${zone}`
    if (stray === null) return text
    const at = stray[1] % text.length
    return text.slice(0, at) + stray[0] + text.slice(at + 1)
  })

describe("parseInstant", () => {
  it("reads every text exactly as the reference grammar does", () => {
    fc.assert(
      fc.property(fc.oneof(nearIso, plausibleIso, fc.string({ maxLength: 40 })), (text) => {
        expect(parseInstant(text)).toBe(reference(text))
      }),
      { numRuns: 20_000 }
    )
  })

  it("reads fractions of up to nine digits, offsets with and without a colon", () => {
    expect(parseInstant("2024-01-01T10:01:14.123456789+01:00")).toBe(reference("2024-01-01T10:01:14.123456789+01:00"))
    expect(parseInstant("2024-01-01T10:01:14.1234567891+01:00")).toBeUndefined()
    expect(parseInstant("2024-01-01 09:00-0130")).toBe(parseInstant("2024-01-01T10:30Z"))
  })
})

describe("formatUtc", () => {
  it("writes exactly what Date.prototype.toISOString writes, for any instant it can hold", () => {
    const instant = fc.oneof(
      fc.double({ min: -1e9, max: 1e10, noNaN: true }),
      fc
        .tuple(fc.integer({ min: 0, max: 2_932_897 * 1440 }), fc.constantFrom(0, 0.5, 1 / 60_000, 0.999999))
        .map(([m, f]) => m + f),
      fc.constantFrom(0, -1 / 60_000, 2_932_897 * 1440 - 1 / 60_000, 2_932_897 * 1440, 28_401_120.25)
    )
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 5 }), (ts) => {
        for (const t of ts) expect(formatUtc(t)).toBe(new Date(Math.round(t * 60_000)).toISOString())
      }),
      { numRuns: 20_000 }
    )
  })

  it("refuses what toISOString refuses", () => {
    expect(() => formatUtc(Number.NaN)).toThrow(RangeError)
  })
})
