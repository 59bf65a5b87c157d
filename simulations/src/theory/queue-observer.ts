import type { IgvEvent, Priority } from "@igv/domain"

/**
 * Watches a simulation's event stream (in time order) as a queue: an incident waits from
 * IncidentRegistered until its first PatrolDispatched. Only incidents registered inside the
 * measurement window [from, to) count, and the number waiting is time-averaged over the same window,
 * so a warm-up (the empty system at the start) and the horizon's end stay out of the estimates.
 */
export interface QueueObservation {
  /** Dispatch waits (minutes) of incidents registered in the window, by priority. */
  readonly waits: Readonly<Record<Priority, ReadonlyArray<number>>>
  /** Incidents registered in the window that were never dispatched (censored by the horizon). */
  readonly undispatched: number
  /** Time-average number of incidents waiting over the window. */
  readonly meanNumberWaiting: number
  /** Time-average number of patrols on a job (dispatched, not yet cleared or recalled) over the window. */
  readonly meanNumberBusy: number
  /** Window length in minutes. */
  readonly windowMinutes: number
  /** On-scene minutes × units of the calls registered in the window: the work the run actually drew. */
  readonly windowWorkMinutes: number
  /** The same over the whole run. */
  readonly totalWorkMinutes: number
  /** On-scene minutes of every dispatch in the run: the job time patrols were given (calls still waiting at the horizon are never served). */
  readonly dispatchedWorkMinutes: number
}

export interface QueueObserver {
  readonly onEvent: (event: IgvEvent) => void
  readonly finish: () => QueueObservation
}

export const observeQueue = (from: number, to: number): QueueObserver => {
  const registered = new Map<string, { readonly t: number; readonly prio: Priority; readonly inWindow: boolean }>()
  const workOf = new Map<string, number>()
  const waits: Record<Priority, Array<number>> = { 1: [], 2: [], 3: [] }
  const busy = new Set<string>()
  let waiting = 0
  let lastT = from
  let waitingArea = 0
  let busyArea = 0
  let windowWork = 0
  let totalWork = 0
  let dispatchedWork = 0
  // Integrates the numbers waiting and busy over [from, to) up to time t.
  const advance = (t: number) => {
    const clipped = Math.min(Math.max(t, from), to)
    if (clipped > lastT) {
      waitingArea += waiting * (clipped - lastT)
      busyArea += busy.size * (clipped - lastT)
      lastT = clipped
    }
  }
  return {
    onEvent: (event) => {
      advance(event.t)
      if (event._tag === "IncidentRegistered") {
        const inWindow = event.t >= from && event.t < to
        registered.set(event.incident, { t: event.t, prio: event.prio, inWindow })
        waiting++
        const work = event.onSceneMinutes * event.unitsNeeded
        workOf.set(event.incident, event.onSceneMinutes)
        totalWork += work
        if (inWindow) windowWork += work
      } else if (event._tag === "PatrolCleared" || event._tag === "PatrolRecalled") {
        busy.delete(event.patrol)
      } else if (event._tag === "PatrolDispatched") {
        busy.add(event.patrol)
        dispatchedWork += workOf.get(event.incident) ?? 0
        const r = registered.get(event.incident)
        if (r !== undefined) {
          registered.delete(event.incident)
          waiting--
          if (r.inWindow) waits[r.prio].push(event.t - r.t)
        }
      } else if (event._tag === "IncidentHandledOtherwise") {
        if (registered.delete(event.incident)) waiting--
      }
    },
    finish: () => {
      advance(to)
      let undispatched = 0
      for (const r of registered.values()) if (r.inWindow) undispatched++
      const window = to - from
      return {
        waits,
        undispatched,
        meanNumberWaiting: waitingArea / window,
        meanNumberBusy: busyArea / window,
        windowMinutes: window,
        windowWorkMinutes: windowWork,
        totalWorkMinutes: totalWork,
        dispatchedWorkMinutes: dispatchedWork
      }
    }
  }
}

export const mean = (xs: ReadonlyArray<number>): number => xs.reduce((s, x) => s + x, 0) / xs.length

/** Share of values strictly above t (waits of exactly 0 are "no wait"; 1e-9 min absorbs float noise). */
export const shareAbove = (xs: ReadonlyArray<number>, t: number): number => {
  let n = 0
  for (const x of xs) if (x > t + 1e-9) n++
  return n / xs.length
}
