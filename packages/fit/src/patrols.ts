import type { IgvEvent, PatrolKind } from "@igv/domain"

/** What the window's shift starts say of each patrol: its area and kind. */
export class PatrolDirectory {
  private readonly areas = new Map<string, string>()
  private readonly kinds = new Map<string, PatrolKind>()

  constructor(events: ReadonlyArray<IgvEvent>) {
    for (const e of events) {
      if (e._tag !== "ShiftStarted") continue
      this.areas.set(e.patrol, e.area)
      this.kinds.set(e.patrol, e.kind)
    }
  }

  /** From its shift start, else from its slot id (`lpo1/igv/3` is in lpo1), as the store partitions feed events. */
  areaOf(patrol: string): string | undefined {
    const known = this.areas.get(patrol)
    if (known !== undefined) return known
    const slash = patrol.indexOf("/")
    return slash > 0 ? patrol.slice(0, slash) : undefined
  }

  /** From its shift start; undefined for a patrol whose shift started before the window. */
  kindOf(patrol: string): PatrolKind | undefined {
    return this.kinds.get(patrol)
  }
}
