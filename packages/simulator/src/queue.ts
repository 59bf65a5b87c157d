/**
 * The future-event list: a binary min-heap of node indices over preallocated typed arrays.
 * Keys are (time, rank, insertion sequence): equal times go by rank (shift changes before
 * planned-block ends before block starts before everything else), then first scheduled first,
 * so the order never depends on the heap's internal layout.
 */
export class EventQueue {
  time: Float64Array
  /** rank * 2^40 + insertion sequence: one comparison for both tie-breaks. */
  private order: Float64Array
  kind: Uint8Array
  a: Int32Array
  b: Int32Array
  private heap: Int32Array
  private freeNodes: Int32Array
  private freeCount = 0
  private nodes = 0
  size = 0
  private seq = 0

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity)
    this.order = new Float64Array(capacity)
    this.kind = new Uint8Array(capacity)
    this.a = new Int32Array(capacity)
    this.b = new Int32Array(capacity)
    this.heap = new Int32Array(capacity)
    this.freeNodes = new Int32Array(capacity)
  }

  push(time: number, rank: number, kind: number, a: number, b: number): void {
    let node: number
    if (this.freeCount > 0) node = this.freeNodes[--this.freeCount] as number
    else {
      if (this.nodes === this.time.length) this.grow()
      node = this.nodes++
    }
    this.time[node] = time
    this.order[node] = rank * 1099511627776 + this.seq++
    this.kind[node] = kind
    this.a[node] = a
    this.b[node] = b
    const heap = this.heap, times = this.time, order = this.order
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent] as number
      const pt = times[p] as number
      if (pt < time || (pt === time && (order[p] as number) < (order[node] as number))) break
      heap[i] = p
      i = parent
    }
    heap[i] = node
  }

  /**
   * Removes the earliest event and returns its node. The node's fields stay readable until the
   * next push, so read kind/a/b/time first.
   */
  pop(): number {
    const heap = this.heap, times = this.time, order = this.order
    const top = heap[0] as number
    const last = heap[--this.size] as number
    const n = this.size
    if (n > 0) {
      const lt = times[last] as number, lo = order[last] as number
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        let c = heap[child] as number
        const right = child + 1
        if (right < n) {
          const r = heap[right] as number
          const rt = times[r] as number, ct = times[c] as number
          if (rt < ct || (rt === ct && (order[r] as number) < (order[c] as number))) {
            child = right
            c = r
          }
        }
        const ct = times[c] as number
        if (lt < ct || (lt === ct && lo < (order[c] as number))) break
        heap[i] = c
        i = child
      }
      heap[i] = last
    }
    this.freeNodes[this.freeCount++] = top
    return top
  }

  private grow(): void {
    const cap = this.time.length * 2
    const resize = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(cap)
      next.set(old)
      return next
    }
    this.time = resize(this.time, (n) => new Float64Array(n))
    this.order = resize(this.order, (n) => new Float64Array(n))
    this.kind = resize(this.kind, (n) => new Uint8Array(n))
    this.a = resize(this.a, (n) => new Int32Array(n))
    this.b = resize(this.b, (n) => new Int32Array(n))
    this.heap = resize(this.heap, (n) => new Int32Array(n))
    this.freeNodes = resize(this.freeNodes, (n) => new Int32Array(n))
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
