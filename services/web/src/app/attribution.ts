import { figure, Plot } from "./charts.js"
import { element } from "./dom.js"
import { number, t } from "./i18n.js"
import { A_COLOUR, B_COLOUR } from "./palette.js"

interface Part {
  readonly path: string
  readonly delta: number | null
  readonly halfWidth: number | null
  readonly significant: boolean
}
/** `GET /compare?…&attribute=true`'s `attribution`: each changed setting's own effect (B's value alone on A, paired), the interaction, the total. */
export interface Attribution {
  readonly settings: ReadonlyArray<{
    readonly path: string
    readonly op: string
    readonly from?: unknown
    readonly to?: unknown
    readonly rows: ReadonlyArray<Part>
  }>
  readonly interaction: ReadonlyArray<Part>
  readonly total: ReadonlyArray<Part>
}

/** The figures a planner weighs one setting by: what it buys in planned time, what it costs in response. */
const FIGURES: ReadonlyArray<readonly [path: string, label: () => string, unit: "pp" | "h"]> = [
  ["lineTime.survival", () => t("survivalShort"), "pp"],
  ["lineTime.deliveredHours", () => t("deliveredHours"), "h"],
  ["response.1.withinTarget", () => `${t("prio")} 1 ≤ 4 min`, "pp"],
  ["response.2.withinTarget", () => `${t("prio")} 2 ≤ 20 min`, "pp"],
  ["response.3.withinTarget", () => `${t("prio")} 3 ≤ 4 h`, "pp"]
]

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v))
const signed = (x: number) => `${x > 0 ? "+" : ""}${number(x)}`
/** A share's delta in percentage points, hours as they are; "—" when the figure is over no data (not measured). */
const cell = (part: Part | undefined, unit: "pp" | "h") => {
  if (part === undefined || part.delta === null) return "—"
  const scale = unit === "pp" ? 100 : 1
  return `${signed(part.delta * scale)} ± ${part.halfWidth === null ? "—" : number(part.halfWidth * scale)} ${t(unit === "pp" ? "pp" : "hoursShort")}${part.significant ? " *" : ""}`
}

/** The change B − A split into each setting's own effect and the interaction: a chart of the shares and the full table. */
export const attributionView = (a: Attribution): HTMLElement => {
  const rows: ReadonlyArray<readonly [string, ReadonlyArray<Part>]> = [
    ...a.settings.map((s) => [`${s.path}: ${show(s.from)} → ${show(s.to)}`, s.rows] as const),
    [t("interaction"), a.interaction],
    [t("totalBA"), a.total]
  ]
  const points = rows.flatMap(([setting, parts]) =>
    FIGURES.filter(([, , unit]) => unit === "pp").flatMap(([path, label]) => {
      const p = parts.find((x) => x.path === path)
      if (p === undefined || p.delta === null) return []
      const hw = p.halfWidth ?? 0
      return [
        {
          setting,
          figure: label(),
          delta: p.delta * 100,
          low: (p.delta - hw) * 100,
          high: (p.delta + hw) * 100,
          significant: t(p.significant ? "significant" : "notSignificant")
        }
      ]
    })
  )
  const chart = Plot.plot({
    width: 1180,
    marginLeft: 300,
    marginRight: 150,
    height: 60 + 26 * rows.length * 4,
    x: { label: t("deltaAxis"), grid: true },
    y: { label: null, domain: rows.map(([setting]) => setting) },
    fy: { label: null, domain: FIGURES.filter(([, , unit]) => unit === "pp").map(([, label]) => label()) },
    color: { domain: [t("significant"), t("notSignificant")], range: [B_COLOUR, A_COLOUR], legend: true },
    marks: [
      Plot.ruleX([0]),
      Plot.link(points, {
        fy: "figure",
        y1: "setting",
        y2: "setting",
        x1: "low",
        x2: "high",
        stroke: "significant",
        strokeWidth: 3
      }),
      Plot.dot(points, {
        fy: "figure",
        y: "setting",
        x: "delta",
        fill: "significant",
        r: 5,
        title: (d: { delta: number }) => number(d.delta, 1)
      })
    ]
  })
  const table = element("table", { id: "attribution-table" })
  table.append(element("caption", { textContent: t("attributionTable") }))
  const head = element("tr")
  for (const h of [t("settingAlone"), ...FIGURES.map(([, label]) => label())])
    head.append(element("th", { scope: "col", textContent: h }))
  table.createTHead().append(head)
  const body = table.createTBody()
  for (const [setting, parts] of rows) {
    const tr = element("tr")
    tr.append(element("th", { scope: "row", textContent: setting }))
    for (const [path, , unit] of FIGURES)
      tr.append(
        element("td", {
          textContent: cell(
            parts.find((x) => x.path === path),
            unit
          )
        })
      )
    body.append(tr)
  }
  const section = element("section", { id: "attribution" })
  section.append(
    element("h3", { textContent: t("attribution") }),
    figure("attribution", t("attributionChart"), chart),
    table
  )
  return section
}
