import type {
  AnalyticsQueryName,
  HeadlineCell,
  InterruptionsResult,
  RealVsSimulatedRow,
  ResponseFigures,
  SurvivalByVersion,
  SweepPoint
} from "@igv/analytics"
import { formatFigure, formatValue } from "../format/figures.js"
import type { Lang } from "../format/lang.js"
import { tableOf, type Block } from "../format/table.js"

/** What each query answers (the typed results of @igv/analytics). */
export interface AnalyticsResults {
  readonly interruptions: InterruptionsResult
  readonly survival: ReadonlyArray<SurvivalByVersion>
  readonly sweep: { readonly numeric: boolean; readonly points: ReadonlyArray<SweepPoint> }
  readonly "real-vs-simulated": ReadonlyArray<RealVsSimulatedRow>
  readonly headline: ReadonlyArray<HeadlineCell>
}

const DAYS = {
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  sv: ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
}
const pad2 = (n: number) => String(n).padStart(2, "0")
/** 0..167 as "Mon 08–09" ("mån 08–09" in Swedish). */
export const hourOfWeekLabel = (how: number, lang: Lang = "en"): string => {
  const hour = how % 24
  return `${DAYS[lang][Math.floor(how / 24)] ?? "?"} ${pad2(hour)}–${pad2((hour + 1) % 24)}`
}

const nothing = (what: string) => `No ${what} match (are the runs exported and the feed sunk into this database?).`

const interruptionsTable = (r: InterruptionsResult, lang: Lang): Array<Block> => {
  if (r.cells.length === 0) return [`${r.runs} matching run(s).`, nothing("interruptions")]
  const per = (x: number) => (r.runs === 0 ? x : x / r.runs)
  const total = r.cells.reduce((s, c) => s + c.interruptions, 0)
  return [
    `${r.runs} matching run(s), ${total} interruptions; "per run" divides by the runs`,
    tableOf(
      ["area", "hour of week", "prio", "interruptions", "per run", "planned min lost", "lost min per run"],
      r.cells.map((c) => [
        c.area,
        hourOfWeekLabel(c.hourOfWeek, lang),
        String(c.prio),
        String(c.interruptions),
        formatValue(per(c.interruptions), "x"),
        formatValue(c.lostMinutes, "min"),
        formatValue(per(c.lostMinutes), "min")
      ]),
      [0, 1]
    )
  ]
}

const survivalTable = (rows: ReadonlyArray<SurvivalByVersion>): Array<Block> =>
  rows.length === 0
    ? [nothing("runs")]
    : [
        tableOf(
          ["version", "runs", "mean", "min", "p10", "p50", "p90", "max", "pooled", "planned h", "delivered h"],
          rows.map((r) => [
            String(r.scenarioVersion),
            String(r.runs),
            ...[
              r.meanSurvival,
              r.minSurvival,
              r.p10Survival,
              r.p50Survival,
              r.p90Survival,
              r.maxSurvival,
              r.pooledSurvival
            ].map((x) => formatValue(x, "%")),
            formatValue(r.plannedHours, "h"),
            formatValue(r.deliveredHours, "h")
          ]),
          [0]
        )
      ]

const sweepTable = (r: AnalyticsResults["sweep"], kpi: string, parameter: string): Array<Block> =>
  r.points.length === 0
    ? [nothing("sweep runs")]
    : [
        `${kpi} by ${parameter}${r.numeric ? " (numeric order)" : ""}; mean ± 95 % half-width over the runs at each value`,
        tableOf(
          [parameter, "runs", "mean", "min", "max"],
          r.points.map((p) => [
            p.value,
            String(p.runs),
            `${p.mean.toPrecision(6)} ± ${p.halfWidth95.toPrecision(3)}`,
            p.min.toPrecision(6),
            p.max.toPrecision(6)
          ]),
          [0]
        )
      ]

const responseCells = (f: ResponseFigures, mean: boolean): Array<string> =>
  f.dispatched === 0
    ? ["0", "–", "–", "–", "–", "–"]
    : [
        formatFigure(f.dispatched, "n", undefined, mean),
        formatValue(f.meanDispatchMinutes, "min"),
        formatValue(f.p50DispatchMinutes, "min"),
        formatValue(f.p90DispatchMinutes, "min"),
        formatValue(f.withinTarget, "%"),
        formatValue(f.meanArrivalMinutes, "min")
      ]

const realVsSimulatedTable = (rows: ReadonlyArray<RealVsSimulatedRow>): Array<Block> => [
  "recorded: the feed in ClickHouse; simulated: the matching runs (dispatched is per run)",
  tableOf(
    ["prio", "source", "dispatched", "mean dispatch min", "p50 min", "p90 min", "within target", "mean arrival min"],
    rows.flatMap((r) => [
      [String(r.prio), "recorded", ...responseCells(r.real, false)],
      ["", "simulated", ...responseCells(r.simulated, true)]
    ]),
    [0]
  )
]

const headlineTable = (rows: ReadonlyArray<HeadlineCell>): Array<Block> =>
  rows.length === 0
    ? [nothing("shifts or runs")]
    : [
        "prio 1+2 share of time at RLC's disposal (the report found 4–27 %)",
        tableOf(
          ["area", "month", "prio 1 h", "prio 2 h", "on duty h", "prio 1+2 share"],
          rows.map((c) => [
            c.area,
            c.month,
            formatValue(c.prio1Hours, "h"),
            formatValue(c.prio2Hours, "h"),
            formatValue(c.totalHours, "h"),
            formatValue(c.prio12Share, "%")
          ]),
          [0, 1]
        )
      ]

/** A query's result as report blocks (notes and tables), for the readable text and --csv in --lang. */
export const resultBlocks = <K extends AnalyticsQueryName>(
  name: K,
  result: AnalyticsResults[K],
  input: Record<string, unknown>,
  lang: Lang
): ReadonlyArray<Block> => {
  switch (name) {
    case "interruptions":
      return interruptionsTable(result as AnalyticsResults["interruptions"], lang)
    case "survival":
      return survivalTable(result as AnalyticsResults["survival"])
    case "sweep":
      return sweepTable(result as AnalyticsResults["sweep"], String(input["kpi"]), String(input["parameter"]))
    case "real-vs-simulated":
      return realVsSimulatedTable(result as AnalyticsResults["real-vs-simulated"])
    case "headline":
      return headlineTable(result as AnalyticsResults["headline"])
  }
  return [JSON.stringify(result, null, 2)]
}
