import type { TaskId } from "@igv/domain"

/**
 * Each patrol's tasks from the group chief's list, first in first worked, and what it is doing with the first.
 * The engine changes these only through its task methods; a patrol without tasks costs nothing here.
 */
export class TaskQueues {
  private readonly ids: Array<Array<TaskId>>
  private readonly left: Array<Array<number>>
  /** 1 while the patrol works its first task (it is then in its group's block set, interruptible). */
  readonly working: Uint8Array
  /** 1 while the patrol is about to start or resume its first task: a waiting call may still take it. */
  readonly pending: Uint8Array
  /** 1 if a call interrupted the first task: whether it resumes follows the planned blocks' rule. */
  readonly interrupted: Uint8Array
  /** When the current stretch of work began. */
  readonly since: Float64Array
  readonly generation: Int32Array
  private readonly counter: Int32Array

  constructor(patrols: number) {
    this.ids = Array.from({ length: patrols }, () => [])
    this.left = Array.from({ length: patrols }, () => [])
    this.working = new Uint8Array(patrols)
    this.pending = new Uint8Array(patrols)
    this.interrupted = new Uint8Array(patrols)
    this.since = new Float64Array(patrols)
    this.generation = new Int32Array(patrols)
    this.counter = new Int32Array(patrols)
  }

  /** A new task for the patrol; its id is the patrol's slot id and a running number. */
  add(p: number, patrolId: string, minutes: number): TaskId {
    const id = `${patrolId}/task/${this.counter[p]!++}` as TaskId
    this.ids[p]!.push(id)
    this.left[p]!.push(minutes)
    return id
  }

  count(p: number): number {
    return this.ids[p]!.length
  }

  head(p: number): TaskId {
    return this.ids[p]![0]!
  }

  headLeft(p: number): number {
    return this.left[p]![0]!
  }

  /** Closes the current stretch of work at `now`. */
  stopWork(p: number, now: number): void {
    this.left[p]![0] = Math.max(0, this.left[p]![0]! - (now - this.since[p]!))
    this.working[p] = 0
    this.generation[p]!++
  }

  /** Drops the first task (completed or abandoned). */
  shift(p: number): void {
    this.ids[p]!.shift()
    this.left[p]!.shift()
    this.interrupted[p] = 0
  }
}
