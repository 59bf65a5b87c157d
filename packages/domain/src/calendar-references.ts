import { parseLocalDate } from "./time.js"
import type { ReferenceIssue } from "./scenario-references.js"

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x)
const items = (x: unknown): ReadonlyArray<unknown> => (Array.isArray(x) ? x : [])
const field = (x: unknown, key: string): unknown => (isRecord(x) ? x[key] : undefined)
const dateOf = (x: unknown): string | undefined => (typeof x === "string" && typeof parseLocalDate(x) !== "string" ? x : undefined)

/**
 * Problems across the calendar's parts, read leniently like `scenarioReferenceIssues`: a date range that ends
 * before it starts, seasons that overlap or change nothing, two calendar events with one id, an area in two rule
 * sets, a tag protected twice. `checkArea` reports an area that is not declared.
 */
export const calendarReferenceIssues = (
  input: unknown, checkArea: (path: ReadonlyArray<PropertyKey>, id: unknown) => void
): Array<ReferenceIssue> => {
  const issues: Array<ReferenceIssue> = []
  const range = (path: ReadonlyArray<PropertyKey>, x: unknown): readonly [string, string] | undefined => {
    const from = dateOf(field(x, "from")), to = dateOf(field(x, "to"))
    if (from === undefined || to === undefined) return undefined
    if (to < from) {
      issues.push({ path: [...path, "to"], message: `the range ends (${to}) before it starts (${from})` })
      return undefined
    }
    return [from, to]
  }

  const ids = new Map<string, number>()
  items(field(input, "calendar")).forEach((e, i) => {
    range(["calendar", i], e)
    items(field(e, "takes")).forEach((t, j) => checkArea(["calendar", i, "takes", j, "area"], field(t, "area")))
    const id = field(e, "id")
    if (typeof id !== "string") return
    const first = ids.get(id)
    if (first === undefined) ids.set(id, i)
    else issues.push({ path: ["calendar", i, "id"], message: `calendar event id "${id}" is used twice (first at calendar[${first}]); give each event its own id` })
  })

  const ranges: Array<{ readonly i: number; readonly from: string; readonly to: string }> = []
  items(field(input, "seasons")).forEach((s, i) => {
    const dimensioning = field(s, "dimensioning"), blocks = field(s, "plannedBlocks")
    if (isRecord(s) && dimensioning === undefined && blocks === undefined) {
      issues.push({ path: ["seasons", i], message: "a season changes nothing: give its dimensioning, plannedBlocks or both" })
    }
    items(dimensioning).forEach((d, j) => checkArea(["seasons", i, "dimensioning", j, "area"], field(d, "area")))
    items(blocks).forEach((b, j) => checkArea(["seasons", i, "plannedBlocks", j, "area"], field(b, "area")))
    const r = range(["seasons", i], s)
    if (r === undefined) return
    const clash = ranges.find((o) => o.from <= r[1] && r[0] <= o.to)
    if (clash !== undefined) issues.push({ path: ["seasons", i, "from"], message: `this season overlaps seasons[${clash.i}] (${clash.from} to ${clash.to}); a day can be in one season only` })
    ranges.push({ i, from: r[0], to: r[1] })
  })

  const inSet = new Map<string, number>()
  items(field(input, "ruleSets")).forEach((set, i) => {
    const members = items(field(set, "areas"))
    members.forEach((a, j) => {
      checkArea(["ruleSets", i, "areas", j], a)
      if (typeof a !== "string") return
      const first = inSet.get(a)
      if (first === undefined) inSet.set(a, i)
      else issues.push({ path: ["ruleSets", i, "areas", j], message: `area "${a}" is already in ruleSets[${first}]; an area follows one rule set` })
    })
    items(field(field(set, "rules"), "reserve")).forEach((r, j) => {
      const area = field(r, "area")
      if (typeof area === "string" && !members.includes(area)) {
        issues.push({ path: ["ruleSets", i, "rules", "reserve", j, "area"], message: `area "${area}" is not in this rule set's areas, so this reserve would never apply` })
      }
    })
  })

  const rulesAt = (path: ReadonlyArray<PropertyKey>, rules: unknown) => {
    const tags = new Map<string, number>()
    items(field(rules, "protectedTags")).forEach((p, i) => {
      const tag = field(p, "tag")
      if (typeof tag !== "string") return
      const first = tags.get(tag)
      if (first === undefined) tags.set(tag, i)
      else issues.push({ path: [...path, "protectedTags", i, "tag"], message: `tag "${tag}" is protected twice (first at protectedTags[${first}]); list its priorities in one entry` })
    })
  }
  rulesAt(["rules"], field(input, "rules"))
  items(field(input, "ruleSets")).forEach((set, i) => rulesAt(["ruleSets", i, "rules"], field(set, "rules")))
  return issues
}
