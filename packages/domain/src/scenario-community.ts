import { Schema } from "effect"
import { isFiniteNumber, isMinLength, isPositive } from "./checks.js"
import { AreaId } from "./ids.js"
import { Count } from "./scenario-parts.js"

// Community officers (områdespoliser) as a substitute pool (report 7.3–7.4): whole shifts taken into IGV duty, a
// neighbouring area's IGV or other duties, absences, and whether they work alone. All optional: a scenario without
// them runs exactly as before.

/** Shifts per community-officer slot per week: a fixed number, the fraction drawn as a probability each week. */
const PerWeek = Schema.Number.check(isFiniteNumber, isPositive)

/**
 * A rule that takes a community officer's whole shift (one duty period of a community slot) away from the mission.
 * `into`: the area's own IGV, a neighbouring area's IGV (`area`), or another duty (`duty`: reception, a
 * kommendering). How many: `shiftsPerOfficerPerWeek` (the report's "about one shift a week"), or, into IGV, every
 * shift during which the IGV patrols on duty there fall below `whenIgvBelow`.
 */
export const ShiftTaking = Schema.Struct({
  into: Schema.Literals(["igv", "neighbourIgv", "otherDuty"]).annotate({
    message: `into must be "igv", "neighbourIgv" or "otherDuty"`
  }),
  /** With `neighbourIgv`: the neighbouring area whose IGV the shift fills. */
  area: Schema.optionalKey(AreaId),
  /** With `otherDuty`: what the shift goes to, e.g. "reception" or "kommendering". */
  duty: Schema.optionalKey(Schema.String.check(isMinLength(1))),
  shiftsPerOfficerPerWeek: Schema.optionalKey(PerWeek),
  /** Into IGV: a shift is taken when, at some moment during it, fewer IGV patrols than this are on duty there. */
  whenIgvBelow: Schema.optionalKey(Count)
}).check(
  Schema.makeFilter((r) => {
    const issues: Array<Schema.FilterIssue> = []
    if ((r.shiftsPerOfficerPerWeek === undefined) === (r.whenIgvBelow === undefined))
      issues.push({
        path: ["shiftsPerOfficerPerWeek"],
        issue: "say how many shifts are taken: shiftsPerOfficerPerWeek or whenIgvBelow, one of the two"
      })
    if (r.whenIgvBelow !== undefined && r.into === "otherDuty")
      issues.push({ path: ["whenIgvBelow"], issue: "whenIgvBelow takes shifts into IGV only, not into another duty" })
    if ((r.area !== undefined) !== (r.into === "neighbourIgv"))
      issues.push({ path: ["area"], issue: 'name the neighbouring area with into: "neighbourIgv", and only then' })
    if ((r.duty !== undefined) !== (r.into === "otherDuty"))
      issues.push({ path: ["duty"], issue: 'name the duty with into: "otherDuty", and only then' })
    return issues
  })
)
export type ShiftTaking = typeof ShiftTaking.Type

/**
 * Community officers away for a whole shift (training, meetings, leave). `covered`: a substitute works the shift,
 * so the area keeps its officer on duty; otherwise the shift is lost to the mission (the report: "bemannas inte
 * alltid om").
 */
export const Absence = Schema.Struct({
  reason: Schema.Literals(["training", "meeting", "leave"]).annotate({
    message: `an absence's reason must be "training", "meeting" or "leave"`
  }),
  shiftsPerOfficerPerWeek: PerWeek,
  covered: Schema.Boolean
})
export type Absence = typeof Absence.Type

/** The community-officer fields of an area's rules, beside `drawnFor`. */
export const communityOfficerRules = {
  /**
   * "pairs" (a community slot is a two-officer patrol, as before) or "alone": a lone officer is no full patrol for
   * prio 1–2, so dispatch draws it only for prio 3 (if `drawnFor` lists 3).
   */
  crew: Schema.optionalKey(
    Schema.Literals(["pairs", "alone"]).annotate({ message: `crew must be "pairs" or "alone"` })
  ),
  shiftsTaken: Schema.optionalKey(Schema.Array(ShiftTaking)),
  absences: Schema.optionalKey(Schema.Array(Absence))
}
