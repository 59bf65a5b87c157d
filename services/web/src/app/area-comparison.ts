import type { Row } from "./compare.js"
import { figure, Plot } from "./charts.js"
import { number, t } from "./i18n.js"
import { sideBars, type SideValue } from "./side-bars.js"

const signed = (x: number, digits: number) => `${x > 0 ? "+" : ""}${number(x, digits)}`

/**
 * One figure per area, A beside B, with B − A and its 95 % interval beside each area where the rows have them.
 * A side over no data (nothing planned in the area) is written "not measured" instead of a bar.
 */
const byArea = (
  rows: ReadonlyArray<Row>,
  figurePath: string,
  scale: number,
  unit: string,
  id: string,
  caption: string,
  x: Plot.ScaleOptions
): HTMLElement | undefined => {
  const suffix = `.${figurePath}`
  const areaRows = rows.filter((r) => r.path.startsWith("byArea.") && r.path.endsWith(suffix))
  if (areaRows.length === 0) return undefined
  const area = (r: Row) => r.path.slice("byArea.".length, -suffix.length)
  const bars: Array<SideValue> = []
  const missing: Array<{ label: string; side: string; text: string }> = []
  for (const r of areaRows) {
    for (const side of ["a", "b"] as const) {
      const v = r[side]
      if (v === null) missing.push({ label: area(r), side: t(side), text: t("notMeasured") })
      else bars.push({ label: area(r), side: t(side), value: v * scale })
    }
  }
  const deltas = areaRows.map((r) => ({
    label: area(r),
    text:
      r.delta === null
        ? `B − A: ${t("notMeasured")}`
        : `B − A: ${signed(r.delta * scale, 1)}${r.halfWidth === null ? "" : ` ± ${number(r.halfWidth * scale)}`} ${unit}${r.significant ? " *" : ""}`
  }))
  const chart = sideBars(
    bars,
    x,
    [
      Plot.text(missing, { fy: "label", y: "side", text: "text", frameAnchor: "left", textAnchor: "start", dx: 4 }),
      Plot.text(deltas, {
        fy: "label",
        text: "text",
        frameAnchor: "right",
        textAnchor: "start",
        dx: 8,
        className: "area-delta"
      })
    ],
    190
  )
  return figure(id, caption, chart)
}

/** Survival and interruptions per area of a comparison (absent when the runs have no areas). */
export const areaComparison = (rows: ReadonlyArray<Row>): Array<HTMLElement> =>
  [
    byArea(rows, "lineTime.survival", 100, t("pp"), "survival-by-area", t("survivalByAreaAB"), {
      domain: [0, 100],
      label: "%"
    }),
    byArea(
      rows,
      "interruptions.total",
      1,
      t("interruptionsCount"),
      "interruptions-by-area",
      t("interruptionsByAreaAB"),
      { label: t("interruptionsCount") }
    )
  ].flatMap((f) => (f === undefined ? [] : [f]))
