import { formatPath } from "./errors.js"
import type { Scenario } from "./scenario.js"

export interface Change {
  readonly path: string
  readonly op: "added" | "removed" | "changed"
  readonly from?: unknown
  readonly to?: unknown
}

/** A change located by its keys as well as its readable path, so it can be applied. */
interface KeyedChange extends Change {
  readonly keys: ReadonlyArray<PropertyKey>
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * `byIndex`: every array element by its index (a version history's diff). Otherwise an array is one
 * value unless both sides are lists of the same length of objects (shifts, blocks): a priority list or
 * a reserve that gained an entry is one setting, a shift that gained a patrol is that shift's field.
 */
const walk = (
  from: unknown,
  to: unknown,
  keys: ReadonlyArray<PropertyKey>,
  byIndex: boolean,
  out: Array<KeyedChange>
): void => {
  const change = (op: Change["op"], k: ReadonlyArray<PropertyKey>, values: { from?: unknown; to?: unknown }) =>
    out.push({ keys: k, path: formatPath(k), op, ...values })
  if (Array.isArray(from) && Array.isArray(to)) {
    const recurse = byIndex || (from.length === to.length && [...from, ...to].every(isObject))
    if (!recurse) {
      const inner: Array<KeyedChange> = []
      walk(from, to, keys, true, inner)
      if (inner.length > 0) change("changed", keys, { from, to })
      return
    }
    for (let i = 0; i < Math.max(from.length, to.length); i++) {
      if (i >= to.length) change("removed", [...keys, i], { from: from[i] })
      else if (i >= from.length) change("added", [...keys, i], { to: to[i] })
      else walk(from[i], to[i], [...keys, i], byIndex, out)
    }
    return
  }
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!(key in to)) change("removed", [...keys, key], { from: from[key] })
      else if (!(key in from)) change("added", [...keys, key], { to: to[key] })
      else walk(from[key], to[key], [...keys, key], byIndex, out)
    }
    return
  }
  if (!Object.is(from, to)) change("changed", keys, { from, to })
}

const withoutKeys = ({ keys: _k, ...change }: KeyedChange): Change => change

/** Structural differences between two JSON values, leaf by leaf, with JSON paths (`rules.prio3.handling`). */
export const diffJson = (from: unknown, to: unknown): Array<Change> => {
  const out: Array<KeyedChange> = []
  walk(from, to, [], true, out)
  return out.map(withoutKeys)
}

/** One setting in which scenario B differs from A: a path of the scenario, A's value and B's. */
export interface SettingChange extends Change {
  readonly keys: ReadonlyArray<PropertyKey>
}

/** What names a scenario or runs it, not what it models: never a setting. */
const NOT_SETTINGS: ReadonlySet<string> = new Set(["name", "description", "seed", "replications"])

/**
 * The settings in which B differs from A, on decoded scenarios (defaults filled in, so a rule left
 * out in one and spelt out in the other differs only if the values do). A setting is one path: a
 * rule's field (`rules.prio3.handling`), a whole list (`rules.interruptingPriorities`,
 * `rules.reserve`), or one field of a shift or block when both scenarios list as many.
 */
export const settingChanges = (a: Scenario, b: Scenario): Array<SettingChange> => {
  // Random streams are keyed by area id, not position: the same areas listed in another order are
  // the same areas, compared id by id.
  const byId = new Map(b.areas.map((area) => [area.id, area]))
  const sameAreas = a.areas.length === b.areas.length && a.areas.every((area) => byId.has(area.id))
  const aligned = sameAreas ? { ...b, areas: a.areas.map((area) => byId.get(area.id)!) } : b
  const out: Array<KeyedChange> = []
  walk(a, aligned, [], false, out)
  return out.filter((c) => !NOT_SETTINGS.has(String(c.keys[0])))
}

/** `scenario` with one setting taken from the other scenario: B's value applied to A alone. */
export const withSetting = (scenario: Scenario, change: SettingChange): Scenario => {
  if (change.keys.length === 0) throw new RangeError("a setting needs a path")
  const copy = structuredClone(scenario) as unknown as Record<PropertyKey, unknown>
  let parent: Record<PropertyKey, unknown> = copy
  for (const key of change.keys.slice(0, -1)) parent = parent[key] as Record<PropertyKey, unknown>
  const last = change.keys[change.keys.length - 1]!
  // Settings never add or remove list elements (a list that changed length is one setting).
  if (change.op === "removed") delete parent[last]
  else parent[last] = structuredClone(change.to)
  return copy as unknown as Scenario
}

/**
 * Why A and B cannot be paired on common random numbers: different first day, horizon, time zone
 * or areas mean replication i of each does not see the same calls. Empty when they can.
 */
export const incomparabilities = (a: Scenario, b: Scenario): Array<string> => {
  const reasons: Array<string> = []
  if (a.start !== b.start) reasons.push(`start: A from ${a.start}, B from ${b.start}`)
  if (a.days !== b.days) reasons.push(`horizon: A ${a.days} days, B ${b.days} days`)
  if (a.timeZone !== b.timeZone) reasons.push(`time zone: A ${a.timeZone}, B ${b.timeZone}`)
  const areasA = a.areas.map((x) => x.id).sort(),
    areasB = b.areas.map((x) => x.id).sort()
  if (areasA.join("\u0000") !== areasB.join("\u0000"))
    reasons.push(`areas: A ${areasA.join(", ")}; B ${areasB.join(", ")}`)
  return reasons
}
