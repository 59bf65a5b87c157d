import { parseLocalDate } from "./time.js"
import { field, forEachRepeat, isRecord, items } from "./lenient-read.js"
import type { ReferenceIssue } from "./scenario-references.js"
const dateOf = (x: unknown): string | undefined =>
  typeof x === "string" && typeof parseLocalDate(x) !== "string" ? x : undefined

/**
 * Problems across the calendar's parts, read leniently like `scenarioReferenceIssues`: a date range that ends
 * before it starts, seasons that overlap or change nothing, two calendar events with one id, an area in two rule
 * sets, a tag protected twice. `checkArea` reports an area that is not declared.
 */
export const calendarReferenceIssues = (
  input: unknown,
  checkArea: (path: ReadonlyArray<PropertyKey>, id: unknown) => void
): Array<ReferenceIssue> => {
  const issues: Array<ReferenceIssue> = []
  const range = (path: ReadonlyArray<PropertyKey>, x: unknown): readonly [string, string] | undefined => {
    const from = dateOf(field(x, "from")),
      to = dateOf(field(x, "to"))
    if (from === undefined || to === undefined) return undefined
    if (to < from) {
      issues.push({ path: [...path, "to"], message: `the range ends (${to}) before it starts (${from})` })
      return undefined
    }
    return [from, to]
  }

  items(field(input, "calendar")).forEach((e, i) => {
    range(["calendar", i], e)
    items(field(e, "takes")).forEach((t, j) => checkArea(["calendar", i, "takes", j, "area"], field(t, "area")))
  })
  forEachRepeat(
    field(input, "calendar"),
    (e) => field(e, "id"),
    (i, first, id) =>
      issues.push({
        path: ["calendar", i, "id"],
        message: `calendar event id "${id}" is used twice (first at calendar[${first}]); give each event its own id`
      })
  )

  const ranges: Array<{ readonly i: number; readonly from: string; readonly to: string }> = []
  items(field(input, "seasons")).forEach((s, i) => {
    const dimensioning = field(s, "dimensioning"),
      blocks = field(s, "plannedBlocks")
    if (isRecord(s) && dimensioning === undefined && blocks === undefined) {
      issues.push({
        path: ["seasons", i],
        message: "a season changes nothing: give its dimensioning, plannedBlocks or both"
      })
    }
    items(dimensioning).forEach((d, j) => checkArea(["seasons", i, "dimensioning", j, "area"], field(d, "area")))
    items(blocks).forEach((b, j) => checkArea(["seasons", i, "plannedBlocks", j, "area"], field(b, "area")))
    const r = range(["seasons", i], s)
    if (r === undefined) return
    const clash = ranges.find((o) => o.from <= r[1] && r[0] <= o.to)
    if (clash !== undefined)
      issues.push({
        path: ["seasons", i, "from"],
        message: `this season overlaps seasons[${clash.i}] (${clash.from} to ${clash.to}); a day can be in one season only`
      })
    ranges.push({ i, from: r[0], to: r[1] })
  })

  const memberships = items(field(input, "ruleSets")).flatMap((set, i) =>
    items(field(set, "areas")).map((area, j) => ({ area, i, j }))
  )
  forEachRepeat(
    memberships,
    (m) => (m as { area: unknown }).area,
    (k, first, area) =>
      issues.push({
        path: ["ruleSets", memberships[k]!.i, "areas", memberships[k]!.j],
        message: `area "${area}" is already in ruleSets[${memberships[first]!.i}]; an area follows one rule set`
      })
  )
  items(field(input, "ruleSets")).forEach((set, i) => {
    const members = items(field(set, "areas"))
    members.forEach((a, j) => checkArea(["ruleSets", i, "areas", j], a))
    items(field(field(set, "rules"), "reserve")).forEach((r, j) => {
      const area = field(r, "area")
      checkArea(["ruleSets", i, "rules", "reserve", j, "area"], area)
      if (typeof area === "string" && !members.includes(area)) {
        issues.push({
          path: ["ruleSets", i, "rules", "reserve", j, "area"],
          message: `area "${area}" is not in this rule set's areas, so this reserve would never apply`
        })
      }
    })
  })

  const rulesAt = (path: ReadonlyArray<PropertyKey>, rules: unknown) =>
    forEachRepeat(
      field(rules, "protectedTags"),
      (p) => field(p, "tag"),
      (i, first, tag) =>
        issues.push({
          path: [...path, "protectedTags", i, "tag"],
          message: `tag "${tag}" is protected twice (first at protectedTags[${first}]); list its priorities in one entry`
        })
    )
  rulesAt(["rules"], field(input, "rules"))
  items(field(input, "ruleSets")).forEach((set, i) => rulesAt(["ruleSets", i, "rules"], field(set, "rules")))
  return issues
}
