import { Schema } from "effect"
import { Priority } from "./priority.js"
import { orDefault, PositiveMinutes, ServiceModel, Share } from "./scenario-parts.js"

const allPriorities: ReadonlyArray<Priority> = [1, 2, 3]

/** Report writing after a patrol clears a call of the listed priorities. */
export const ReportWriting = Schema.Struct({
  prios: orDefault(Schema.Array(Priority), allPriorities),
  minutes: ServiceModel
})

/** A share of the calls of the listed priorities end in a transport (a person to custody or care) after clearing. */
export const Transport = Schema.Struct({
  prios: orDefault(Schema.Array(Priority), allPriorities),
  share: Share,
  minutes: ServiceModel
})

/**
 * Time around jobs: each its own time-use category. Transport and report writing follow a cleared call (transport
 * first); the briefing opens each duty; meals are due every `afterMinutes` on duty. Only a meal may be
 * interrupted, and only by the listed priorities.
 */
export const TimeAroundJobs = Schema.Struct({
  reportWriting: orDefault(Schema.Array(ReportWriting), []),
  transport: orDefault(Schema.Array(Transport), []),
  briefing: Schema.optionalKey(Schema.Struct({ minutes: ServiceModel })),
  meal: Schema.optionalKey(
    Schema.Struct({
      /** Due this long after the duty starts, and again this long after each time it fell due. */
      afterMinutes: PositiveMinutes,
      minutes: ServiceModel,
      /** Priorities whose calls may take a patrol from its meal; the rest of the meal is taken after the job. */
      interruptingPriorities: orDefault(Schema.Array(Priority), [1])
    })
  )
})
export type TimeAroundJobs = typeof TimeAroundJobs.Type
