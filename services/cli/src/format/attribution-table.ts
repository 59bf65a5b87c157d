import type { Attribution, AttributionRow } from "@igv/metrics"
import { formatHalfWidth, formatSigned, type Unit } from "./figures.js"
import { settingLabel } from "./scenario-changes.js"
import { tableOf, type Table } from "./table.js"

/** The few figures a planner weighs one setting by: what it buys in planned time, what it costs in response. */
const KPIS: ReadonlyArray<readonly [path: string, label: string, unit: Unit]> = [
  ["lineTime.survival", "survival", "%"],
  ["lineTime.deliveredHours", "delivered, h", "h"],
  ["response.1.withinTarget", "prio 1 ≤ 4 min", "%"],
  ["response.2.withinTarget", "prio 2 ≤ 20 min", "%"],
  ["response.3.withinTarget", "prio 3 ≤ 4 h", "%"],
  ["response.3.handledOtherwise", "prio 3 otherwise", "n"]
]

const cell = (row: AttributionRow | undefined, unit: Unit): string =>
  row === undefined ? "–" : `${formatSigned(row.delta, unit)} ± ${formatHalfWidth(row.halfWidth, unit)}`

/**
 * One row per changed setting (its own effect: B's value applied to A alone, paired with A), then the
 * interaction remainder and the total B − A; each cell the mean over replications ± its 95 % half-width.
 */
export const attributionTable = (attribution: Attribution, settings: ReadonlyArray<string>): Table => {
  const at = (rows: ReadonlyArray<AttributionRow>) => {
    const byPath = new Map(rows.map((r) => [r.path, r]))
    return KPIS.map(([path, , unit]) => cell(byPath.get(path), unit))
  }
  const labels = settings.map(settingLabel)
  const name = (path: string, k: number) =>
    labels.indexOf(labels[k]!) === labels.lastIndexOf(labels[k]!) ? labels[k]! : `${labels[k]!} (${path})`
  return tableOf(
    ["B's setting alone on A", ...KPIS.map(([, label]) => label)],
    [
      ...settings.map((path, k) => [name(path, k), ...at(attribution.own[k]!)]),
      ["interaction (rest of B − A)", ...at(attribution.interaction)],
      ["B − A", ...at(attribution.total)]
    ],
    [0]
  )
}
