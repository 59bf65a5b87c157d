import { calendarReferenceIssues } from "./calendar-references.js"
import { formatPath } from "./errors.js"
import { field, items } from "./lenient-read.js"

/** A problem found by looking across a scenario's parts: where (a schema path) and what. */
export interface ReferenceIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/** Each key's first item (by index); every later item with a key already seen goes to `repeated`. Items without a key are passed over. */
const firstIndexes = <K>(
  list: ReadonlyArray<unknown>,
  keyOf: (item: unknown) => K | undefined,
  repeated: (i: number, key: K, first: number) => void
): Map<K, number> => {
  const first = new Map<K, number>()
  list.forEach((item, i) => {
    const key = keyOf(item)
    if (key === undefined) return
    const seen = first.get(key)
    if (seen === undefined) first.set(key, i)
    else repeated(i, key, seen)
  })
  return first
}

/**
 * Areas named but not declared, areas declared twice, a priority listed twice in one list, two
 * borrowing rules for one priority. Reads the scenario leniently (any value, parts may be missing or
 * malformed), so it can run beside the schema's own errors on an input that does not decode: every
 * problem in one pass.
 */
export const scenarioReferenceIssues = (input: unknown): Array<ReferenceIssue> => {
  const issues: Array<ReferenceIssue> = []
  const areas = items(field(input, "areas"))
  const declared = firstIndexes(
    areas,
    (a) => {
      const id = field(a, "id")
      return typeof id === "string" ? id : undefined
    },
    (i, id, first) =>
      issues.push({
        path: ["areas", i, "id"],
        message: `area "${id}" is declared twice (first at areas[${first}]); give each area one entry`
      })
  )
  const known = [...declared.keys()]
  const check = (path: ReadonlyArray<PropertyKey>, id: unknown) => {
    if (typeof id === "string" && !declared.has(id))
      issues.push({
        path,
        message: `unknown area "${id}" (${known.length === 0 ? "no area is declared" : `declared areas: ${known.join(", ")}`})`
      })
  }
  areas.forEach((a, i) => items(field(a, "neighbours")).forEach((n, j) => check(["areas", i, "neighbours", j], n)))
  items(field(input, "dimensioning")).forEach((d, i) => check(["dimensioning", i, "area"], field(d, "area")))
  items(field(field(input, "demand"), "synthetic")).forEach((d, i) =>
    check(["demand", "synthetic", i, "area"], field(d, "area"))
  )
  items(field(input, "plannedBlocks")).forEach((b, i) => check(["plannedBlocks", i, "area"], field(b, "area")))
  items(field(input, "tasks")).forEach((t, i) => check(["tasks", i, "area"], field(t, "area")))
  items(field(field(input, "leadership"), "windows")).forEach((w, i) =>
    check(["leadership", "windows", i, "area"], field(w, "area"))
  )
  items(field(field(input, "travel"), "pairs")).forEach((p, i) => {
    check(["travel", "pairs", i, "from"], field(p, "from"))
    check(["travel", "pairs", i, "to"], field(p, "to"))
  })
  const priorityList = (path: ReadonlyArray<PropertyKey>, list: unknown) => {
    const seen = new Set<unknown>()
    items(list).forEach((p, i) => {
      if (seen.has(p) && typeof p === "number")
        issues.push({ path: [...path, i], message: `priority ${p} is listed twice; list each priority once` })
      seen.add(p)
    })
  }
  // The scenario's rules and each rule set's are checked alike: a rule set is the rules of its areas.
  const rulesIssues = (path: ReadonlyArray<PropertyKey>, rules: unknown) => {
    items(field(field(rules, "communityOfficers"), "shiftsTaken")).forEach((r, i) =>
      check([...path, "communityOfficers", "shiftsTaken", i, "area"], field(r, "area"))
    )
    priorityList([...path, "interruptingPriorities"], field(rules, "interruptingPriorities"))
    priorityList([...path, "communityOfficers", "drawnFor"], field(field(rules, "communityOfficers"), "drawnFor"))
    firstIndexes(
      items(field(rules, "borrowing")),
      (b) => {
        const prio = field(b, "prio")
        return typeof prio === "number" ? prio : undefined
      },
      (i, prio, first) =>
        issues.push({
          path: [...path, "borrowing", i, "prio"],
          message: `a second borrowing rule for prio ${prio} (the first is ${formatPath([...path, "borrowing", first])}); give one rule per priority`
        })
    )
  }
  rulesIssues(["rules"], field(input, "rules"))
  // A rule set's reserves are checked with its areas (calendarReferenceIssues).
  items(field(field(input, "rules"), "reserve")).forEach((r, i) =>
    check(["rules", "reserve", i, "area"], field(r, "area"))
  )
  items(field(input, "ruleSets")).forEach((set, j) => rulesIssues(["ruleSets", j, "rules"], field(set, "rules")))
  priorityList(
    ["timeAroundJobs", "meal", "interruptingPriorities"],
    field(field(field(input, "timeAroundJobs"), "meal"), "interruptingPriorities")
  )
  for (const part of ["reportWriting", "transport"]) {
    const first = new Map<unknown, number>()
    items(field(field(input, "timeAroundJobs"), part)).forEach((entry, i) =>
      items(field(entry, "prios")).forEach((p, j) => {
        const at = first.get(p)
        if (at === undefined) first.set(p, i)
        else if (typeof p === "number")
          issues.push({
            path: ["timeAroundJobs", part, i, "prios", j],
            message: `prio ${p} is already given in timeAroundJobs.${part}[${at}]; give each priority once`
          })
      })
    )
  }
  issues.push(...calendarReferenceIssues(input, check))
  return issues
}
