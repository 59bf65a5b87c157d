import type { Priority, Scenario } from "@igv/domain"
import { COMMUNITY, groupOf, IGV } from "./model.js"

/**
 * The dispatch policy: which patrol the call at the head of a queue gets. It follows the "Dispatch" section of
 * this package's README.md rule by rule; the engine asks `patrolFor` and carries out the answer.
 */

/** The rules of a scenario that dispatch asks about, by priority index 1..3. */
export interface DispatchRules {
  /** 1 if the priority may take a patrol from planned work at once. */
  readonly interrupting: Uint8Array
  /** 1 if community officers are drawn for the priority. */
  readonly communityFor: Uint8Array
  /** Minutes a call of the priority waits before it may borrow from a neighbouring area (Infinity: never). */
  readonly borrowAfter: Float64Array
  /** Prio 3 under `defer`: it may interrupt once it has waited `deferLimit`, whatever `interrupting` says. */
  readonly defer: boolean
  readonly deferLimit: number
  readonly prio1PreemptsPrio3: boolean
  /** Prio 1 takes the nearest free IGV patrol of any area at once. */
  readonly prio1NearestUnit: boolean
  /** 1 if the priority may take a patrol from its meal (the scenario's `timeAroundJobs.meal`). */
  readonly mealInterrupting: Uint8Array
}

export const dispatchRules = (
  rules: Scenario["rules"],
  mealInterruptingPriorities: ReadonlyArray<Priority> = []
): DispatchRules => {
  const interrupting = new Uint8Array(4),
    communityFor = new Uint8Array(4),
    borrowAfter = new Float64Array(4).fill(Infinity)
  const mealInterrupting = new Uint8Array(4)
  for (const p of mealInterruptingPriorities) mealInterrupting[p] = 1
  for (const p of rules.interruptingPriorities) interrupting[p] = 1
  // A lone community officer is no full patrol for prio 1–2: drawn for prio 3 only.
  const lone = rules.communityOfficers.crew === "alone"
  for (const p of rules.communityOfficers.drawnFor) if (!lone || p === 3) communityFor[p] = 1
  for (const b of rules.borrowing) borrowAfter[b.prio] = Math.min(borrowAfter[b.prio]!, b.afterMinutes)
  return {
    interrupting,
    communityFor,
    borrowAfter,
    defer: rules.prio3.handling === "defer",
    deferLimit: rules.prio3.deferLimitMinutes,
    prio1PreemptsPrio3: rules.prio1PreemptsPrio3,
    prio1NearestUnit: rules.prio1NearestUnit,
    mealInterrupting
  }
}

/**
 * What dispatch sees of the engine. Patrols are grouped by area and kind (`groupOf`); a patrol is either free, in
 * a planned block it can be taken from, on a job, or off duty.
 */
export interface DispatchView {
  /** A free patrol of the group, or -1. */
  freePatrol(group: number): number
  /** How many patrols of the group are in a planned block they can be taken from; `inBlock` gives the i-th. */
  inBlockCount(group: number): number
  inBlock(group: number, i: number): number
  /** The patrol has just cleared a job and would otherwise resume its block or start it late. */
  backToBlockPending(patrol: number): boolean
  /** When the patrol's block (or the task it works on) is planned to end. */
  blockPlannedEnd(patrol: number): number
  /** Bit p set: the patrol's block is protected from prio-p calls. */
  blockProtectedFrom(patrol: number): number
  /** The patrol is at a meal break. */
  atMeal(patrol: number): boolean
  /** Every slot of the group, on duty or not: `slotCount`, and `slot` gives the i-th patrol. */
  slotCount(group: number): number
  slot(group: number, i: number): number
  /**
   * Where the patrol's dispatch to its prio-3 job stands among all dispatches (later is larger, also between the
   * units of one call sent at one instant); -Infinity if it is on none or its duty ends with it.
   */
  prio3JobDispatchOrder(patrol: number): number
  /** The areas a call of this area may borrow from, in the order the scenario lists them. */
  neighbours(area: number): Int32Array
  /** Every area, nearest first by median travel to this one. */
  nearestAreas(area: number): Int32Array
}

/** The patrol the call at the head of its queue gets, or -1: it waits. `waited` is how long it has waited. */
export const patrolFor = (
  view: DispatchView,
  rules: DispatchRules,
  area: number,
  prio: number,
  waited: number
): number => {
  const igv = groupOf(area, IGV)
  let p = prio === 1 && rules.prio1NearestUnit ? nearestFreePatrol(view, area) : view.freePatrol(igv)
  if (p >= 0) return p
  const interrupt = mayInterruptPlannedWork(rules, prio, waited)
  if (interrupt && (p = patrolLosingLeast(view, igv, prio)) >= 0) return p
  if (rules.mealInterrupting[prio] === 1 && (p = patrolAtMeal(view, igv)) >= 0) return p
  if (rules.communityFor[prio] === 1 && (p = communityOfficer(view, area, prio, interrupt)) >= 0) return p
  if (waited >= rules.borrowAfter[prio]! && (p = borrowedPatrol(view, area, prio, interrupt)) >= 0) return p
  if (prio === 1 && rules.prio1PreemptsPrio3) return prio3JobToPreempt(view, rules, area)
  return -1
}

/**
 * Whether the call may take a patrol from planned work: prio 3 under `defer` once it has waited the defer limit
 * (the list of interrupting priorities governs interrupting at once, which deferral replaces); every other call
 * at once if its priority is in that list, otherwise never.
 */
export const mayInterruptPlannedWork = (rules: DispatchRules, prio: number, waited: number): boolean =>
  prio === 3 && rules.defer ? waited >= rules.deferLimit : rules.interrupting[prio] === 1

/** Prio 1 with `prio1NearestUnit`: a free IGV patrol of the area nearest by median travel, its own first on a tie. */
export const nearestFreePatrol = (view: DispatchView, area: number): number => {
  const areas = view.nearestAreas(area)
  let p = -1
  for (let i = 0; i < areas.length; i++) if ((p = view.freePatrol(groupOf(areas[i]!, IGV))) >= 0) return p
  return -1
}

/**
 * A patrol of the group in a planned block not protected from `prio` (0: a dated event, which no tag protects
 * from): one that has just cleared a job and would otherwise resume or start its block (taking it costs the
 * block nothing more), else the block with the least planned time left.
 */
export const patrolLosingLeast = (view: DispatchView, group: number, prio: number): number => {
  const n = view.inBlockCount(group),
    bit = 1 << prio
  let best = -1,
    earliestEnd = Infinity
  for (let i = 0; i < n; i++) {
    const p = view.inBlock(group, i)
    if ((view.blockProtectedFrom(p) & bit) !== 0) continue
    if (view.backToBlockPending(p)) return p
    const end = view.blockPlannedEnd(p)
    if (end < earliestEnd) {
      earliestEnd = end
      best = p
    }
  }
  return best
}

/** An IGV patrol of the area at a meal break (the first slot): only for priorities that may interrupt meals. */
export const patrolAtMeal = (view: DispatchView, group: number): number => {
  const n = view.slotCount(group)
  for (let i = 0; i < n; i++) if (view.atMeal(view.slot(group, i))) return view.slot(group, i)
  return -1
}

/** A free community officer of the area, then (if the call may interrupt) one in a planned block. */
export const communityOfficer = (view: DispatchView, area: number, prio: number, interrupt: boolean): number => {
  const community = groupOf(area, COMMUNITY)
  const p = view.freePatrol(community)
  return p >= 0 || !interrupt ? p : patrolLosingLeast(view, community, prio)
}

/** After the borrowing delay: a free IGV patrol of a neighbouring area, then one in an interruptible block. */
export const borrowedPatrol = (view: DispatchView, area: number, prio: number, interrupt: boolean): number => {
  const neighbours = view.neighbours(area)
  let p = -1
  for (let i = 0; i < neighbours.length; i++) if ((p = view.freePatrol(groupOf(neighbours[i]!, IGV))) >= 0) return p
  if (interrupt)
    for (let i = 0; i < neighbours.length; i++)
      if ((p = patrolLosingLeast(view, groupOf(neighbours[i]!, IGV), prio)) >= 0) return p
  return -1
}

/**
 * Prio 1 with pre-emption: a patrol of the area on a prio-3 job, the one dispatched last (least work lost; of two
 * units sent to one call at once, the second, whichever patrols they are); IGV first, then community officers if
 * they are drawn for prio 1. The engine recalls it from its job.
 */
export const prio3JobToPreempt = (view: DispatchView, rules: DispatchRules, area: number): number => {
  let best = -1,
    latest = -Infinity
  for (let kind = IGV; kind <= COMMUNITY; kind++) {
    if (kind === COMMUNITY && rules.communityFor[1] === 0) break
    const g = groupOf(area, kind),
      n = view.slotCount(g)
    for (let i = 0; i < n; i++) {
      const p = view.slot(g, i),
        order = view.prio3JobDispatchOrder(p)
      if (order > latest) {
        latest = order
        best = p
      }
    }
    if (best >= 0) break
  }
  return best
}
