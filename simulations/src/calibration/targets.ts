import type { FigureId } from "./figures.js"

export const LPOS = ["lpo-sparse", "lpo-mid", "lpo-dense"] as const
export type Lpo = (typeof LPOS)[number]

/** A band a status-quo preset's figure must fall in (the mean of its replications), and where it comes from. */
export interface Target {
  readonly figure: FigureId
  readonly min: number
  readonly max: number
  /** The report's figure in its own words, with its section. */
  readonly source: string
}

/** Table 1 (2020): BF hours registered in the three inspected LPOs, of every staff category. */
export const TABLE_1_BF_HOURS: Record<Lpo, number> = {
  "lpo-sparse": 26_991,
  "lpo-mid": 64_729,
  "lpo-dense": 41_971
}

const preventionCeiling = (lpo: Lpo): Target => ({
  figure: "preventionHours",
  min: 0,
  max: TABLE_1_BF_HOURS[lpo],
  source: `Table 1: ${TABLE_1_BF_HOURS[lpo].toLocaleString("en-US")} BF hours, all staff; 0 under BF3`
})

/**
 * What each status-quo preset is calibrated to. The report names its LPOs differently in each chapter, so which
 * profile has which figure is the presets' assumption (simulations/scenarios/README.md says why).
 */
export const TARGETS: Record<Lpo, ReadonlyArray<Target>> = {
  "lpo-sparse": [
    { figure: "prio12Share", min: 0.04, max: 0.05, source: "8.2: 4–27 %; this LPO at the lower end" },
    { figure: "hrFreeShare", min: 0.5, max: 0.8, source: "8.2: HR-free time 50–80 %" },
    { figure: "ownMissionShare", min: 0.85, max: 0.95, source: "7.3: own mission about 90 %" },
    preventionCeiling("lpo-sparse")
  ],
  "lpo-mid": [
    { figure: "prio12Share", min: 0.04, max: 0.27, source: "8.2: 4–27 %; between the other two presets" },
    { figure: "hrFreeShare", min: 0.3, max: 0.5, source: "8.2: HR-free time 30–50 %" },
    { figure: "ownMissionShare", min: 0.15, max: 0.25, source: "7.3: own mission 20 %, about a day a week" },
    preventionCeiling("lpo-mid")
  ],
  "lpo-dense": [
    { figure: "prio12Share", min: 0.25, max: 0.27, source: "8.2: 4–27 %; this LPO at the upper end" },
    { figure: "hrFreeShare", min: 0.2, max: 0.3, source: "8.2: 75 % of a shift on RLC-ordered jobs" },
    { figure: "ownMissionShare", min: 0.51, max: 0.61, source: "7.4: 56 % nationally; no figure for this LPO" },
    preventionCeiling("lpo-dense")
  ]
}
