import { Plot, WIDTH } from "./charts.js"
import { number, t } from "./i18n.js"
import { A_COLOUR, B_COLOUR } from "./palette.js"

export interface SideValue {
  readonly label: string
  readonly side: string
  readonly value: number
}

/** The colour scale of the comparison's two runs. */
export const sideColour = () => ({ domain: [t("a"), t("b")], range: [A_COLOUR, B_COLOUR], legend: true })

/** A beside B, one row of bars per label; `extra` marks share the label facets. */
export const sideBars = (
  data: ReadonlyArray<SideValue>,
  x: Plot.ScaleOptions = {},
  extra: ReadonlyArray<Plot.Markish> = [],
  marginRight = 20
) =>
  Plot.plot({
    width: WIDTH,
    marginLeft: 170,
    marginRight,
    x: { grid: true, ...x },
    fy: { label: null },
    y: { label: null, axis: null },
    color: sideColour(),
    marks: [
      Plot.barX(data, {
        fy: "label",
        y: "side",
        x: "value",
        fill: "side",
        title: (d: { value: number }) => number(d.value, 2)
      }),
      Plot.ruleX([0]),
      ...extra
    ]
  })
