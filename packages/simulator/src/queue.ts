/**
 * The future-event list: a binary min-heap keyed by (time, rank, insertion sequence), with the keys
 * stored in the heap arrays themselves (no indirection when comparing) and each event's payload
 * (kind, subject, generation) in a pool of nodes. Equal times go by rank (shift changes before planned-block ends
 * before block starts before everything else), then first scheduled first, so the order never
 * depends on the heap's internal layout.
 */
export class EventQueue {
  // Payload pool. What `subject` indexes depends on the kind; `generation` is the subject's generation counter when
  // the event was scheduled (0 for kinds that have none). The engine's event kinds say which is which.
  kind: Uint8Array
  subject: Int32Array
  generation: Int32Array
  private freeNodes: Int32Array
  private freeCount = 0
  private nodes = 0
  // Heap, by position.
  private heapTime: Float64Array
  /** rank * 2^40 + insertion sequence: one comparison for both tie-breaks. */
  private heapOrder: Float64Array
  private heapNode: Int32Array
  size = 0
  private seq = 0
  /** The time of the event last popped. */
  time = 0

  constructor(capacity = 1024) {
    this.kind = new Uint8Array(capacity)
    this.subject = new Int32Array(capacity)
    this.generation = new Int32Array(capacity)
    this.freeNodes = new Int32Array(capacity)
    this.heapTime = new Float64Array(capacity)
    this.heapOrder = new Float64Array(capacity)
    this.heapNode = new Int32Array(capacity)
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
    this.rise(this.size++, time, rank * 1099511627776 + this.seq++, node)
  }

  /** Puts the event (time, order, node) at heap position `from` or above it, moving later parents down. */
  private rise(from: number, time: number, order: number, node: number): void {
    const ht = this.heapTime,
      ho = this.heapOrder,
      hn = this.heapNode
    let i = from
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = ht[parent] as number
      if (pt < time || (pt === time && (ho[parent] as number) < order)) break
      ht[i] = pt
      ho[i] = ho[parent] as number
      hn[i] = hn[parent] as number
      i = parent
    }
    ht[i] = time
    ho[i] = order
    hn[i] = node
  }

  /**
   * Removes the earliest event, sets `time` to its time and returns its node. The node's payload
   * stays readable until the next push, so read kind/subject/generation first.
   *
   * Bottom-up: the hole left at the root sinks to a leaf along the earlier child (one comparison a level), then
   * the heap's last event, which belongs near the bottom, rises from there. Half the unpredictable comparisons of
   * sifting the last event down from the root.
   */
  pop(): number {
    const ht = this.heapTime,
      ho = this.heapOrder,
      hn = this.heapNode
    const top = hn[0] as number
    this.time = ht[0] as number
    const n = --this.size
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      const r = c + 1
      if (r < n) {
        const rt = ht[r] as number,
          ct = ht[c] as number
        if (rt < ct || (rt === ct && (ho[r] as number) < (ho[c] as number))) c = r
      }
      ht[i] = ht[c] as number
      ho[i] = ho[c] as number
      hn[i] = hn[c] as number
      i = c
    }
    this.rise(i, ht[n] as number, ho[n] as number, hn[n] as number)
    this.freeNodes[this.freeCount++] = top
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
    this.freeNodes = resize(this.freeNodes, new Int32Array(cap))
    this.heapTime = resize(this.heapTime, new Float64Array(cap))
    this.heapOrder = resize(this.heapOrder, new Float64Array(cap))
    this.heapNode = resize(this.heapNode, new Int32Array(cap))
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
