import type { AroundJobActivity, IgvEvent, PatrolKind } from "@igv/domain"

/** Time-use categories, as indices into `PatrolClock.minutes`. */
export const PRIO1 = 0,
  PRIO2 = 1,
  PRIO3 = 2,
  PLANNED = 3,
  FREE = 4,
  ON_DUTY = 5
/** The group chief's tasks and the time around jobs (see the domain's events-patrol-work). */
export const TASK = 6,
  BRIEFING = 7,
  MEAL = 8,
  REPORT_WRITING = 9,
  TRANSPORT = 10
/** On a dated event (between PatrolCommitted and PatrolReleased). */
export const CALENDAR = 11
/** Length of `PatrolClock.minutes`. */
export const CATEGORIES = 12

const ACTIVITY_CATEGORY: Readonly<Record<AroundJobActivity, number>> = {
  briefing: BRIEFING,
  meal: MEAL,
  reportWriting: REPORT_WRITING,
  transport: TRANSPORT
}

/**
 * One patrol slot's clock. On-duty time is measured from duty start to duty end on its own, and
 * separately split into categories at every change, so that time conservation is a real check:
 * a patrol on a job counts to the job's (highest) priority, else to time around jobs (briefing, meal,
 * report, transport), else to a dated event it is committed to, else to a planned block while one is active,
 * else to a task, else it is free (base assignment and waiting).
 */
export interface PatrolClock {
  readonly patrol: string
  area: string
  kind: PatrolKind
  onDuty: boolean
  /** Shift ended while on a job: off duty once the last job clears (overtime is duty). */
  endPending: boolean
  /** Has gone off duty at least once, so a later dispatch without a shift start is a call-in. */
  seenEnd: boolean
  dutyStart: number
  since: number
  category: number
  /**
   * Parallel arrays: the incidents the patrol is on (by id, or by the simulator's key when it gives one) and the
   * priority it was dispatched with.
   */
  readonly jobIncidents: Array<string | number>
  readonly jobPrios: Array<number>
  activeBlocks: number
  activeTasks: number
  /** The category of the time-around-jobs activity under way, or -1. */
  activity: number
  /** Dated events the patrol is committed to now. */
  commitments: number
  /** Minutes by category PRIO1..FREE, ON_DUTY, TASK..TRANSPORT, then CALENDAR: closed intervals only. */
  readonly minutes: Float64Array
}

export const newClock = (patrol: string, area: string, kind: PatrolKind): PatrolClock => ({
  patrol,
  area,
  kind,
  onDuty: false,
  endPending: false,
  seenEnd: false,
  dutyStart: 0,
  since: 0,
  category: FREE,
  jobIncidents: [],
  jobPrios: [],
  activeBlocks: 0,
  activeTasks: 0,
  activity: -1,
  commitments: 0,
  minutes: new Float64Array(CATEGORIES)
})

const categoryOf = (c: PatrolClock): number => {
  const prios = c.jobPrios
  if (prios.length > 0) {
    let best = 3
    for (let i = 0; i < prios.length; i++) if (prios[i]! < best) best = prios[i]!
    return best - 1
  }
  if (c.activity >= 0) return c.activity
  if (c.commitments > 0) return CALENDAR
  return c.activeBlocks > 0 ? PLANNED : c.activeTasks > 0 ? TASK : FREE
}

const accrue = (c: PatrolClock, t: number): void => {
  if (c.onDuty) {
    c.minutes[c.category]! += t - c.since
    c.since = t
  }
}

export const startDuty = (c: PatrolClock, t: number): void => {
  c.endPending = false
  if (c.onDuty) return
  c.onDuty = true
  c.dutyStart = t
  c.since = t
  c.category = categoryOf(c)
}

const endDuty = (c: PatrolClock, t: number): void => {
  accrue(c, t)
  c.minutes[ON_DUTY]! += t - c.dutyStart
  c.onDuty = false
  c.endPending = false
  c.seenEnd = true
}

export const shiftEnded = (c: PatrolClock, t: number): void => {
  if (!c.onDuty) return
  if (c.jobPrios.length > 0 || c.activity >= 0) c.endPending = true
  else endDuty(c, t)
}

/**
 * An activity (dispatch, block start or resume) for a patrol that is off duty: a patrol never seen
 * before is taken to have been on duty already (a recorded window that opens mid-shift); one that
 * went off duty earlier is called in, and goes off again once its jobs are cleared.
 */
const ensureOnDuty = (c: PatrolClock, t: number): void => {
  if (c.onDuty) return
  const calledIn = c.seenEnd
  startDuty(c, t)
  c.endPending = calledIn
}

/** Where the patrol's job on `incident` is in its lists, or -1: a loop, cheaper than `indexOf` for a job or two. */
const jobIndex = (c: PatrolClock, incident: string | number): number => {
  const jobs = c.jobIncidents
  for (let i = 0; i < jobs.length; i++) if (jobs[i] === incident) return i
  return -1
}

/** Returns false when the patrol is already on that incident (a repeated dispatch in a recorded feed). */
export const jobStarted = (c: PatrolClock, incident: string | number, prio: number, t: number): boolean => {
  if (jobIndex(c, incident) >= 0) return false
  ensureOnDuty(c, t)
  accrue(c, t)
  c.jobIncidents.push(incident)
  c.jobPrios.push(prio)
  c.category = categoryOf(c)
  return true
}

/** Removes a[i], keeping the order, without the array `splice` allocates for what it removes (once per job). */
const removeAt = <T>(a: Array<T>, i: number): void => {
  for (let k = i + 1; k < a.length; k++) a[k - 1] = a[k]!
  a.pop()
}

/** Cleared or recalled; returns the priority the patrol held the job with, or 0 if it held none. */
export const jobEnded = (c: PatrolClock, incident: string | number, t: number): number => {
  const i = jobIndex(c, incident)
  if (i < 0) return 0
  accrue(c, t)
  const prio = c.jobPrios[i]!
  removeAt(c.jobIncidents, i)
  removeAt(c.jobPrios, i)
  c.category = categoryOf(c)
  if (c.endPending && c.jobPrios.length === 0 && c.activity < 0) endDuty(c, t)
  return prio
}

/** Something that holds the patrol (a planned block, a dated event, a task) begins (1) or ends (-1). */
const holding = (
  c: PatrolClock,
  which: "activeBlocks" | "commitments" | "activeTasks",
  delta: 1 | -1,
  t: number
): void => {
  if (delta > 0) ensureOnDuty(c, t)
  accrue(c, t)
  c[which] = Math.max(0, c[which] + delta)
  c.category = categoryOf(c)
}

export const blockActivity = (c: PatrolClock, delta: 1 | -1, t: number): void => holding(c, "activeBlocks", delta, t)

/** Committed to (1) or released from (-1) a dated event. */
export const commitment = (c: PatrolClock, delta: 1 | -1, t: number): void => holding(c, "commitments", delta, t)

/**
 * The clock side of task and time-around-jobs events: `working` holds the tasks being worked, so a task
 * abandoned before it started, or paused twice, changes nothing. A patrol in overtime goes off duty once its
 * report or transport ends, as after its last job.
 */
export const patrolWorkClock = (clock: (patrol: string) => PatrolClock, working: Set<string>, e: IgvEvent): void => {
  switch (e._tag) {
    case "TaskStarted": {
      if (working.has(e.task)) break
      working.add(e.task)
      holding(clock(e.patrol), "activeTasks", 1, e.t)
      break
    }
    case "TaskPaused":
    case "TaskCompleted":
    case "TaskAbandoned": {
      if (!working.delete(e.task)) break
      holding(clock(e.patrol), "activeTasks", -1, e.t)
      break
    }
    case "PatrolActivityStarted": {
      const c = clock(e.patrol)
      ensureOnDuty(c, e.t)
      accrue(c, e.t)
      c.activity = ACTIVITY_CATEGORY[e.activity]
      c.category = categoryOf(c)
      break
    }
    case "PatrolActivityEnded": {
      const c = clock(e.patrol)
      accrue(c, e.t)
      c.activity = -1
      c.category = categoryOf(c)
      if (c.endPending && c.jobPrios.length === 0) endDuty(c, e.t)
      break
    }
  }
}

/** The clock's minutes with any open interval closed at `t`, without touching the clock. */
export const minutesAt = (c: PatrolClock, t: number): Float64Array => {
  const m = c.minutes.slice()
  if (c.onDuty) {
    m[c.category]! += t - c.since
    m[ON_DUTY]! += t - c.dutyStart
  }
  return m
}
