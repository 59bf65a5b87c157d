import type { IgvEvent, IgvEventType } from "@igv/domain"
import type { NotFitted } from "./fit.js"

/** Parts of a scenario the fit does not estimate, and the feed's events that show them. */
const UNFITTED_PARTS: ReadonlyArray<{
  readonly part: string
  readonly what: string
  readonly kinds: ReadonlyArray<IgvEventType>
}> = [
  {
    part: "tasks, leadership",
    what: "the group chief's task lists and who hands them out",
    kinds: ["TaskAssigned", "TaskStarted", "TaskPaused", "TaskCompleted", "TaskAbandoned"]
  },
  {
    part: "timeAroundJobs",
    what: "briefings, meals, report writing and transports",
    kinds: ["PatrolActivityStarted", "PatrolActivityEnded"]
  },
  {
    part: "calendar",
    what: "dated events that take patrols (operations, special events)",
    kinds: ["PatrolCommitted", "PatrolReleased", "PlannedBlockGaveWay"]
  },
  {
    part: "rules.communityOfficers (shiftsTaken, absences)",
    what: "community officers' whole shifts taken into IGV or other duties, and their absences",
    kinds: ["CommunityShiftTaken", "CommunityOfficerAbsent"]
  }
]

/**
 * The event kinds the fit reads nothing from, each named with how many the window holds: the parts they show are
 * not written, so the fitted patrols spend no time on them (the check shows what that costs); never passed over silently.
 */
export function unfittedEventKinds(events: ReadonlyArray<IgvEvent>): NotFitted[] {
  const counts = new Map<IgvEventType, number>()
  for (const e of events) counts.set(e._tag, (counts.get(e._tag) ?? 0) + 1)
  return UNFITTED_PARTS.map(({ part, what, kinds }) => {
    const held = kinds.filter((k) => (counts.get(k) ?? 0) > 0).map((k) => `${counts.get(k)} ${k}`)
    return {
      part,
      reason:
        held.length === 0
          ? `the window holds no ${kinds.join("/")} events; none are written`
          : `the window holds ${held.join(", ")}; igv fit does not estimate ${what}: none are written, add them yourself`
    }
  })
}
