import {
  type AroundJobActivity,
  type BlockId,
  type EventSink,
  eventObjects,
  type IncidentId,
  type IncidentRegistered,
  type Priority,
  type Scenario,
  type UnstaffedReason
} from "@igv/domain"
import type { SimulationOptions, SimulationSummary } from "./api.js"
import {
  CALL_RECORD,
  type CallSupply,
  callsDrawnHere,
  HANDLED_OTHERWISE,
  NEXT_CALL,
  ON_SCENE,
  TRAVEL_1,
  TRAVEL_2,
  UNITS
} from "./call-draws.js"
import { BlockState, blockStateProbe } from "./block-state.js"
import { countAt, nextDropTo } from "./calendar.js"
import { type DispatchRules, dispatchRules, type DispatchView, patrolFor, patrolLosingLeast } from "./dispatch.js"
import { compile, groupOf, IGV, type Model } from "./model.js"
import { INTO } from "./community-shifts.js"
import { drawTasks } from "./patrol-work.js"
import { EventQueue, IncidentQueue } from "./queue.js"
import { quantile, sample, type Sampler } from "./sampler.js"
import { TaskQueues } from "./task-queues.js"

// Future-event kinds, with what the event's subject is. Kinds with a generation carry the subject's generation
// counter at scheduling (see the Engine's patrol fields); the others carry 0.
/** Subject: synthetic demand stream. */
const EV_ARRIVAL = 0
/** Subject: index into the sorted replayed incidents. */
const EV_REPLAY = 1
/** Subject: first index into the model's duty changes at this time. */
const EV_DUTY = 2
/** Subject: first index into the model's block starts at this time. */
const EV_BLOCK_START = 3
/** Subject: patrol; generation: its block generation. */
const EV_BLOCK_END = 4
/** Subject: patrol; generation: its job generation. */
const EV_ON_SCENE = 5
/** Subject: patrol; generation: its job generation. */
const EV_CLEAR = 6
/** Subject: incident slot; generation: the slot's generation. A rule's waiting limit passes. */
const EV_TIMER = 7
/** Subject: index into the handed-over block rests. */
const EV_HANDOVER = 8
/** Subject: patrol; generation: its activity generation. Time around a job (briefing, meal, report, transport) ends. */
const EV_ACTIVITY_END = 9
/** Subject: patrol; generation: its meal generation. */
const EV_MEAL_DUE = 10
/** Subject: patrol; generation: its task generation. The task being worked is done. */
const EV_TASK_END = 11
/** Subject: first index into the model's dated-event starts and ends at this time. */
const EV_CALENDAR = 12
/** A community officer's shift taken or absence (model.takenShifts), subject = its index. */
const EV_SHIFT_TAKEN = 13

// Ranks order simultaneous events: duty changes, then block ends, then dated events, then block starts, then the rest.
const RANK_DUTY = 0
const RANK_BLOCK_END = 1
const RANK_CALENDAR = 2
const RANK_BLOCK_START = 3
const RANK_OTHER = 4

const { None, Active, Interrupted, PendingResume, Late, PendingLate } = BlockState

// Which availability set a patrol is in.
const IN_NONE = 0
const IN_FREE = 1
const IN_BLOCK = 2

// Time around jobs a patrol is busy with (no job, not available to dispatch; a meal only to its interrupting priorities).
const ACT_NONE = 0
const ACT_BRIEFING = 1
const ACT_MEAL = 2
const ACT_REPORT = 3
const ACT_TRANSPORT = 4
const ACTIVITIES: ReadonlyArray<AroundJobActivity> = ["briefing", "briefing", "meal", "reportWriting", "transport"]

/** Progress is reported at the first event and then every 65,536. */
const PROGRESS_MASK = (1 << 16) - 1

/** Tolerance when comparing a wait with a rule's limit (timers fire at registration + limit). */
const EPS = 1e-6

/**
 * Runs one replication of a scenario, emitting every event through options.onEvent or options.sink.
 *
 * Per area, waiting calls by priority then registration time; which patrol the call at the head gets is
 * the dispatch policy (dispatch.ts). Two-unit calls take units one by one as they come free; the dispatch
 * wait ends with the first.
 */
export const simulate = (scenario: Scenario, options: SimulationOptions): SimulationSummary =>
  new Engine(scenario, compile(scenario, options.seed), options).run()

class Engine implements DispatchView {
  private now = 0
  private events = 0
  private incidents = 0
  private readonly q = new EventQueue()
  private readonly sink: EventSink
  /** The sink reads incidents by key only (see EventSink.incidentsByKeyOnly): ids are built only for events that name them. */
  private readonly keysOnly: boolean
  private readonly onFraction: ((fraction: number) => void) | undefined
  /**
   * Events emitted by when progress is next reported. Checked by the event loop after each event rather than in
   * `emit`, and first at once: a path first taken in optimized code deoptimizes it, and `emit` is inlined into
   * every handler, so a report first made at the 65,536th event had each handler compiled again as it met it
   * (simulations/bench/LOG.md, 2026-12-07 07:00–07:42).
   */
  private progressAt: number
  private readonly replay: ReadonlyArray<IncidentRegistered>
  /** Each synthetic stream's calls, as records drawn ahead (see call-draws). */
  private readonly calls: ReadonlyArray<CallSupply>
  private readonly replayArea: Int32Array

  /** Per area: the rules of its rule set (calls by their area, resuming by the patrol's). */
  private readonly rules: ReadonlyArray<DispatchRules>
  private readonly otherwiseShare: Float64Array
  private readonly resume: Uint8Array
  private readonly minimumRemnant: Float64Array
  private readonly borrowing: boolean
  /** Areas whose prio-1 calls take the nearest free patrol of any area; served first whenever a patrol comes free. */
  private readonly nearestPrio1: Int32Array

  // Dated events: the commitment each patrol is on (-1: none), how many patrols each holds, those running per area.
  private readonly commitment: Int32Array
  private readonly committed: Int32Array
  private readonly runningCommitments: Array<Array<number>>

  // Patrols.
  //
  // Generation counters (jobGeneration, blockGeneration, and incGeneration for incident slots) cancel stale
  // events without searching the event list. An event about a job, a block or a waiting call carries the
  // counter's value when it was scheduled; whatever ends or replaces that job, block or call (cleared, recalled,
  // completed, abandoned, slot reused) bumps the counter, and the event finds a different value when it fires
  // and does nothing.
  private readonly onDuty: Uint8Array
  /** The dimensioning wants this slot on duty; 0 while it finishes a job in overtime. */
  private readonly wanted: Uint8Array
  /** When the dimensioning next takes this slot off duty (set when it comes on). */
  private readonly dutyEnd: Float64Array
  /** Per group, how many of its duty changes are at or before now: read on from where it stood, as time only moves on. */
  private readonly dutyChangesPassed: Int32Array
  private readonly job: Int32Array
  private readonly jobGeneration: Int32Array
  private readonly work: Float64Array
  private readonly onSceneAt: Float64Array
  /** When each patrol was sent to its job, as a count of dispatches so far: "dispatched last" even at one instant. */
  private readonly dispatchOrder: Float64Array
  private dispatches = 0
  /** A BlockState per patrol; changed only through toBlockState. */
  private readonly blockState: Uint8Array
  /** When the patrol's block is planned to end. */
  private readonly blockEnd: Float64Array
  /** The block's scheduled start; it differs from its PlannedBlockStarted only for a late start. */
  private readonly blockScheduled: Float64Array
  private readonly blockPlanned: Float64Array
  private readonly blockGeneration: Int32Array
  private readonly blockId: Array<BlockId>
  private readonly blockTag: Array<string | undefined>
  /** Bit p set: the block is protected from prio-p calls. */
  private readonly blockProtection: Uint8Array
  private readonly set: Uint8Array
  private readonly setPos: Int32Array
  /** Members of each group's free set and block set, stored at groupFirst[g] + position. */
  private readonly freeMembers: Int32Array
  private readonly blockMembers: Int32Array
  private readonly freeCount: Int32Array
  private readonly blockCount: Int32Array

  // Tasks and time around jobs (all idle in a scenario without them).
  private readonly tasks: TaskQueues
  private readonly activity: Uint8Array
  private readonly activityGeneration: Int32Array
  private readonly activityEnd: Float64Array
  /** The call a report or transport follows. */
  private readonly activityIncident: Array<IncidentId | undefined>
  private readonly activityPrio: Uint8Array
  /** 1 while a meal is due and not yet taken (or interrupted); `mealLeft` is what is left of it. */
  private readonly mealDue: Uint8Array
  private readonly mealLeft: Float64Array
  private readonly mealGeneration: Int32Array

  // Incidents: a pool of slots, reused once an incident is done.
  private capacity = 1024
  private incRegistered = new Float64Array(this.capacity)
  private incArea = new Int32Array(this.capacity)
  private incPrio = new Uint8Array(this.capacity)
  private incWork = new Float64Array(this.capacity)
  /** Travel uniforms of the first and second unit, drawn at registration so travel keeps common random numbers across rules. */
  private incTravel1 = new Float64Array(this.capacity)
  private incTravel2 = new Float64Array(this.capacity)
  /** Units sent so far (recalls included): picks the travel uniform. */
  private incSent = new Uint8Array(this.capacity)
  private incWanted = new Uint8Array(this.capacity)
  private incActive = new Uint8Array(this.capacity)
  private incGeneration = new Int32Array(this.capacity)
  /** The incident's id once built ("" before: see idOf); a replayed incident's from the start. */
  private incName: Array<string> = []
  /** A synthetic incident's number in its area and priority: its id is that stream's prefix and this. */
  private incNumber = new Int32Array(this.capacity)
  private freeIncidents = new Int32Array(this.capacity)
  private freeIncidentCount = 0
  private usedIncidents = 0

  /** The rests of blocks whose patrol goes off duty before the planner's end, due at that duty end (slots reused). */
  private readonly handovers: Array<{ template: number; minutes: number; block: string }> = []
  private readonly freeHandovers: Array<number> = []

  private readonly queues: Array<IncidentQueue>
  private readonly idCounters: Int32Array
  /** "area-prio-" per (area, prio), so a synthetic id is one concatenation. */
  private readonly idPrefixes: Array<string>
  private readonly touchedAreas: Int32Array
  private readonly touched: Uint8Array
  private touchedCount = 0

  constructor(
    scenario: Scenario,
    private readonly m: Model,
    options: SimulationOptions
  ) {
    this.sink = "sink" in options ? options.sink : eventObjects(options.onEvent)
    this.keysOnly = this.sink.incidentsByKeyOnly === true
    this.onFraction = options.onFraction
    this.progressAt = this.onFraction === undefined ? Number.POSITIVE_INFINITY : 0
    const rules = m.areaRules
    this.rules = rules.map((r) => dispatchRules(r, m.patrolWork.mealInterruptingPriorities))
    this.borrowing = rules.some((r) => r.borrowing.length > 0)
    this.otherwiseShare = Float64Array.from(rules, (r) => r.prio3.handledOtherwiseShare)
    this.resume = Uint8Array.from(rules, (r) => (r.resume.enabled ? 1 : 0))
    this.minimumRemnant = Float64Array.from(rules, (r) => r.resume.minimumRemnantMinutes)
    this.nearestPrio1 = Int32Array.from(rules.flatMap((r, a) => (r.prio1NearestUnit ? [a] : [])))
    this.commitment = new Int32Array(m.patrolIds.length).fill(-1)
    this.committed = new Int32Array(m.commitments.patrols.length)
    this.runningCommitments = m.areaIds.map(() => [])

    const P = m.patrolIds.length
    this.onDuty = new Uint8Array(P)
    this.wanted = new Uint8Array(P)
    this.dutyEnd = new Float64Array(P)
    this.dutyChangesPassed = new Int32Array(m.groupDuty.length)
    this.job = new Int32Array(P).fill(-1)
    this.jobGeneration = new Int32Array(P)
    this.work = new Float64Array(P)
    this.onSceneAt = new Float64Array(P)
    this.dispatchOrder = new Float64Array(P)
    this.blockState = new Uint8Array(P)
    this.blockEnd = new Float64Array(P)
    this.blockScheduled = new Float64Array(P)
    this.blockPlanned = new Float64Array(P)
    this.blockGeneration = new Int32Array(P)
    this.blockId = new Array<BlockId>(P).fill("" as BlockId)
    this.blockTag = new Array<string | undefined>(P).fill(undefined)
    this.blockProtection = new Uint8Array(P)
    this.set = new Uint8Array(P)
    this.setPos = new Int32Array(P)
    this.freeMembers = new Int32Array(P)
    this.blockMembers = new Int32Array(P)
    this.freeCount = new Int32Array(m.groupSlots.length)
    this.blockCount = new Int32Array(m.groupSlots.length)
    this.tasks = new TaskQueues(P)
    this.activity = new Uint8Array(P)
    this.activityGeneration = new Int32Array(P)
    this.activityEnd = new Float64Array(P)
    this.activityIncident = new Array<IncidentId | undefined>(P).fill(undefined)
    this.activityPrio = new Uint8Array(P)
    this.mealDue = new Uint8Array(P)
    this.mealLeft = new Float64Array(P)
    this.mealGeneration = new Int32Array(P)

    const A = m.areaIds.length
    this.queues = Array.from({ length: A * 3 }, () => new IncidentQueue())
    this.idCounters = new Int32Array(A * 3)
    this.idPrefixes = Array.from({ length: A * 3 }, (_, i) => `${m.areaIds[Math.floor(i / 3)]}-${(i % 3) + 1}-`)
    this.touchedAreas = new Int32Array(A)
    this.touched = new Uint8Array(A)

    const cal = m.calendar
    this.calls = (options.callSupplies ?? callsDrawnHere)(m.streams, cal.startT, cal.endT)
    const inHorizon = (options.incidents ?? []).filter((e) => e.t >= cal.startT && e.t < cal.endT)
    this.replay = inHorizon.sort((x, y) => x.t - y.t) // filter made a copy; sort is stable
    this.replayArea = Int32Array.from(this.replay, (e) => {
      const a = m.areaIndex.get(e.area)
      if (a === undefined)
        throw new Error(`replayed incident "${e.incident}" is in area "${e.area}", which the scenario does not declare`)
      return a
    })
  }

  run(): SimulationSummary {
    const m = this.m,
      q = this.q,
      cal = m.calendar
    this.now = cal.startT
    for (let s = 0; s < this.calls.length; s++) {
      // A stream's first record holds only when its first call comes.
      const first = this.callReady(s)
      const t = first.records[first.at + NEXT_CALL]!
      first.at += CALL_RECORD
      if (t < cal.endT) q.push(t, RANK_OTHER, EV_ARRIVAL, s, 0)
    }
    if (this.replay.length > 0) q.push(this.replay[0]!.t, RANK_OTHER, EV_REPLAY, 0, 0)
    if (m.dutyChanges.t.length > 0) q.push(m.dutyChanges.t[0]!, RANK_DUTY, EV_DUTY, 0, 0)
    if (m.blockStarts.t.length > 0) q.push(m.blockStarts.t[0]!, RANK_BLOCK_START, EV_BLOCK_START, 0, 0)
    if (m.commitments.changes.t.length > 0) q.push(m.commitments.changes.t[0]!, RANK_CALENDAR, EV_CALENDAR, 0, 0)
    if (m.takenShifts.t.length > 0) q.push(m.takenShifts.t[0]!, RANK_DUTY, EV_SHIFT_TAKEN, 0, 0)

    while (q.size > 0) {
      const node = q.pop()
      const kind = q.kind[node]!,
        subject = q.subject[node]!,
        generation = q.generation[node]!
      this.now = q.time
      switch (kind) {
        case EV_ARRIVAL:
          this.arrival(subject)
          break
        case EV_REPLAY:
          this.replayed(subject)
          break
        case EV_DUTY:
          this.dutyChange(subject)
          break
        case EV_BLOCK_START:
          this.blockStart(subject)
          break
        case EV_BLOCK_END:
          this.blockEnded(subject, generation)
          break
        case EV_ON_SCENE:
          this.arrivedOnScene(subject, generation)
          break
        case EV_CLEAR:
          this.cleared(subject, generation)
          break
        case EV_TIMER:
          this.timer(subject, generation)
          break
        case EV_HANDOVER:
          this.handOver(subject)
          break
        case EV_CALENDAR:
          this.calendarChange(subject)
          break
        case EV_ACTIVITY_END:
          this.activityEnded(subject, generation)
          break
        case EV_MEAL_DUE:
          this.mealFallsDue(subject, generation)
          break
        case EV_TASK_END:
          this.taskDone(subject, generation)
          break
        case EV_SHIFT_TAKEN:
          this.shiftTaken(subject)
          break
      }
      if (this.events >= this.progressAt) this.reportProgress(this.onFraction!)
    }
    let unserved = 0
    for (const queue of this.queues) unserved += queue.size
    return { events: this.events, incidents: this.incidents, unserved, startT: cal.startT, endT: cal.endT }
  }

  /** The sink, for one event: every event goes out through here, so the summary counts them. */
  private emit(): EventSink {
    this.events++
    return this.sink
  }

  private reportProgress(onFraction: (fraction: number) => void): void {
    this.progressAt = (this.events | PROGRESS_MASK) + 1
    const cal = this.m.calendar
    onFraction(Math.min(1, Math.max(0, (this.now - cal.startT) / Math.max(1, cal.endT - cal.startT))))
  }

  // ---- demand ----

  /** Stream `s`'s calls, with its next record ready at `at`. */
  private callReady(s: number): CallSupply {
    const calls = this.calls[s]!
    if (calls.at === calls.end) calls.refill()
    return calls
  }

  private arrival(s: number): void {
    const stream = this.m.streams[s]!
    const area = stream.area,
      prio = stream.prio
    const calls = this.callReady(s),
      r = calls.records,
      i = calls.at
    calls.at = i + CALL_RECORD
    const onSceneMinutes = r[i + ON_SCENE]!,
      unitsNeeded = r[i + UNITS]!
    const inc = this.allocIncident(area, prio)
    this.incName[inc] = ""
    this.incNumber[inc] = ++this.idCounters[area * 3 + prio - 1]!
    this.emit().incidentRegistered(
      this.now,
      this.sinkId(inc),
      this.m.areaIds[area]!,
      prio,
      onSceneMinutes,
      unitsNeeded as 1 | 2,
      inc
    )
    this.register(
      inc,
      area,
      prio,
      onSceneMinutes,
      unitsNeeded,
      r[i + TRAVEL_1]!,
      r[i + TRAVEL_2]!,
      r[i + HANDLED_OTHERWISE]!
    )
    const next = r[i + NEXT_CALL]!
    if (next < this.m.calendar.endT) this.q.push(next, RANK_OTHER, EV_ARRIVAL, s, 0)
  }

  private replayed(i: number): void {
    const event = this.replay[i]!
    const area = this.replayArea[i]!
    const inc = this.allocIncident(area, event.prio)
    this.incName[inc] = event.incident
    this.emit().incidentRegistered(
      event.t,
      event.incident,
      event.area,
      event.prio,
      event.onSceneMinutes,
      event.unitsNeeded,
      inc
    )
    const travel = this.m.replayTravelRng[area]!
    const travel1 = travel.uniform(),
      travel2 = travel.uniform()
    const otherwise = event.prio === 3 ? this.m.replayOtherwiseRng[area]!.uniform() : 0
    this.register(inc, area, event.prio, event.onSceneMinutes, event.unitsNeeded, travel1, travel2, otherwise)
    if (i + 1 < this.replay.length) this.q.push(this.replay[i + 1]!.t, RANK_OTHER, EV_REPLAY, i + 1, 0)
  }

  /** A call in slot `inc`, which it holds until its last patrol clears (or at once, if handled otherwise). */
  private register(
    inc: number,
    area: number,
    prio: Priority,
    work: number,
    units: number,
    travel1: number,
    travel2: number,
    /** The call's handled-otherwise draw: compared with the area's share for prio 3 only. */
    otherwiseDraw: number
  ): void {
    this.incidents++
    if (prio === 3 && otherwiseDraw < this.otherwiseShare[area]!) {
      this.emit().incidentHandledOtherwise(this.now, this.sinkId(inc), inc)
      this.releaseIncident(inc)
      return
    }
    this.incRegistered[inc] = this.now
    this.incWork[inc] = work
    this.incWanted[inc] = units
    this.incActive[inc] = 0
    this.incSent[inc] = 0
    this.incTravel1[inc] = travel1
    this.incTravel2[inc] = travel2
    const queue = this.queues[area * 3 + prio - 1]!
    queue.push(inc)
    // Calls ahead in the same queue are waiting, so this one cannot be served either.
    if (queue.size === 1) this.serveQueue(area, prio)
    if (this.incWanted[inc]! > 0) this.armTimers(inc)
  }

  /** Wakes the call up when a rule's waiting limit makes more patrols eligible. */
  private armTimers(inc: number): void {
    const prio = this.incPrio[inc]!,
      registered = this.incRegistered[inc]!,
      rules = this.rules[this.incArea[inc]!]!
    const borrowAt = registered + rules.borrowAfter[prio]!
    if (borrowAt > this.now && borrowAt < Infinity)
      this.q.push(borrowAt, RANK_OTHER, EV_TIMER, inc, this.incGeneration[inc]!)
    if (prio === 3 && rules.defer) {
      const deferAt = registered + rules.deferLimit
      if (deferAt > this.now) this.q.push(deferAt, RANK_OTHER, EV_TIMER, inc, this.incGeneration[inc]!)
    }
  }

  private timer(inc: number, generation: number): void {
    if (this.incGeneration[inc] === generation && this.incWanted[inc]! > 0) this.dispatchArea(this.incArea[inc]!)
  }

  /** A free slot for a call of `area` and `prio`. */
  private allocIncident(area: number, prio: Priority): number {
    let inc: number
    if (this.freeIncidentCount > 0) inc = this.freeIncidents[--this.freeIncidentCount]!
    else {
      if (this.usedIncidents === this.capacity) this.growIncidents()
      inc = this.usedIncidents++
    }
    this.incArea[inc] = area
    this.incPrio[inc] = prio
    return inc
  }

  /** The incident's id, built the first time it is asked for (a synthetic id costs a string). */
  private idOf(inc: number): IncidentId {
    let id = this.incName[inc]!
    if (id === "")
      this.incName[inc] = id = this.idPrefixes[this.incArea[inc]! * 3 + this.incPrio[inc]! - 1]! + this.incNumber[inc]!
    return id as IncidentId
  }

  /** The id the sink is told: none ("") if it reads incidents by key only. */
  private sinkId(inc: number): IncidentId {
    return this.keysOnly ? ("" as IncidentId) : this.idOf(inc)
  }

  private releaseIncident(inc: number): void {
    this.incGeneration[inc]!++
    this.incName[inc] = ""
    this.freeIncidents[this.freeIncidentCount++] = inc
  }

  private growIncidents(): void {
    const cap = this.capacity * 2
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old)
      return next
    }
    this.incRegistered = grow(this.incRegistered, new Float64Array(cap))
    this.incArea = grow(this.incArea, new Int32Array(cap))
    this.incPrio = grow(this.incPrio, new Uint8Array(cap))
    this.incWork = grow(this.incWork, new Float64Array(cap))
    this.incTravel1 = grow(this.incTravel1, new Float64Array(cap))
    this.incTravel2 = grow(this.incTravel2, new Float64Array(cap))
    this.incSent = grow(this.incSent, new Uint8Array(cap))
    this.incWanted = grow(this.incWanted, new Uint8Array(cap))
    this.incActive = grow(this.incActive, new Uint8Array(cap))
    this.incGeneration = grow(this.incGeneration, new Int32Array(cap))
    this.incNumber = grow(this.incNumber, new Int32Array(cap))
    this.freeIncidents = grow(this.freeIncidents, new Int32Array(cap))
    this.capacity = cap
  }

  // ---- dimensioning ----

  private dutyChange(first: number): void {
    const changes = this.m.dutyChanges,
      n = changes.t.length,
      now = this.now
    let i = first
    for (; i < n && changes.t[i] === now; i++) {
      const g = changes.group[i]!,
        from = changes.from[i]!,
        to = changes.to[i]!
      const base = this.m.groupFirst[g]!
      if (to > from) {
        for (let s = from; s < to; s++) this.slotOn(base + s)
        this.touch(g >> 1)
      } else {
        for (let s = from - 1; s >= to; s--) this.slotOff(base + s)
      }
    }
    if (i < n) this.q.push(changes.t[i]!, RANK_DUTY, EV_DUTY, i, 0)
    this.dispatchTouched()
  }

  /** Only the record: the roster already moved the officer (model.takenShifts). */
  private shiftTaken(i: number): void {
    const taken = this.m.takenShifts,
      areaIds = this.m.areaIds
    const into = taken.into[i]!,
      area = areaIds[taken.area[i]!]!,
      minutes = taken.minutes[i]!,
      label = taken.label[i]
    if (into < 0)
      this.emit().communityShift({
        _tag: "CommunityOfficerAbsent",
        t: this.now,
        area,
        minutes,
        reason: label as "training" | "meeting" | "leave",
        covered: taken.covered[i] === 1
      })
    else
      this.emit().communityShift({
        _tag: "CommunityShiftTaken",
        t: this.now,
        area,
        minutes,
        into: INTO[into]!,
        ...(taken.toArea[i]! >= 0 && INTO[into] === "neighbourIgv" ? { toArea: areaIds[taken.toArea[i]!]! } : {}),
        ...(label !== undefined ? { duty: label } : {})
      })
    if (i + 1 < taken.t.length) this.q.push(taken.t[i + 1]!, RANK_DUTY, EV_SHIFT_TAKEN, i + 1, 0)
  }

  private slotOn(p: number): void {
    this.wanted[p] = 1
    this.dutyEnd[p] = this.dutyEndOf(p)
    if (this.onDuty[p] === 1) return // still on a job in overtime: the duty simply continues
    this.onDuty[p] = 1
    const area = this.m.patrolArea[p]!
    const kind = (this.m.patrolGroup[p]! & 1) === IGV ? "igv" : "community"
    this.emit().shiftStarted(this.now, this.m.patrolIds[p]!, this.m.areaIds[area]!, kind)
    this.dutyStarts(p, area)
  }

  /** When the dimensioning takes slot p, on duty now, off again. */
  private dutyEndOf(p: number): number {
    const g = this.m.patrolGroup[p]!,
      line = this.m.groupDuty[g]!
    let passed = this.dutyChangesPassed[g]!
    while (passed < line.times.length && line.times[passed]! <= this.now) passed++
    this.dutyChangesPassed[g] = passed
    return nextDropTo(line, passed, this.m.patrolSlot[p]!)
  }

  private slotOff(p: number): void {
    this.wanted[p] = 0
    if (this.onDuty[p] === 0) return
    // Blocks are clipped to the duty, so one still open ends here (float rounding aside).
    if (this.blockState[p] !== None) this.completeBlock(p)
    if (this.commitment[p]! >= 0) this.release(p)
    this.dutyWorkEnds(p)
    if (this.busy(p)) return // overtime: ShiftEnded when the job (and its report, transport) is done
    this.leaveSet(p)
    this.onDuty[p] = 0
    this.emit().shiftEnded(this.now, this.m.patrolIds[p]!)
  }

  // ---- planned blocks ----

  private blockStart(first: number): void {
    const starts = this.m.blockStarts,
      n = starts.t.length,
      now = this.now
    let i = first
    for (; i < n && starts.t[i] === now; i++) this.assignBlocks(starts.template[i]!, starts.day[i]!)
    if (i < n) this.q.push(starts.t[i]!, RANK_BLOCK_START, EV_BLOCK_START, i, 0)
  }

  private assignBlocks(k: number, day: number): void {
    const m = this.m,
      tpl = m.templates[k]!
    this.staffBlock(k, tpl.durationMinutes, tpl.patrols, `${m.areaIds[tpl.area]}/${tpl.name}/${m.calendar.date(day)}`)
  }

  /**
   * Gives `minutes` of template k's block, from now, to `patrols` on-duty slots of its area and kind above the
   * reserve that hold no block yet: slots not on a job first (lowest index first), then slots busy on any job,
   * whose block starts late when the job is cleared. The same under every rule set, so the planned time is the
   * same whichever priorities may interrupt. Each patrol's share that finds no slot is emitted as unstaffed,
   * with why: nobody of the kind on duty, the reserve holding the slots back, or too few slots free of blocks.
   */
  private staffBlock(k: number, minutes: number, patrols: number, idPrefix: string): void {
    const m = this.m,
      tpl = m.templates[k]!,
      g = groupOf(tpl.area, tpl.kind)
    const reserve = tpl.kind === IGV ? countAt(m.reserve[tpl.area]!, this.now) : 0
    const base = m.groupFirst[g]!,
      slots = m.groupSlots[g]!
    let given = 0
    for (let pass = 0; pass < 2; pass++) {
      for (let s = reserve; s < slots && given < patrols; s++) {
        const p = base + s
        if (!this.canTakeBlock(p) || this.busy(p) !== (pass === 1)) continue
        this.giveBlock(p, `${idPrefix}/${given}` as BlockId, k, minutes)
        given++
      }
    }
    if (given < patrols) this.unstaffed(k, minutes, patrols, given, idPrefix, Math.min(reserve, slots))
  }

  private canTakeBlock(p: number): boolean {
    return (
      this.wanted[p] === 1 &&
      this.onDuty[p] === 1 &&
      this.blockState[p] === None &&
      this.commitment[p]! < 0 &&
      this.dutyEnd[p]! - this.now > EPS
    )
  }

  private unstaffed(
    k: number,
    minutes: number,
    patrols: number,
    given: number,
    idPrefix: string,
    reserve: number
  ): void {
    const m = this.m,
      tpl = m.templates[k]!,
      g = groupOf(tpl.area, tpl.kind),
      base = m.groupFirst[g]!
    let onDuty = 0,
      heldBack = 0
    for (let s = 0; s < m.groupSlots[g]!; s++) {
      if (this.wanted[base + s] === 1) onDuty++
      if (s < reserve && this.canTakeBlock(base + s)) heldBack++
    }
    const area = m.areaIds[tpl.area]!,
      kind = tpl.kind === IGV ? "igv" : "community",
      tag = tpl.tag
    for (let i = given; i < patrols; i++) {
      const reason: UnstaffedReason = onDuty === 0 ? "nobodyOnDuty" : i - given < heldBack ? "reserve" : "tooFewPatrols"
      const block = `${idPrefix}/${i}` as BlockId
      this.emit().plannedBlockUnstaffed(this.now, block, area, kind, minutes, tag, reason)
    }
  }

  /** The block runs to the planner's end or the patrol's duty end, whichever is first; the rest is handed over then. */
  private giveBlock(p: number, block: BlockId, k: number, minutes: number): void {
    const plannedMinutes = Math.min(minutes, this.dutyEnd[p]! - this.now)
    const generation = ++this.blockGeneration[p]!
    this.blockId[p] = block
    this.blockScheduled[p] = this.now
    this.blockPlanned[p] = plannedMinutes
    this.blockEnd[p] = this.now + plannedMinutes
    this.blockTag[p] = this.m.templates[k]!.tag
    this.blockProtection[p] = this.m.templates[k]!.protectedFrom
    if (minutes - plannedMinutes > EPS) this.scheduleHandover(k, minutes - plannedMinutes, block, this.blockEnd[p]!)
    if (this.busy(p)) this.toBlockState(p, Late)
    else {
      if (this.set[p] === IN_BLOCK) this.pauseTask(p, -1)
      this.emitStarted(p, 0)
      this.leaveSet(p)
      this.addBlock(p)
      this.toBlockState(p, Active)
    }
    this.q.push(this.blockEnd[p]!, RANK_BLOCK_END, EV_BLOCK_END, p, generation)
  }

  /**
   * The patrol goes off duty at `at`, before the block's planned end: whatever becomes of its own part (completed,
   * abandoned), the rest is staffed then like a block of its own, by another patrol of its kind, or unstaffed.
   */
  private scheduleHandover(template: number, minutes: number, block: string, at: number): void {
    const rest = { template, minutes, block: `${block}/handover` }
    const i = this.freeHandovers.length > 0 ? this.freeHandovers.pop()! : this.handovers.length
    this.handovers[i] = rest
    this.q.push(at, RANK_BLOCK_START, EV_HANDOVER, i, 0)
  }

  private handOver(i: number): void {
    const rest = this.handovers[i]!
    this.freeHandovers.push(i)
    this.staffBlock(rest.template, rest.minutes, 1, rest.block)
  }

  /** PlannedBlockStarted now, `delayedMinutes` after the block's scheduled start (0: on time). */
  private emitStarted(p: number, delayedMinutes: number): void {
    const block = this.blockId[p]!,
      patrol = this.m.patrolIds[p]!,
      area = this.m.areaIds[this.m.patrolArea[p]!]!
    this.emit().plannedBlockStarted(
      this.now,
      block,
      patrol,
      area,
      this.blockPlanned[p]!,
      this.blockTag[p],
      delayedMinutes
    )
  }

  private blockEnded(p: number, generation: number): void {
    if (this.blockGeneration[p] !== generation || this.blockState[p] === None) return
    const wasActive = this.blockState[p] === Active
    this.completeBlock(p)
    if (wasActive) {
      this.becomeIdle(p)
      this.dispatchFreed(this.m.patrolArea[p]!)
    }
  }

  private completeBlock(p: number): void {
    // The patrol was on a job from the scheduled start to the planned end: nothing delivered, but planned.
    if (this.blockState[p] === Late) this.emitStarted(p, this.blockPlanned[p]!)
    if (this.set[p] === IN_BLOCK) this.leaveSet(p)
    this.toBlockState(p, None)
    this.blockGeneration[p]!++
    this.emit().plannedBlockCompleted(this.now, this.blockId[p]!, this.m.patrolIds[p]!)
  }

  // ---- jobs ----

  private arrivedOnScene(p: number, generation: number): void {
    if (this.jobGeneration[p] !== generation) return
    const inc = this.job[p]!
    this.emit().patrolOnScene(this.now, this.sinkId(inc), this.m.patrolIds[p]!, inc)
    this.onSceneAt[p] = this.now
    this.q.push(this.now + this.work[p]!, RANK_OTHER, EV_CLEAR, p, generation)
  }

  private cleared(p: number, generation: number): void {
    if (this.jobGeneration[p] !== generation) return
    const inc = this.job[p]!,
      prio = this.incPrio[inc]!,
      pw = this.m.patrolWork,
      transport = pw.transport[prio]
    // A transport or report after the job names it: its id is built before the slot may be freed.
    const after = transport !== undefined || pw.reportWriting[prio] !== undefined ? this.idOf(inc) : undefined
    this.emit().patrolCleared(this.now, this.sinkId(inc), this.m.patrolIds[p]!, inc, p)
    this.job[p] = -1
    this.jobGeneration[p]!++
    if (--this.incActive[inc]! === 0 && this.incWanted[inc] === 0) this.releaseIncident(inc)
    const rng = pw.rng[this.m.patrolArea[p]!]!
    if (transport !== undefined && rng.transport.uniform() < pw.transportShare[prio]!)
      this.startActivity(p, ACT_TRANSPORT, sample(transport, rng.transport), after, prio)
    else this.reportOrAvailable(p, after, prio)
  }

  /**
   * After a job: overtime ends the duty; a late block starts and an interrupted block resumes (unless
   * a call that may interrupt takes the patrol first), or the interrupted block is abandoned.
   */
  private patrolAvailable(p: number): void {
    if (this.wanted[p] === 0) {
      if (this.blockState[p] !== None) this.completeBlock(p)
      this.onDuty[p] = 0
      this.emit().shiftEnded(this.now, this.m.patrolIds[p]!)
      return
    }
    const area = this.m.patrolArea[p]!
    if (this.mealDue[p] === 1) {
      this.startMeal(p)
      return
    }
    if (this.blockState[p] !== None && this.backToBlock(p, area)) return
    this.becomeIdle(p)
    this.dispatchFreed(area)
  }

  /**
   * A patrol with a late or interrupted block just came free: unless a call that may interrupt takes
   * it first, the late block starts or the interrupted one resumes; false if the interrupted block is
   * abandoned instead (the patrol is free).
   */
  private backToBlock(p: number, area: number): boolean {
    const late = this.blockState[p] === Late
    if (!late) {
      const remnant = this.blockEnd[p]! - this.now
      if (!(this.resume[area] === 1 && remnant > 0 && remnant >= this.minimumRemnant[area]!)) {
        this.toBlockState(p, None)
        this.blockGeneration[p]!++
        this.emit().plannedBlockAbandoned(this.now, this.blockId[p]!, this.m.patrolIds[p]!)
        return false
      }
    }
    const pending = late ? PendingLate : PendingResume
    this.toBlockState(p, pending)
    this.addBlock(p)
    this.dispatchFreed(area)
    if (this.blockState[p] === pending) {
      this.toBlockState(p, Active)
      if (late) this.emitStarted(p, this.now - this.blockScheduled[p]!)
      else this.emit().plannedBlockResumed(this.now, this.blockId[p]!, this.m.patrolIds[p]!)
    }
    return true
  }

  // ---- tasks and time around jobs ----

  /** In the block set without a block: working on its first task, or about to start or resume it. */
  private onTask(p: number): boolean {
    return this.set[p] === IN_BLOCK && this.blockState[p] === None
  }

  /** On a job, or busy with a report, transport, briefing or meal: a block given now starts late. */
  private busy(p: number): boolean {
    return this.job[p]! >= 0 || this.activity[p] !== ACT_NONE
  }

  /** A slot's new duty period: its meals start falling due, the group chief's tasks are handed out, the briefing opens it. */
  private dutyStarts(p: number, area: number): void {
    const pw = this.m.patrolWork,
      patrol = this.m.patrolIds[p]!
    if (pw.meal !== undefined) this.scheduleMeal(p, this.now + pw.mealEveryMinutes)
    const handedOut = drawTasks(pw, area, this.m.patrolGroup[p]! & 1, this.now)
    for (let i = 0; i < handedOut.length; i++) {
      const { minutes, tag } = handedOut[i]!
      const task = this.tasks.add(p, patrol, minutes),
        areaId = this.m.areaIds[area]!
      this.emit().patrolWork(
        tag === undefined
          ? { _tag: "TaskAssigned", t: this.now, task, patrol, area: areaId, plannedMinutes: minutes }
          : { _tag: "TaskAssigned", t: this.now, task, patrol, area: areaId, plannedMinutes: minutes, tag }
      )
    }
    if (pw.briefing !== undefined)
      this.startActivity(p, ACT_BRIEFING, sample(pw.briefing, pw.rng[area]!.briefing), undefined, 0)
    else this.becomeIdle(p)
  }

  /** The duty ends: tasks not done are abandoned (they were due by its end), a meal or briefing under way ends, no meal falls due. */
  private dutyWorkEnds(p: number): void {
    this.mealGeneration[p]!++
    this.mealDue[p] = 0
    const act = this.activity[p]
    if (act === ACT_MEAL || act === ACT_BRIEFING) this.endActivity(p, undefined)
    const tasks = this.tasks,
      patrol = this.m.patrolIds[p]!
    if (tasks.working[p] === 1) tasks.stopWork(p, this.now)
    while (tasks.count(p) > 0) {
      this.emit().patrolWork({ _tag: "TaskAbandoned", t: this.now, task: tasks.head(p), patrol })
      tasks.shift(p)
    }
  }

  /** A patrol with nothing to do: its due meal first, else its next task, else it is free. */
  private becomeIdle(p: number): void {
    if (this.mealDue[p] === 1) this.startMeal(p)
    else if (this.tasks.count(p) === 0 || !this.startTask(p)) this.addFree(p)
  }

  /**
   * The first task a call did not end starts or resumes, unless a waiting call that may interrupt planned work takes
   * the patrol first (as before a block resumes). An interrupted task resumes under the blocks' rule (`resume`), else
   * it is abandoned. False when no task is left.
   */
  private startTask(p: number): boolean {
    const tasks = this.tasks,
      patrol = this.m.patrolIds[p]!,
      area = this.m.patrolArea[p]!
    while (tasks.count(p) > 0 && tasks.interrupted[p] === 1) {
      const left = tasks.headLeft(p)
      if (this.resume[area] === 1 && left > 0 && left >= this.minimumRemnant[area]!) break
      this.emit().patrolWork({ _tag: "TaskAbandoned", t: this.now, task: tasks.head(p), patrol })
      tasks.shift(p)
    }
    if (tasks.count(p) === 0) return false
    tasks.pending[p] = 1
    this.addBlock(p)
    this.dispatchFreed(area)
    if (tasks.pending[p] === 1) {
      tasks.pending[p] = 0
      tasks.working[p] = 1
      tasks.interrupted[p] = 0
      tasks.since[p] = this.now
      this.emit().patrolWork({ _tag: "TaskStarted", t: this.now, task: tasks.head(p), patrol })
      this.q.push(this.now + tasks.headLeft(p), RANK_OTHER, EV_TASK_END, p, ++tasks.generation[p]!)
    }
    return true
  }

  /** The patrol stops its task: for call `inc` (an interruption), or with inc < 0 set aside for a block or a meal. */
  private pauseTask(p: number, inc: number): void {
    const tasks = this.tasks
    if (tasks.pending[p] === 1) {
      tasks.pending[p] = 0
      return
    }
    if (tasks.working[p] === 0) return
    tasks.stopWork(p, this.now)
    const task = tasks.head(p),
      patrol = this.m.patrolIds[p]!
    if (inc < 0) this.emit().patrolWork({ _tag: "TaskPaused", t: this.now, task, patrol })
    else {
      tasks.interrupted[p] = 1
      this.emit().patrolWork({
        _tag: "TaskPaused",
        t: this.now,
        task,
        patrol,
        incident: this.idOf(inc),
        prio: this.incPrio[inc] as Priority
      })
    }
  }

  private taskDone(p: number, generation: number): void {
    const tasks = this.tasks
    if (tasks.generation[p] !== generation || tasks.working[p] === 0) return
    tasks.stopWork(p, this.now)
    this.emit().patrolWork({ _tag: "TaskCompleted", t: this.now, task: tasks.head(p), patrol: this.m.patrolIds[p]! })
    tasks.shift(p)
    this.leaveSet(p)
    this.becomeIdle(p)
    this.dispatchFreed(this.m.patrolArea[p]!)
  }

  private startActivity(p: number, act: number, minutes: number, incident: IncidentId | undefined, prio: number): void {
    if (act === ACT_MEAL) this.mealDue[p] = 0
    this.activity[p] = act
    this.activityEnd[p] = this.now + minutes
    this.activityIncident[p] = incident
    this.activityPrio[p] = prio
    const generation = ++this.activityGeneration[p]!,
      patrol = this.m.patrolIds[p]!,
      activity = ACTIVITIES[act]!
    this.emit().patrolWork(
      incident === undefined
        ? { _tag: "PatrolActivityStarted", t: this.now, patrol, activity }
        : { _tag: "PatrolActivityStarted", t: this.now, patrol, activity, incident, prio: prio as Priority }
    )
    this.q.push(this.activityEnd[p]!, RANK_OTHER, EV_ACTIVITY_END, p, generation)
  }

  private endActivity(p: number, byIncident: IncidentId | undefined): void {
    const activity = ACTIVITIES[this.activity[p]!]!,
      patrol = this.m.patrolIds[p]!
    this.activity[p] = ACT_NONE
    this.activityGeneration[p]!++
    this.emit().patrolWork(
      byIncident === undefined
        ? { _tag: "PatrolActivityEnded", t: this.now, patrol, activity }
        : { _tag: "PatrolActivityEnded", t: this.now, patrol, activity, byIncident }
    )
  }

  private activityEnded(p: number, generation: number): void {
    if (this.activityGeneration[p] !== generation) return
    const act = this.activity[p]
    this.endActivity(p, undefined)
    if (act === ACT_TRANSPORT) this.reportOrAvailable(p, this.activityIncident[p], this.activityPrio[p]!)
    else this.patrolAvailable(p)
  }

  /** After a call (and its transport): the report, if one is written for its priority, then the patrol is available. */
  private reportOrAvailable(p: number, incident: IncidentId | undefined, prio: number): void {
    const writing: Sampler | undefined = this.m.patrolWork.reportWriting[prio]
    if (writing === undefined) {
      this.patrolAvailable(p)
      return
    }
    this.startActivity(
      p,
      ACT_REPORT,
      sample(writing, this.m.patrolWork.rng[this.m.patrolArea[p]!]!.reportWriting),
      incident,
      prio
    )
  }

  private startMeal(p: number): void {
    this.startActivity(p, ACT_MEAL, this.mealLeft[p]!, undefined, 0)
  }

  /** A call of a priority that may interrupt meals takes the patrol; the rest of the meal is taken after the job. */
  private interruptMeal(p: number, inc: number): void {
    const left = this.activityEnd[p]! - this.now
    this.mealLeft[p] = left
    this.mealDue[p] = left > EPS ? 1 : 0
    this.endActivity(p, this.idOf(inc))
  }

  private scheduleMeal(p: number, at: number): void {
    if (at < this.m.calendar.endT) this.q.push(at, RANK_OTHER, EV_MEAL_DUE, p, this.mealGeneration[p]!)
  }

  /** A meal falls due: taken now if the patrol is free or on a task, else when it next has nothing to do. */
  private mealFallsDue(p: number, generation: number): void {
    if (this.mealGeneration[p] !== generation || this.wanted[p] === 0) return
    const pw = this.m.patrolWork
    this.scheduleMeal(p, this.now + pw.mealEveryMinutes)
    if (this.mealDue[p] === 1 || this.activity[p] === ACT_MEAL) return
    this.mealDue[p] = 1
    this.mealLeft[p] = sample(pw.meal!, pw.rng[this.m.patrolArea[p]!]!.meal)
    const onTask = this.onTask(p)
    if (this.set[p] !== IN_FREE && !onTask) return
    if (onTask) this.pauseTask(p, -1)
    this.leaveSet(p)
    this.startMeal(p)
  }

  // ---- dispatch ----

  /**
   * A patrol of `area` became available: dated events short of patrols there first, then prio-1 calls that take the
   * nearest patrol of any area, then its own area's calls, then neighbours that may borrow it.
   */
  private dispatchFreed(area: number): void {
    if (this.runningCommitments[area]!.length > 0) this.serveCommitments(area)
    for (let i = 0; i < this.nearestPrio1.length; i++) this.serveQueue(this.nearestPrio1[i]!, 1)
    this.dispatchArea(area)
    if (!this.borrowing) return
    const borrowers = this.m.borrowers[area]!
    for (let i = 0; i < borrowers.length; i++) this.dispatchArea(borrowers[i]!)
  }

  private touch(area: number): void {
    if (this.touched[area] === 1) return
    this.touched[area] = 1
    this.touchedAreas[this.touchedCount++] = area
  }

  private dispatchTouched(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const area = this.touchedAreas[i]!
      this.touched[area] = 0
      this.dispatchFreed(area)
    }
    this.touchedCount = 0
  }

  private dispatchArea(area: number): void {
    this.serveQueue(area, 1)
    this.serveQueue(area, 2)
    this.serveQueue(area, 3)
  }

  /** Serves the head of one queue while a patrol can be found; the head waited longest, so if it cannot be served no one behind it can. */
  private serveQueue(area: number, prio: number): void {
    const queue = this.queues[area * 3 + prio - 1]!
    while (queue.size > 0) {
      const inc = queue.peek()
      const p = this.findPatrol(inc)
      if (p < 0) return
      this.assign(p, inc)
      if (this.incWanted[inc] === 0) queue.shift()
    }
  }

  private findPatrol(inc: number): number {
    const waited = this.now - this.incRegistered[inc]! + EPS
    const area = this.incArea[inc]!
    return patrolFor(this, this.rules[area]!, area, this.incPrio[inc]!, waited)
  }

  // ---- what dispatch sees (DispatchView) ----

  freePatrol(g: number): number {
    const n = this.freeCount[g]!
    return n === 0 ? -1 : this.freeMembers[this.m.groupFirst[g]! + n - 1]!
  }

  inBlockCount(g: number): number {
    return this.blockCount[g]!
  }

  inBlock(g: number, i: number): number {
    return this.blockMembers[this.m.groupFirst[g]! + i]!
  }

  backToBlockPending(p: number): boolean {
    const state = this.blockState[p]
    return state === PendingResume || state === PendingLate || this.tasks.pending[p] === 1
  }

  blockPlannedEnd(p: number): number {
    return this.blockState[p] === None ? this.tasks.since[p]! + this.tasks.headLeft(p) : this.blockEnd[p]!
  }

  atMeal(p: number): boolean {
    return this.activity[p] === ACT_MEAL
  }

  /** Tags protect planned blocks only: a patrol on a task (no block) is never protected. */
  blockProtectedFrom(p: number): number {
    return this.blockState[p] === None ? 0 : this.blockProtection[p]!
  }

  slotCount(g: number): number {
    return this.m.groupSlots[g]!
  }

  slot(g: number, i: number): number {
    return this.m.groupFirst[g]! + i
  }

  prio3JobDispatchOrder(p: number): number {
    const job = this.job[p]!
    return job < 0 || this.wanted[p] === 0 || this.incPrio[job] !== 3 ? -Infinity : this.dispatchOrder[p]!
  }

  neighbours(area: number): Int32Array {
    return this.m.neighbours[area]!
  }

  nearestAreas(area: number): Int32Array {
    return this.m.nearestAreas[area]!
  }

  /** Takes a patrol out of its availability set for a job or a dated event; true if that interrupts its running block. */
  private takeFromSet(p: number): boolean {
    let interrupts = false
    if (this.set[p] === IN_BLOCK && this.blockState[p] !== None) {
      const state = this.blockState[p]
      interrupts = state === Active
      // A late block not yet started waits for the end of this job too; it was never interrupted.
      this.toBlockState(p, state === PendingLate ? Late : Interrupted)
    }
    this.leaveSet(p)
    return interrupts
  }

  private assign(p: number, inc: number): void {
    let interrupts = false,
      onTask = false
    if (this.job[p]! >= 0) this.recall(p, inc)
    else if (this.activity[p] === ACT_MEAL) this.interruptMeal(p, inc)
    else {
      onTask = this.onTask(p)
      interrupts = this.takeFromSet(p)
    }
    const patrol = this.m.patrolIds[p]!,
      incident = this.sinkId(inc),
      prio = this.incPrio[inc] as Priority
    this.emit().patrolDispatched(this.now, incident, patrol, prio, inc, p)
    if (interrupts) this.emit().plannedBlockInterrupted(this.now, this.blockId[p]!, patrol, incident, prio)
    if (onTask) this.pauseTask(p, inc)
    this.incWanted[inc]!--
    this.incActive[inc]!++
    this.job[p] = inc
    const generation = ++this.jobGeneration[p]!
    this.work[p] = this.incWork[inc]!
    this.onSceneAt[p] = NaN
    this.dispatchOrder[p] = ++this.dispatches
    const from = this.m.patrolArea[p]!,
      to = this.incArea[inc]!
    const u = this.incSent[inc]!++ === 0 ? this.incTravel1[inc]! : this.incTravel2[inc]!
    const travel = quantile(this.m.travel[this.m.travelModel[from * this.m.areaIds.length + to]!]!, u)
    this.q.push(this.now + travel, RANK_OTHER, EV_ON_SCENE, p, generation)
  }

  /** Pre-emption: the prio-3 job loses this patrol and waits again, in registration order, with the work left. */
  private recall(p: number, byInc: number): void {
    const old = this.job[p]!
    this.emit().patrolRecalled(this.now, this.sinkId(old), this.m.patrolIds[p]!, this.sinkId(byInc), old, p)
    const onScene = this.onSceneAt[p]!
    const left = Number.isNaN(onScene) ? this.work[p]! : Math.max(0, this.work[p]! - (this.now - onScene))
    const waiting = this.incWanted[old]! > 0
    this.incWork[old] = waiting ? Math.max(this.incWork[old]!, left) : left
    this.incWanted[old]!++
    this.incActive[old]!--
    this.job[p] = -1
    this.jobGeneration[p]!++
    if (!waiting) {
      this.queues[this.incArea[old]! * 3 + 2]!.insertByRegistration(old, this.incRegistered)
      this.q.push(this.now, RANK_OTHER, EV_TIMER, old, this.incGeneration[old]!)
      this.armTimers(old)
    }
  }

  // ---- dated events ----

  private calendarChange(first: number): void {
    const cm = this.m.commitments,
      changes = cm.changes,
      n = changes.t.length,
      now = this.now
    let i = first
    for (; i < n && changes.t[i] === now; i++) {
      const c = changes.commitment[i]!,
        area = cm.group[c]! >> 1,
        running = this.runningCommitments[area]!
      if (changes.starts[i] === 1) {
        running.push(c)
        this.touch(area)
        continue
      }
      running.splice(running.indexOf(c), 1)
      const g = cm.group[c]!,
        base = this.m.groupFirst[g]!
      for (let s = 0; s < this.m.groupSlots[g]! && this.committed[c]! > 0; s++) {
        if (this.commitment[base + s] !== c) continue
        this.release(base + s)
        this.patrolAvailable(base + s)
      }
    }
    if (i < n) this.q.push(changes.t[i]!, RANK_CALENDAR, EV_CALENDAR, i, 0)
    this.dispatchTouched()
  }

  /**
   * Each running dated event of the area short of patrols takes free ones, and if it interrupts planned work, ones in
   * blocks or on tasks (led line work alike). A patrol at time around jobs (a meal, a report) is taken when that ends.
   */
  private serveCommitments(area: number): void {
    const cm = this.m.commitments,
      running = this.runningCommitments[area]!
    for (let i = 0; i < running.length; i++) {
      const c = running[i]!,
        g = cm.group[c]!
      while (this.committed[c]! < cm.patrols[c]!) {
        let p = this.freePatrol(g)
        if (p < 0 && cm.interrupts[c] === 1) p = patrolLosingLeast(this, g, 0)
        if (p < 0) break
        const onTask = this.onTask(p),
          gaveWay = this.takeFromSet(p)
        this.commitment[p] = c
        this.committed[c]!++
        const patrol = this.m.patrolIds[p]!,
          calendarEvent = cm.id[c]!
        this.emit().patrolCommitted(this.now, patrol, calendarEvent, cm.kind[c]!)
        if (gaveWay) this.emit().plannedBlockGaveWay(this.now, this.blockId[p]!, patrol, calendarEvent)
        // A task is set aside like for a planned block, not interrupted: it goes on after the release, whatever is left.
        if (onTask) this.pauseTask(p, -1)
      }
    }
  }

  /** The patrol leaves its dated event (the event ended, or the patrol's duty did); the event may take another. */
  private release(p: number): void {
    const c = this.commitment[p]!
    this.emit().patrolReleased(this.now, this.m.patrolIds[p]!, this.m.commitments.id[c]!)
    this.commitment[p] = -1
    this.committed[c]!--
    this.touch(this.m.patrolArea[p]!)
  }

  private toBlockState(p: number, to: BlockState): void {
    const probe = blockStateProbe.onTransition
    if (probe !== undefined) probe(this.blockState[p] as BlockState, to)
    this.blockState[p] = to
  }

  // ---- availability sets ----

  private addFree(p: number): void {
    const g = this.m.patrolGroup[p]!,
      pos = this.freeCount[g]!++
    this.freeMembers[this.m.groupFirst[g]! + pos] = p
    this.set[p] = IN_FREE
    this.setPos[p] = pos
  }

  private addBlock(p: number): void {
    const g = this.m.patrolGroup[p]!,
      pos = this.blockCount[g]!++
    this.blockMembers[this.m.groupFirst[g]! + pos] = p
    this.set[p] = IN_BLOCK
    this.setPos[p] = pos
  }

  private leaveSet(p: number): void {
    const which = this.set[p]
    if (which === IN_NONE) return
    const g = this.m.patrolGroup[p]!,
      base = this.m.groupFirst[g]!,
      pos = this.setPos[p]!
    const members = which === IN_FREE ? this.freeMembers : this.blockMembers
    const counts = which === IN_FREE ? this.freeCount : this.blockCount
    const last = members[base + --counts[g]!]!
    members[base + pos] = last
    this.setPos[last] = pos
    this.set[p] = IN_NONE
  }
}
