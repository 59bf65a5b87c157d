import { isValidTimeZone } from "@igv/domain"
import type { LoadFeedOptions } from "@igv/runner"
import { UsageError, type OptionValues } from "./command.js"

export const stringOption = (values: OptionValues, name: string): string | undefined => {
  const v = values[name]
  return typeof v === "string" ? v : undefined
}

/** A whole-number option within bounds, or undefined when not given. */
export const intOption = (
  values: OptionValues,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER
): number | undefined => {
  const v = stringOption(values, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, not "${v}"`
    )
  }
  return n
}

export const flag = (values: OptionValues, name: string): boolean => values[name] === true

/** `--time-zone Z` of a command that reads feed files: the zone a timestamp without an offset is local time in. */
export const feedTimeZoneOption = (values: OptionValues): LoadFeedOptions => {
  const zone = stringOption(values, "time-zone")
  if (zone === undefined) return {}
  if (!isValidTimeZone(zone)) throw new UsageError(`--time-zone: unknown time zone "${zone}" (e.g. Europe/Stockholm)`)
  return { localTimeZone: zone }
}

/** How `--time-zone` of a command that reads feed files reads in its help. */
export const FEED_TIME_ZONE_HELP = `  --time-zone Z       read timestamps without an offset (2024-03-25 10:00, as many exports write
                      them) as local time in zone Z, e.g. Europe/Stockholm; a time in the hour the
                      clocks skip or repeat is still refused, saying why (and, for a repeated hour,
                      which offset each time has).
                      Without it such a timestamp is refused: it is ambiguous across DST`
