import type { IgvEvent } from "@igv/domain"

/**
 * Physical invariants of an event stream, checked from the raw events alone:
 * time never runs backwards; no dispatch before registration (or of a call handled another way);
 * a patrol is dispatched only while on duty and never to two jobs at once; an incident never has more
 * patrols at once than it needs; a patrol is never on a job and in a planned block at the same
 * instant (checked once all events of an instant are in, since an interruption follows its dispatch
 * at the same t), nor in two blocks; a patrol on a dated event (PatrolCommitted … PatrolReleased) is on no job
 * and in no block at the same instant, and is on duty. Returns readable violations, empty when the stream is sound.
 */
export const streamViolations = (events: Iterable<IgvEvent>, limit = 10): Array<string> => {
  const out: Array<string> = []
  const registeredAt = new Map<string, { t: number; units: number }>()
  const handledOtherwise = new Set<string>()
  const onDuty = new Set<string>()
  /** patrol -> incident it is on. */
  const job = new Map<string, string>()
  /** incident -> patrols on it now. */
  const onIncident = new Map<string, Set<string>>()
  /** patrol -> blocks active (started or resumed, not yet interrupted/completed/abandoned). */
  const activeBlocks = new Map<string, Set<string>>()
  /** patrol -> the dated event holding it. */
  const committed = new Map<string, string>()
  let lastT = -Infinity
  let index = -1
  const flag = (e: IgvEvent, what: string) => {
    if (out.length < limit) out.push(`event #${index} ${e._tag} at t=${e.t}: ${what}`)
  }
  const checkInstant = (t: number) => {
    for (const [patrol, blocks] of activeBlocks) {
      if (blocks.size > 1 && out.length < limit)
        out.push(`at t=${t}: patrol ${patrol} is in ${blocks.size} planned blocks at once (${[...blocks].join(", ")})`)
      if (blocks.size > 0 && job.has(patrol) && out.length < limit) {
        out.push(
          `at t=${t}: patrol ${patrol} is on incident ${job.get(patrol)} and in planned block ${[...blocks].join(", ")} at once`
        )
      }
      if (blocks.size > 0 && committed.has(patrol) && out.length < limit) {
        out.push(
          `at t=${t}: patrol ${patrol} is on ${committed.get(patrol)} and in planned block ${[...blocks].join(", ")} at once`
        )
      }
    }
  }
  const leaveJob = (e: IgvEvent & { patrol: string; incident: string }) => {
    if (job.get(e.patrol) !== e.incident)
      flag(e, `patrol ${e.patrol} is not on incident ${e.incident} (on ${job.get(e.patrol) ?? "nothing"})`)
    else {
      job.delete(e.patrol)
      onIncident.get(e.incident)?.delete(e.patrol)
    }
  }
  const blockSet = (patrol: string) => {
    let s = activeBlocks.get(patrol)
    if (s === undefined) activeBlocks.set(patrol, (s = new Set()))
    return s
  }
  for (const e of events) {
    index++
    if (e.t < lastT) flag(e, `time runs backwards (previous event at t=${lastT})`)
    if (e.t > lastT) {
      if (lastT > -Infinity) checkInstant(lastT)
      lastT = e.t
    }
    switch (e._tag) {
      case "ShiftStarted":
        onDuty.add(e.patrol)
        break
      case "ShiftEnded":
        if (committed.has(e.patrol)) flag(e, `patrol ${e.patrol} goes off duty while on ${committed.get(e.patrol)}`)
        onDuty.delete(e.patrol)
        break
      case "PatrolCommitted":
        if (!onDuty.has(e.patrol)) flag(e, `patrol ${e.patrol} committed while off duty`)
        if (job.has(e.patrol) || committed.has(e.patrol))
          flag(
            e,
            `patrol ${e.patrol} committed to ${e.calendarEvent} while on ${job.get(e.patrol) ?? committed.get(e.patrol)}`
          )
        committed.set(e.patrol, e.calendarEvent)
        break
      case "PatrolReleased":
        if (committed.get(e.patrol) !== e.calendarEvent)
          flag(e, `patrol ${e.patrol} released from ${e.calendarEvent} it is not on`)
        committed.delete(e.patrol)
        break
      case "IncidentRegistered":
        if (registeredAt.has(e.incident)) flag(e, `incident ${e.incident} registered twice`)
        registeredAt.set(e.incident, { t: e.t, units: e.unitsNeeded })
        break
      case "IncidentHandledOtherwise":
        handledOtherwise.add(e.incident)
        break
      case "PatrolDispatched": {
        const r = registeredAt.get(e.incident)
        if (r === undefined) flag(e, `incident ${e.incident} dispatched before it was registered`)
        else if (e.t < r.t) flag(e, `incident ${e.incident} dispatched at ${e.t}, before its registration at ${r.t}`)
        if (handledOtherwise.has(e.incident))
          flag(e, `incident ${e.incident} was handled another way, yet a patrol is dispatched`)
        if (!onDuty.has(e.patrol) && !job.has(e.patrol)) flag(e, `patrol ${e.patrol} dispatched while off duty`)
        const current = job.get(e.patrol)
        if (current !== undefined) flag(e, `patrol ${e.patrol} dispatched to ${e.incident} while still on ${current}`)
        if (committed.has(e.patrol))
          flag(e, `patrol ${e.patrol} dispatched to ${e.incident} while on ${committed.get(e.patrol)}`)
        job.set(e.patrol, e.incident)
        let on = onIncident.get(e.incident)
        if (on === undefined) onIncident.set(e.incident, (on = new Set()))
        on.add(e.patrol)
        if (r !== undefined && on.size > r.units)
          flag(e, `incident ${e.incident} has ${on.size} patrols, needs ${r.units}`)
        break
      }
      case "PatrolOnScene":
        if (job.get(e.patrol) !== e.incident)
          flag(e, `patrol ${e.patrol} on scene at ${e.incident} without being dispatched to it`)
        break
      case "PatrolCleared":
        leaveJob(e)
        break
      case "PatrolRecalled":
        leaveJob(e)
        break
      case "PlannedBlockStarted":
      case "PlannedBlockResumed":
        blockSet(e.patrol).add(e.block)
        break
      case "PlannedBlockInterrupted":
      case "PlannedBlockGaveWay":
        if (!blockSet(e.patrol).delete(e.block))
          flag(e, `block ${e.block} interrupted but not active for patrol ${e.patrol}`)
        break
      case "PlannedBlockCompleted":
      case "PlannedBlockAbandoned":
        blockSet(e.patrol).delete(e.block)
        break
    }
  }
  if (lastT > -Infinity) checkInstant(lastT)
  return out
}
