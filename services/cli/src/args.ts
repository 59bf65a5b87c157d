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
