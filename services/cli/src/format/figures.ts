/** How a figure is shown: hours, minutes, a share as per cent, a count or a plain number. */
export type Unit = "h" | "min" | "%" | "n" | "x"

const fixed = (x: number, digits: number) => (Object.is(x, -0) ? 0 : x).toFixed(digits)

/** How a figure over no data (null: survival with nothing planned, a percentile of no calls) is shown. */
export const NO_DATA = "—"

/** `mean`: the figure is a mean over replications, so counts get a decimal too. */
export const formatValue = (x: number | null, unit: Unit, mean = false): string => {
  if (x === null) return NO_DATA
  if (!Number.isFinite(x)) return "–"
  if (Math.abs(x) < 5e-4 && unit !== "x") x = 0
  switch (unit) {
    case "%":
      return `${fixed(x * 100, 1)} %`
    case "h":
      return fixed(x, 1)
    case "min":
      return fixed(x, 1)
    case "n":
      return mean || !Number.isInteger(x) ? fixed(x, 1) : String(x)
    case "x":
      return fixed(x, 2)
  }
}

/** The half-width in the figure's unit, without the unit sign. */
export const formatHalfWidth = (x: number | null, unit: Unit): string =>
  x === null
    ? NO_DATA
    : !Number.isFinite(x)
      ? "–"
      : unit === "%"
        ? fixed(x * 100, 1)
        : unit === "n"
          ? fixed(x, 1)
          : formatValue(x, unit)

/** "81.2 % ± 0.4" with a half-width, "81.2 %" without. */
export const formatFigure = (
  x: number | null,
  unit: Unit,
  halfWidth?: number | null,
  mean = halfWidth !== undefined
): string =>
  halfWidth === undefined || x === null
    ? formatValue(x, unit, mean)
    : `${formatValue(x, unit, mean)} ± ${formatHalfWidth(halfWidth, unit)}`

/** A difference with its sign; one that rounds to zero is shown as plain zero. */
export const formatSigned = (x: number | null, unit: Unit, mean = true): string => {
  if (x === null) return NO_DATA
  const s = formatValue(x, unit, mean)
  if (/^-?0(\.0+)?( %)?$/.test(s)) return s.replace("-", "")
  return x > 0 ? `+${s}` : s
}
