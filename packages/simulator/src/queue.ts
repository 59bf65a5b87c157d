/**
 * The future-event list, ordered by (time, rank, insertion sequence): equal times go by rank (shift changes before
 * planned-block ends before block starts before everything else), then first scheduled first. Each event's payload
 * (kind, subject, generation) and tie-breaking order are in a pool of nodes; its time sits beside its node in the
 * list itself, so comparing needs no indirection unless two times are equal.
 *
 * The list has two layouts. While few events are pending (a district's dozen patrols and call streams) it is an
 * array sorted latest first: the next event is the last, taken without a comparison, and a new one is slid in from
 * the end past the earlier ones. Once more than `heapAbove` are pending (a national run's hundreds) it becomes a
 * binary min-heap, whose cost grows with the logarithm of the count instead, and it turns back into the array when
 * `sortedAt` are left. The order is the same in either layout.
 */
export class EventQueue {
  // Payload pool. What `subject` indexes depends on the kind; `generation` is the subject's generation counter when
  // the event was scheduled (0 for kinds that have none). The engine's event kinds say which is which.
  kind: Uint8Array
  subject: Int32Array
  generation: Int32Array
  /** rank * 2^40 + insertion sequence: one comparison for both tie-breaks, needed only between equal times. */
  private order: Float64Array
  private freeNodes: Int32Array
  private freeCount = 0
  private nodes = 0
  // Pending events by position: sorted latest first, or a heap (see `sorted`).
  private eventTime: Float64Array
  private eventNode: Int32Array
  private sorted = true
  size = 0
  private seq = 0
  /** The time of the event last popped. */
  time = 0

  constructor(
    capacity = 1024,
    private readonly heapAbove = 64,
    private readonly sortedAt = 32
  ) {
    this.kind = new Uint8Array(capacity)
    this.subject = new Int32Array(capacity)
    this.generation = new Int32Array(capacity)
    this.order = new Float64Array(capacity)
    this.freeNodes = new Int32Array(capacity)
    this.eventTime = new Float64Array(capacity)
    this.eventNode = new Int32Array(capacity)
  }

  push(time: number, rank: number, kind: number, subject: number, generation: number): void {
    let node: number
    if (this.freeCount > 0) node = this.freeNodes[--this.freeCount] as number
    else {
      if (this.nodes === this.kind.length) this.grow()
      node = this.nodes++
    }
    this.kind[node] = kind
    this.subject[node] = subject
    this.generation[node] = generation
    this.order[node] = rank * 1099511627776 + this.seq++
    if (this.sorted) {
      if (this.size < this.heapAbove) {
        this.slideIn(time, node)
        return
      }
      this.intoHeap()
    }
    this.rise(this.size++, time, node)
  }

  /**
   * Removes the earliest event, sets `time` to its time and returns its node. The node's payload
   * stays readable until the next push, so read kind/subject/generation first.
   */
  pop(): number {
    let top: number
    if (this.sorted) {
      const last = --this.size
      top = this.eventNode[last] as number
      this.time = this.eventTime[last] as number
    } else {
      top = this.popHeap()
      if (this.size === this.sortedAt) this.intoSorted()
    }
    this.freeNodes[this.freeCount++] = top
    return top
  }

  /** Whether the event at `node`, due at `time`, comes before the one at `other`, due at `otherTime`. */
  private before(time: number, node: number, otherTime: number, other: number): boolean {
    return time < otherTime || (time === otherTime && (this.order[node] as number) < (this.order[other] as number))
  }

  /** Into the sorted array: the events earlier than this one move up one place. */
  private slideIn(time: number, node: number): void {
    const et = this.eventTime,
      en = this.eventNode
    let i = this.size++
    while (i > 0) {
      const t = et[i - 1] as number,
        n = en[i - 1] as number
      if (this.before(time, node, t, n)) break
      et[i] = t
      en[i] = n
      i--
    }
    et[i] = time
    en[i] = node
  }

  /** Sorted latest first, reversed, is sorted earliest first: a min-heap as it stands. */
  private intoHeap(): void {
    const et = this.eventTime,
      en = this.eventNode
    for (let i = 0, j = this.size - 1; i < j; i++, j--) {
      const t = et[i] as number,
        n = en[i] as number
      et[i] = et[j] as number
      en[i] = en[j] as number
      et[j] = t
      en[j] = n
    }
    this.sorted = false
  }

  private intoSorted(): void {
    const n = this.size
    this.size = 0
    for (let i = 0; i < n; i++) this.slideIn(this.eventTime[i] as number, this.eventNode[i] as number)
    this.sorted = true
  }

  /** Puts the event (time, node) at heap position `from` or above it, moving later parents down. */
  private rise(from: number, time: number, node: number): void {
    const ht = this.eventTime,
      hn = this.eventNode
    let i = from
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = ht[parent] as number,
        pn = hn[parent] as number
      if (this.before(pt, pn, time, node)) break
      ht[i] = pt
      hn[i] = pn
      i = parent
    }
    ht[i] = time
    hn[i] = node
  }

  /**
   * Bottom-up: the hole left at the root sinks to a leaf along the earlier child (one comparison a level), then
   * the heap's last event, which belongs near the bottom, rises from there. Half the unpredictable comparisons of
   * sifting the last event down from the root.
   */
  private popHeap(): number {
    const ht = this.eventTime,
      hn = this.eventNode
    const top = hn[0] as number
    this.time = ht[0] as number
    const n = --this.size
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      const r = c + 1
      if (r < n && this.before(ht[r] as number, hn[r] as number, ht[c] as number, hn[c] as number)) c = r
      ht[i] = ht[c] as number
      hn[i] = hn[c] as number
      i = c
    }
    this.rise(i, ht[n] as number, hn[n] as number)
    return top
  }

  private grow(): void {
    const cap = this.kind.length * 2
    const resize = <T extends Float64Array | Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old)
      return next
    }
    this.kind = resize(this.kind, new Uint8Array(cap))
    this.subject = resize(this.subject, new Int32Array(cap))
    this.generation = resize(this.generation, new Int32Array(cap))
    this.order = resize(this.order, new Float64Array(cap))
    this.freeNodes = resize(this.freeNodes, new Int32Array(cap))
    this.eventTime = resize(this.eventTime, new Float64Array(cap))
    this.eventNode = resize(this.eventNode, new Int32Array(cap))
  }
}

/** FIFO of incident indices for one area and priority; re-queued (recalled) jobs go back in registration order. */
export class IncidentQueue {
  private buf = new Int32Array(16)
  private head = 0
  size = 0

  push(inc: number): void {
    if (this.size === this.buf.length) this.grow()
    this.buf[(this.head + this.size++) & (this.buf.length - 1)] = inc
  }

  peek(): number {
    return this.buf[this.head] as number
  }

  shift(): number {
    const inc = this.buf[this.head] as number
    this.head = (this.head + 1) & (this.buf.length - 1)
    this.size--
    return inc
  }

  /** Inserts before the first waiting incident registered later. */
  insertByRegistration(inc: number, registeredAt: Float64Array): void {
    this.push(inc)
    const mask = this.buf.length - 1
    const t = registeredAt[inc] as number
    let i = this.size - 1
    while (i > 0) {
      const prev = this.buf[(this.head + i - 1) & mask] as number
      if ((registeredAt[prev] as number) <= t) break
      this.buf[(this.head + i) & mask] = prev
      i--
    }
    this.buf[(this.head + i) & mask] = inc
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2)
    for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)] as number
    this.buf = next
    this.head = 0
  }
}
