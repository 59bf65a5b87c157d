import type { Report } from "@igv/domain"

/**
 * The inspection's figures a preset is calibrated against, each computed from one replication's report. The
 * definitions are the presets' assumptions and are quoted in simulations/scenarios/README.md.
 */
export type FigureId = "prio12Share" | "hrFreeShare" | "ownMissionShare" | "preventionHours"

/** Officers per unit: an IGV patrol is two officers (DOMAIN.md), a community-officer slot one. */
export const OFFICERS_PER_IGV_PATROL = 2

const hours = (x: number | undefined | null) => x ?? 0

/** Share of the IGV patrols' on-duty time on prio 1 and 2 jobs (the report's 4–27 %, ch. 8.2). */
const prio12Share = (r: Report) => r.timeUse.byKind.igv.prio12Share

/**
 * Share of the IGV patrols' on-duty time not taken by RLC: not on a job of any priority, nor writing its report
 * or transporting someone after it (ch. 8.2's "HR-free time"; staff put the RLC-ordered part at 75 % of a shift).
 */
const hrFreeShare = (r: Report) => {
  const t = r.timeUse.byKind.igv
  if (t.totalHours === 0) return null
  const rlc = t.prio1Hours + t.prio2Hours + t.prio3Hours + hours(t.reportWritingHours) + hours(t.transportHours)
  return 1 - rlc / t.totalHours
}

/**
 * The community officers' own-mission share as the report measures it (7.3–7.4): their rostered time less shifts
 * taken into IGV or other duties, absences nobody covers and IGV calls, over their rostered time. Not measured
 * (null) when the run takes no shift and has no absence: the report's figure counts them.
 */
const ownMissionShare = (r: Report) => r.communityOfficers?.ownMissionShare ?? null

/**
 * Officer-hours of crime-prevention work the model holds (Table 1 counts BF hours of every staff category): time
 * in planned blocks and on tasks, and the unled free time the preset assumes self-initiated prevention, of IGV
 * patrols (two officers) and community officers (one).
 */
const preventionHours = (r: Report) => {
  const prevention = (t: Report["timeUse"]["byKind"]["igv"]) =>
    t.plannedHours + hours(t.taskHours) + hours(t.selfInitiatedHours)
  return OFFICERS_PER_IGV_PATROL * prevention(r.timeUse.byKind.igv) + prevention(r.timeUse.byKind.community)
}

export const FIGURES: Record<FigureId, (r: Report) => number | null> = {
  prio12Share,
  hrFreeShare,
  ownMissionShare,
  preventionHours
}
