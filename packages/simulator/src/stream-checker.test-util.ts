import type { IgvEvent, Rules, Scenario } from "@igv/domain"

const EPS = 1e-6

interface Incident {
  readonly t: number
  readonly area: string
  readonly prio: number
  readonly units: number
  dispatched: number
  recalled: number
  open: boolean
}
interface Patrol {
  onDuty: boolean
  kind: string
  area: string
  job: string | undefined
  onScene: boolean
  block: string | undefined
  /** The dated event holding the patrol. */
  committed: string | undefined
  /**
   * When the patrol's current stretch of jobs, time around jobs and dated events began; what starts at the
   * instant one of them ends continues it (`goesOn`).
   */
  busySince: number
  clearedAt: number
  releasedAt: number
  activityEndedAt: number
  recalledAt: number
  /** Dispatches that went on with the stretch, and whether that call could interrupt planned work then. */
  chained: Array<{
    readonly t: number
    readonly incident: string
    readonly mayInterrupt: boolean
    /** Taken as a dated event released the patrol: releases come before block starts of the same minute. */
    readonly atRelease: boolean
  }>
}

/** Whether what the patrol starts at `t` goes on with its busy stretch: a job, time around it or a dated event ended then. */
const goesOn = (p: Patrol, t: number): boolean => p.clearedAt === t || p.releasedAt === t || p.activityEndedAt === t
const startStretch = (p: Patrol, t: number): void => {
  p.busySince = t
  p.chained = []
}
interface Block {
  readonly patrol: string
  readonly area: string
  readonly tag: string | undefined
  readonly end: number
  state: "active" | "interrupted" | "closed"
}

/**
 * Replays an event stream against the feed's meaning (packages/domain/README.md) and the scenario's
 * rules and returns every violation found, e.g. "t=… PatrolDispatched a-1-3 to a/igv/0: patrol already on a-2-1".
 */
export const violations = (scenario: Scenario, events: ReadonlyArray<IgvEvent>): Array<string> => {
  const out: Array<string> = []
  const areaRules = new Map<string, Rules>(
    scenario.areas.map((a) => [a.id, scenario.ruleSets.find((r) => r.areas.includes(a.id))?.rules ?? scenario.rules])
  )
  const rulesOf = (area: string): Rules => areaRules.get(area) ?? scenario.rules
  /** The block's area protects its tag from this priority. */
  const isProtected = (b: Block, prio: number) =>
    rulesOf(b.area).protectedTags.some((p) => p.tag === b.tag && p.from.includes(prio as 1))
  const neighbours = new Map(scenario.areas.map((a) => [a.id as string, new Set<string>(a.neighbours)]))
  const incidents = new Map<string, Incident>()
  const patrols = new Map<string, Patrol>()
  const blocks = new Map<string, Block>()
  let last = -Infinity
  const bad = (e: IgvEvent, what: string) => out.push(`t=${e.t} ${e._tag}: ${what}`)
  const deferring = (area: string) => rulesOf(area).prio3.handling === "defer"
  const limit = (area: string) => rulesOf(area).prio3.deferLimitMinutes
  /** Under "defer" a prio-3 call may interrupt once it has waited the limit, whatever interruptingPriorities says. */
  const couldInterrupt = (inc: Incident, t: number) =>
    inc.prio === 3 && deferring(inc.area)
      ? t - inc.t >= limit(inc.area) - EPS
      : rulesOf(inc.area).interruptingPriorities.includes(inc.prio as 1)

  /**
   * Work conservation over the stretch from `t` (its events done) to `until` (the next event): no IGV
   * patrol sits free in an area where a call waits, nor stays in a planned block while a call that
   * may interrupt it waits there. A deferred prio-3 call counts once it has passed its limit before
   * `until`: its limit falls inside the stretch, when nothing else happened, so it must have interrupted.
   */
  const idleWhileWaiting = (t: number, until: number) => {
    const waiting = new Set<string>(),
      mayInterrupt = new Map<string, Array<number>>()
    for (const inc of incidents.values()) {
      if (!inc.open || inc.dispatched - inc.recalled >= inc.units) continue
      waiting.add(inc.area)
      const may = inc.prio === 3 && deferring(inc.area) ? until - inc.t > limit(inc.area) + EPS : couldInterrupt(inc, t)
      if (may) mayInterrupt.set(inc.area, [...(mayInterrupt.get(inc.area) ?? []), inc.prio])
    }
    if (waiting.size === 0) return
    for (const [id, p] of patrols) {
      if (!p.onDuty || p.kind !== "igv" || p.job !== undefined || p.committed !== undefined) continue
      if (p.block === undefined && waiting.has(p.area))
        out.push(`t=${t}: ${id} is free while a call waits in ${p.area}`)
      const b = p.block === undefined ? undefined : blocks.get(p.block)
      if (b?.state === "active" && (mayInterrupt.get(p.area) ?? []).some((prio) => !isProtected(b, prio))) {
        out.push(`t=${t}: ${id} stays in its block while a call that may interrupt waits in ${p.area}`)
      }
    }
  }

  /** The block a resume or an abandon acts on: it must be interrupted, and its patrol off its job or dated event. */
  const interruptedBlockLeft = (e: IgvEvent & { readonly block: string; readonly patrol: string }) => {
    const b = blocks.get(e.block),
      p = patrols.get(e.patrol)
    if (b?.state !== "interrupted") {
      bad(e, `${e.block} is not interrupted`)
      return undefined
    }
    if (p?.job !== undefined || p?.committed !== undefined) bad(e, `${e.patrol} is still on ${p?.job ?? p?.committed}`)
    return b
  }

  events.forEach((e, i) => {
    if (e.t < last) bad(e, `time went back from ${last}`)
    if (e.t > last && last > -Infinity) idleWhileWaiting(last, e.t)
    last = e.t
    const next = events[i + 1]
    switch (e._tag) {
      case "IncidentRegistered":
        if (incidents.has(e.incident)) bad(e, `${e.incident} registered twice`)
        incidents.set(e.incident, {
          t: e.t,
          area: e.area,
          prio: e.prio,
          units: e.unitsNeeded,
          dispatched: 0,
          recalled: 0,
          open: true
        })
        break
      case "IncidentHandledOtherwise": {
        const inc = incidents.get(e.incident)
        if (inc === undefined || inc.t !== e.t || inc.prio !== 3)
          bad(e, `${e.incident} is not a prio-3 call registered now`)
        else inc.open = false
        break
      }
      case "ShiftStarted": {
        const p = patrols.get(e.patrol)
        if (p?.onDuty === true) bad(e, `${e.patrol} already on duty`)
        patrols.set(e.patrol, {
          onDuty: true,
          kind: e.kind,
          area: e.area,
          job: undefined,
          onScene: false,
          block: undefined,
          committed: undefined,
          busySince: NaN,
          clearedAt: NaN,
          releasedAt: NaN,
          activityEndedAt: NaN,
          recalledAt: NaN,
          chained: []
        })
        break
      }
      case "ShiftEnded": {
        const p = patrols.get(e.patrol)
        if (p === undefined || !p.onDuty) bad(e, `${e.patrol} not on duty`)
        else {
          if (p.job !== undefined) bad(e, `${e.patrol} still on ${p.job}`)
          if (p.block !== undefined) bad(e, `${e.patrol} still has block ${p.block}`)
          if (p.committed !== undefined) bad(e, `${e.patrol} still on ${p.committed}`)
          p.onDuty = false
        }
        break
      }
      case "PatrolDispatched": {
        const inc = incidents.get(e.incident),
          p = patrols.get(e.patrol)
        if (inc === undefined) {
          bad(e, `${e.incident} never registered`)
          break
        }
        if (p === undefined || !p.onDuty) {
          bad(e, `${e.patrol} not on duty`)
          break
        }
        if (e.t < inc.t) bad(e, `${e.incident} dispatched before registration`)
        if (e.prio !== inc.prio) bad(e, `prio ${e.prio} but ${e.incident} is prio ${inc.prio}`)
        if (p.job !== undefined) bad(e, `${e.patrol} already on ${p.job}`)
        if (p.committed !== undefined) bad(e, `${e.patrol} is on ${p.committed}`)
        if (inc.dispatched - inc.recalled >= inc.units) bad(e, `${e.incident} gets more units than it needs`)
        const rules = rulesOf(inc.area)
        if (p.kind === "community" && !rules.communityOfficers.drawnFor.includes(inc.prio as 1))
          bad(e, `community officer ${e.patrol} on prio ${inc.prio}`)
        if (p.kind === "community" && rules.communityOfficers.crew === "alone" && inc.prio < 3)
          bad(e, `lone community officer ${e.patrol} on prio ${inc.prio}`)
        const nearest = inc.prio === 1 && rules.prio1NearestUnit && p.kind === "igv" && p.block === undefined
        if (p.area !== inc.area && !nearest) {
          const after = Math.min(...rules.borrowing.filter((b) => b.prio === inc.prio).map((b) => b.afterMinutes))
          if (p.kind !== "igv") bad(e, `community officer ${e.patrol} borrowed`)
          if (!neighbours.get(inc.area)?.has(p.area))
            bad(e, `${e.patrol} of ${p.area} is not a neighbour of ${inc.area}`)
          if (!(e.t - inc.t >= after - EPS)) bad(e, `${e.patrol} borrowed after ${e.t - inc.t} min (rule: ${after})`)
        }
        const block = p.block === undefined ? undefined : blocks.get(p.block)
        if (
          block?.state === "active" &&
          !(
            next?._tag === "PlannedBlockInterrupted" &&
            next.block === p.block &&
            next.incident === e.incident &&
            next.t === e.t
          )
        ) {
          bad(e, `${e.patrol} taken out of block ${p.block} without PlannedBlockInterrupted`)
        }
        if (p.job === undefined && p.recalledAt !== e.t) {
          // A pre-emption continues the stretch (the recall itself is checked at PatrolRecalled).
          if (goesOn(p, e.t))
            p.chained.push({
              t: e.t,
              incident: e.incident,
              mayInterrupt: couldInterrupt(inc, e.t),
              atRelease: p.releasedAt === e.t
            })
          else startStretch(p, e.t)
        }
        p.job = e.incident
        p.onScene = false
        inc.dispatched++
        break
      }
      case "PatrolOnScene": {
        const p = patrols.get(e.patrol)
        if (p?.job !== e.incident || p.onScene) bad(e, `${e.patrol} is not travelling to ${e.incident}`)
        else p.onScene = true
        break
      }
      case "PatrolCleared": {
        const p = patrols.get(e.patrol)
        if (p?.job !== e.incident || !p.onScene) bad(e, `${e.patrol} is not on scene at ${e.incident}`)
        else {
          p.job = undefined
          p.clearedAt = e.t
          p.recalledAt = NaN
        }
        break
      }
      case "PatrolRecalled": {
        const p = patrols.get(e.patrol),
          inc = incidents.get(e.incident),
          by = incidents.get(e.byIncident)
        if (by !== undefined && !rulesOf(by.area).prio1PreemptsPrio3) bad(e, "pre-emption is off")
        if (p?.job !== e.incident) bad(e, `${e.patrol} is not on ${e.incident}`)
        if (inc?.prio !== 3 || by?.prio !== 1) bad(e, `recalled from prio ${inc?.prio} by prio ${by?.prio}`)
        if (
          !(
            next?._tag === "PatrolDispatched" &&
            next.patrol === e.patrol &&
            next.incident === e.byIncident &&
            next.t === e.t
          )
        )
          bad(e, "not followed by the dispatch to the prio-1 call")
        if (p !== undefined) {
          p.job = undefined
          p.recalledAt = e.t
        }
        if (inc !== undefined) inc.recalled++
        break
      }
      case "PlannedBlockStarted": {
        const p = patrols.get(e.patrol)
        if (blocks.has(e.block)) bad(e, `${e.block} started twice`)
        if (p === undefined || !p.onDuty) bad(e, `${e.patrol} not on duty`)
        else if (p.block !== undefined) bad(e, `${e.patrol} already has block ${p.block}`)
        else p.block = e.block
        if (!(e.plannedMinutes > 0)) bad(e, `plannedMinutes ${e.plannedMinutes}`)
        const delayed = e.delayedMinutes ?? 0
        const scheduled = e.t - delayed
        if (p?.committed !== undefined) {
          // Taken by a dated event while its block waited for a job to end: it delivers nothing, counted at its planned end.
          if (
            Math.abs(delayed - e.plannedMinutes) > EPS ||
            !(next?._tag === "PlannedBlockCompleted" && next.block === e.block && next.t === e.t)
          ) {
            bad(e, `${e.patrol} is on ${p.committed}: the block may only start at its planned end, and complete`)
          }
        } else if (p !== undefined && (delayed > 0 || p.job !== undefined)) {
          // A late start: the patrol was on jobs and dated events without a break from the scheduled start until now.
          if (!(p.busySince <= scheduled + EPS))
            bad(e, `${delayed} min late, but ${e.patrol} was not on a job at the scheduled start ${scheduled}`)
          if (p.job !== undefined) {
            if (Math.abs(delayed - e.plannedMinutes) > EPS)
              bad(e, `${e.patrol} is on ${p.job}: the block may only start at its planned end`)
            if (!(next?._tag === "PlannedBlockCompleted" && next.block === e.block && next.t === e.t))
              bad(e, `started at its planned end without Completed`)
          } else if (!goesOn(p, e.t))
            // A dated event may take the patrol as its job ends (after its report); released, it starts its block late.
            bad(
              e,
              `${delayed} min late, but ${e.patrol} was neither cleared nor released now, nor done with time around a job`
            )
          // After each clearing or release the patrol took a call rather than its block only if that call could interrupt it.
          for (const c of p.chained) {
            const blockDue = c.atRelease ? c.t > scheduled + EPS : c.t >= scheduled - EPS
            if (blockDue && !c.mayInterrupt)
              bad(e, `${e.patrol} took ${c.incident} at ${c.t} instead of starting its block`)
          }
        }
        if (delayed > e.plannedMinutes + EPS)
          bad(e, `delayed ${delayed} min, more than the planned ${e.plannedMinutes}`)
        blocks.set(e.block, {
          patrol: e.patrol,
          area: e.area,
          tag: e.tag,
          end: scheduled + e.plannedMinutes,
          state: "active"
        })
        break
      }
      case "PlannedBlockInterrupted": {
        const b = blocks.get(e.block),
          p = patrols.get(e.patrol),
          inc = incidents.get(e.incident)
        if (b?.state !== "active" || b.patrol !== e.patrol) {
          bad(e, `${e.block} is not active on ${e.patrol}`)
          break
        }
        if (p?.job !== e.incident) bad(e, `${e.patrol} is not on ${e.incident}`)
        if (inc?.prio !== e.prio) bad(e, `prio ${e.prio} but ${e.incident} is prio ${inc?.prio}`)
        if (inc !== undefined && !couldInterrupt(inc, e.t))
          bad(e, `prio ${e.prio} may not interrupt after ${e.t - inc.t} min`)
        if (isProtected(b, e.prio)) bad(e, `${e.block} (tag ${b.tag}) is protected from prio ${e.prio}`)
        b.state = "interrupted"
        break
      }
      case "PatrolCommitted": {
        const p = patrols.get(e.patrol)
        if (p === undefined || !p.onDuty) {
          bad(e, `${e.patrol} not on duty`)
          break
        }
        if (p.job !== undefined || p.committed !== undefined) bad(e, `${e.patrol} is busy on ${p.job ?? p.committed}`)
        const b = p.block === undefined ? undefined : blocks.get(p.block)
        if (
          b?.state === "active" &&
          !(next?._tag === "PlannedBlockGaveWay" && next.block === p.block && next.t === e.t)
        ) {
          bad(e, `${e.patrol} taken out of block ${p.block} without PlannedBlockGaveWay`)
        }
        if (p.job === undefined && !goesOn(p, e.t)) startStretch(p, e.t)
        p.committed = e.calendarEvent
        break
      }
      case "PlannedBlockGaveWay": {
        const b = blocks.get(e.block),
          p = patrols.get(e.patrol)
        if (b?.state !== "active" || b.patrol !== e.patrol) {
          bad(e, `${e.block} is not active on ${e.patrol}`)
          break
        }
        if (p?.committed !== e.calendarEvent) bad(e, `${e.patrol} is not on ${e.calendarEvent}`)
        const event = scenario.calendar.find((c) => e.calendarEvent.startsWith(`${c.id}/`))
        if (event?.interruptsPlannedWork !== true) bad(e, `${e.calendarEvent} does not interrupt planned work`)
        b.state = "interrupted"
        break
      }
      case "PatrolReleased": {
        const p = patrols.get(e.patrol)
        if (p?.committed !== e.calendarEvent) bad(e, `${e.patrol} is not on ${e.calendarEvent}`)
        else {
          p.committed = undefined
          p.releasedAt = e.t
        }
        break
      }
      case "PlannedBlockResumed": {
        const b = interruptedBlockLeft(e)
        if (b === undefined) break
        const rules = rulesOf(b.area)
        if (!rules.resume.enabled) bad(e, "resuming is off")
        if (!(b.end - e.t >= rules.resume.minimumRemnantMinutes - EPS && b.end - e.t > 0))
          bad(e, `remnant ${b.end - e.t} min`)
        b.state = "active"
        break
      }
      case "PlannedBlockCompleted": {
        const b = blocks.get(e.block),
          p = patrols.get(e.patrol)
        if (b === undefined || b.state === "closed") {
          bad(e, `${e.block} is not open`)
          break
        }
        if (Math.abs(e.t - b.end) > EPS) bad(e, `completed at ${e.t}, planned end ${b.end}`)
        b.state = "closed"
        if (p !== undefined) p.block = undefined
        break
      }
      case "PlannedBlockAbandoned": {
        const b = interruptedBlockLeft(e),
          p = patrols.get(e.patrol)
        if (b === undefined) break
        const rules = rulesOf(b.area)
        if (rules.resume.enabled && b.end - e.t >= rules.resume.minimumRemnantMinutes && b.end - e.t > EPS)
          bad(e, `remnant ${b.end - e.t} min is worth resuming`)
        b.state = "closed"
        if (p !== undefined) p.block = undefined
        break
      }
      case "PatrolActivityStarted": {
        const p = patrols.get(e.patrol)
        if (p !== undefined && p.job === undefined && p.committed === undefined && !goesOn(p, e.t)) startStretch(p, e.t)
        break
      }
      case "PatrolActivityEnded": {
        const p = patrols.get(e.patrol)
        if (p !== undefined) p.activityEndedAt = e.t
        break
      }
    }
  })
  for (const [id, p] of patrols) if (p.onDuty) out.push(`at the end ${id} is still on duty`)
  for (const [id, b] of blocks) if (b.state !== "closed") out.push(`at the end block ${id} is still open`)
  return out
}
