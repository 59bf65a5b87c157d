import type { SettingChange } from "@igv/domain"

/** What a setting means to a planner, by its path (a list index matches any index). */
const LABELS: ReadonlyArray<readonly [pattern: RegExp, short: string]> = [
  [/^rules\.interruptingPriorities$/, "interrupting priorities"],
  [/^rules\.prio3\.handling$/, "prio 3 dispatched or deferred"],
  [/^rules\.prio3\.deferLimitMinutes$/, "prio 3 defer limit, min"],
  [/^rules\.prio3\.handledOtherwiseShare$/, "prio 3 handled otherwise, share"],
  [/^rules\.reserve/, "reserve free of planned blocks"],
  [/^rules\.borrowing/, "borrowing from neighbours"],
  [/^rules\.communityOfficers\.drawnFor$/, "community officers drawn for"],
  [/^rules\.resume\.enabled$/, "interrupted blocks resume"],
  [/^rules\.resume\.minimumRemnantMinutes$/, "shortest remnant resumed, min"],
  [/^rules\.prio1PreemptsPrio3$/, "prio 1 pre-empts a prio-3 job"],
  [/^rules\.prio1NearestUnit$/, "prio 1 to the nearest unit"],
  [/^rules\.protectedTags/, "planned-block tags protected"],
  [/^ruleSets/, "rule sets per area"],
  [/^calendar/, "dated events"],
  [/^seasons/, "seasons"],
  [/^dimensioning/, "patrols on duty"],
  [/^plannedBlocks/, "planned blocks"],
  [/^demand\.feed$/, "replayed feed"],
  [/^demand\.feedTimeZone$/, "replayed feed's time zone"],
  [/^demand/, "demand"],
  [/^travel/, "travel times"],
  [/^areas/, "areas"],
  [/^start$/, "first day"],
  [/^days$/, "days simulated"],
  [/^timeZone$/, "time zone"]
]

/** A short name for a setting: the planner's words where known, else its path. */
export const settingLabel = (path: string): string => LABELS.find(([p]) => p.test(path))?.[1] ?? path

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const weekdays = (days: unknown): string =>
  Array.isArray(days) && days.length === 7 ? "every day" : Array.isArray(days) ? days.join(" ") : String(days)

/** One element of a rule's list in words: a reserve or a borrowing rule; anything else as compact JSON. */
const describeItem = (item: unknown): string => {
  if (!isRecord(item)) return JSON.stringify(item)
  if ("patrols" in item && "start" in item && "end" in item && !("kind" in item)) {
    const n = Number(item["patrols"])
    return (
      `${n} patrol${n === 1 ? "" : "s"} ${item["area"] === undefined ? "in every area" : `in ${String(item["area"])}`} ` +
      `${weekdays(item["weekdays"])} ${String(item["start"])}–${String(item["end"])}`
    )
  }
  if ("prio" in item && "afterMinutes" in item)
    return `prio ${String(item["prio"])} after ${String(item["afterMinutes"])} min`
  return JSON.stringify(item)
}

/** A setting's value in words: lists joined, an empty list "none", a share in per cent. */
export const describeValue = (path: string, value: unknown): string => {
  if (value === undefined) return "(not set)"
  if (Array.isArray(value))
    return value.length === 0 ? "none" : value.map(describeItem).join(value.every(isRecord) ? "; " : ", ")
  if (typeof value === "boolean") return value ? "yes" : "no"
  if (typeof value === "number" && /Share$/.test(path)) return `${+(value * 100).toFixed(2)} %`
  if (typeof value === "string" || typeof value === "number") return String(value)
  return describeItem(value)
}

/** "rules.interruptingPriorities (priorities that may interrupt planned work): 1, 2, 3 → 1, 2", one line per setting. */
export const describeChanges = (changes: ReadonlyArray<SettingChange>): Array<string> =>
  changes.map((c) => {
    const label = settingLabel(c.path)
    return `${c.path}${label === c.path ? "" : ` (${label})`}: ${describeValue(c.path, c.from)} → ${describeValue(c.path, c.to)}`
  })
