import type { Row } from "./compare.js"
import { figure, Plot, WIDTH } from "./charts.js"
import { number, t } from "./i18n.js"
import { sideColour } from "./side-bars.js"

const PRIOS = [1, 2, 3] as const
/** Round minutes for the axis: the symlog scale's own ticks are too sparse at the low end, where prio 1 lives. */
const TICKS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
const STATS = [
  ["p50", () => "p50"],
  ["p90", () => "p90"],
  ["p99", () => "p99"],
  ["mean", () => t("mean")]
] as const

/**
 * Per priority, A's and B's percentiles and mean of the minutes to dispatch (or to arrival), with the priority's
 * target from the report drawn as a rule. A figure over no calls is written "not measured" in its row, not drawn at 0.
 */
export const responseDistribution = (
  byPath: ReadonlyMap<string, Row>,
  kind: "Dispatch" | "Arrival",
  id: string,
  caption: string
): HTMLElement => {
  const points: Array<{ prio: string; side: string; stat: string; minutes: number }> = []
  const missing: Array<{ prio: string; side: string; text: string }> = []
  const targets: Array<{ prio: string; minutes: number }> = []
  for (const p of PRIOS) {
    const prio = `${t("prio")} ${p}`
    for (const side of ["a", "b"] as const) {
      const target = byPath.get(`response.${p}.targetMinutes`)?.[side] ?? null
      if (target !== null && !targets.some((x) => x.prio === prio && x.minutes === target))
        targets.push({ prio, minutes: target })
      const absent: Array<string> = []
      for (const [stat, label] of STATS) {
        const minutes = byPath.get(`response.${p}.${stat}${kind}Minutes`)?.[side] ?? null
        if (minutes === null) absent.push(label())
        else points.push({ prio, side: t(side), stat: label(), minutes })
      }
      if (absent.length > 0)
        missing.push({
          prio,
          side: t(side),
          text: `${t(side)}: ${absent.length === STATS.length ? "" : `${absent.join(", ")} `}${t("notMeasured")}`
        })
    }
  }
  const chart = Plot.plot({
    width: WIDTH,
    marginLeft: 60,
    x: {
      type: "symlog",
      grid: true,
      label: t("minutesAxis"),
      ticks: TICKS.filter(
        (m) => m <= 2 * Math.max(1, ...points.map((d) => d.minutes), ...targets.map((d) => d.minutes))
      )
    },
    fy: { label: null },
    y: { label: null },
    color: sideColour(),
    symbol: { legend: true, domain: STATS.map(([, label]) => label()) },
    marks: [
      Plot.ruleX(targets, {
        fy: "prio",
        x: "minutes",
        stroke: "currentColor",
        strokeDasharray: "4 3",
        title: (d: { minutes: number }) => `${t("target")} ${number(d.minutes, 0)} min`
      }),
      Plot.dot(points, {
        fy: "prio",
        y: "side",
        x: "minutes",
        symbol: "stat",
        stroke: "side",
        strokeWidth: 2,
        r: 5,
        title: (d: (typeof points)[number]) => `${d.side} ${d.stat}: ${number(d.minutes)} min`
      }),
      Plot.text(missing, { fy: "prio", y: "side", text: "text", frameAnchor: "left", textAnchor: "start", dx: 4 })
    ]
  })
  return figure(id, caption, chart)
}
