import type { AreaAcc, ResponseAcc } from "./report-state.js"

export interface IncidentAcc {
  area: AreaAcc
  prio: number
  /** The area's figures for the incident's priority. */
  response: ResponseAcc
  registeredT: number
  dispatched: boolean
  arrived: boolean
  handled: boolean
  /** Patrols on the call now. */
  active: number
  open: boolean
}

/**
 * The incidents the feed is in the middle of, held in an array by key. A simulated run names each by the key the
 * simulator gives it (see `EventSink`), so no id is looked up; a recorded stream has none, and each of its open
 * incidents takes the lowest free key here. A key's record is reused by the next incident given that key.
 */
export class OpenIncidents {
  private readonly records: Array<IncidentAcc> = []
  private readonly recordedKeys = new Map<string, number>()
  private readonly freeKeys: Array<number> = []

  /** Opens a record for a registered incident that is not open. */
  open(incident: string, key: number | undefined, area: AreaAcc, prio: number, t: number): void {
    let k = key
    if (k === undefined) {
      k = this.freeKeys.pop() ?? this.records.length
      this.recordedKeys.set(incident, k)
    }
    let inc = this.records[k]
    if (inc === undefined) {
      const response = area.response[prio - 1]!
      inc = {
        area,
        prio,
        response,
        registeredT: t,
        dispatched: false,
        arrived: false,
        handled: false,
        active: 0,
        open: true
      }
      this.records[k] = inc
      return
    }
    if (inc.open) throw new RangeError(`incident key ${k} given again while its incident is open`)
    inc.area = area
    inc.prio = prio
    inc.response = area.response[prio - 1]!
    inc.registeredT = t
    inc.dispatched = inc.arrived = inc.handled = false
    inc.active = 0
    inc.open = true
  }

  /** The open incident's record, or undefined (never registered, or already closed). */
  get(incident: string, key: number | undefined): IncidentAcc | undefined {
    const k = key ?? this.recordedKeys.get(incident)
    if (k === undefined) return undefined
    const inc = this.records[k]
    return inc?.open === true ? inc : undefined
  }

  close(incident: string, key: number | undefined, inc: IncidentAcc): void {
    inc.open = false
    if (key !== undefined) return
    const k = this.recordedKeys.get(incident)
    if (k === undefined) return
    this.recordedKeys.delete(incident)
    this.freeKeys.push(k)
  }

  /** The incidents still open, in key order. */
  *stillOpen(): Generator<IncidentAcc> {
    for (const inc of this.records) if (inc?.open === true) yield inc
  }
}
