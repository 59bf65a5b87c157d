/** Offsets in one partition and the global positions of the events there, both ascending. */
interface PartitionIndex {
  offsets: number[]
  positions: number[]
  /** Next offset after everything indexed. */
  end: number
}

/**
 * What the single writer needs to check appends without asking Kafka: each stream's version and event offsets,
 * every stored event id, and per partition the position -> offset map used to start reads at a global position.
 * Built by reading the whole topic at open, then kept up by the writer's own appends.
 */
export class StoreIndex {
  readonly ids = new Set<string>()
  private readonly streams = new Map<string, { partition: number; offsets: number[] }>()
  private readonly partitions: PartitionIndex[]
  lastPosition = 0

  constructor(partitionCount: number) {
    this.partitions = Array.from({ length: partitionCount }, () => ({ offsets: [], positions: [], end: 0 }))
  }

  get partitionCount(): number {
    return this.partitions.length
  }

  /** Records an event of `stream` held by the record at `offset` of `partition`. */
  add(id: string, streamName: string, version: number, position: number, partition: number, offset: number): void {
    if (this.ids.has(id)) return
    this.ids.add(id)
    let stream = this.streams.get(streamName)
    if (stream === undefined) {
      stream = { partition, offsets: [] }
      this.streams.set(streamName, stream)
    }
    stream.offsets[version - 1] = offset
    const index = this.partitions[partition]!
    index.offsets.push(offset)
    index.positions.push(position)
    if (offset + 1 > index.end) index.end = offset + 1
    if (position > this.lastPosition) this.lastPosition = position
  }

  /** Marks offsets up to `end` (exclusive) as read, including messages that were not events of this store. */
  advance(partition: number, end: number): void {
    const index = this.partitions[partition]!
    index.end = Math.max(index.end, end)
  }

  /** The streams that hold an event, those starting with `prefix`, in no particular order. */
  streamNames(prefix: string): string[] {
    const names: string[] = []
    for (const name of this.streams.keys()) if (name.startsWith(prefix)) names.push(name)
    return names
  }

  version(stream: string): number {
    return this.streams.get(stream)?.offsets.length ?? 0
  }

  ends(): number[] {
    return this.partitions.map((p) => p.end)
  }

  /** Per partition, the first offset holding a position > from (or the indexed end: anything later is unindexed). */
  startsAfter(from: bigint): number[] {
    const target = Number(from)
    return this.partitions.map((p) => {
      let lo = 0
      let hi = p.positions.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (p.positions[mid]! <= target) lo = mid + 1
        else hi = mid
      }
      return lo < p.offsets.length ? p.offsets[lo]! : p.end
    })
  }

  /** Where a stream read from `fromVersion` starts, if the stream's partition is known. */
  streamStart(stream: string, fromVersion: number): { partition: number; offset: number } | undefined {
    const entry = this.streams.get(stream)
    if (entry === undefined) return undefined
    const offset = entry.offsets[Math.max(0, fromVersion - 1)]
    return { partition: entry.partition, offset: offset ?? this.partitions[entry.partition]!.end }
  }
}
