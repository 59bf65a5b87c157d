import type { IgvEvent, Priority } from "@igv/domain"
import {
  blockStarted,
  cleared,
  completed,
  dispatched,
  interrupted,
  registered,
  shiftEnded,
  shiftStarted
} from "./feed.test-util.js"
import { fold, reportProjection } from "./index.js"

/**
 * One replication's report: p1's 120-min block delivers `delivered` minutes before a prio-`prio` call that waited
 * `wait` minutes takes the patrol; `extra` events come before the shift ends at 480.
 */
export const blockInterruptedAfter = (
  delivered: number,
  wait: number,
  prio: Priority = 1,
  extra: ReadonlyArray<IgvEvent> = []
) =>
  fold(reportProjection({ recordedFeed: {} }), [
    shiftStarted(0, "p1"),
    blockStarted(0, "b1", "p1", 120, "north", "promise-1"),
    registered(delivered - wait, "i1", prio),
    dispatched(delivered, "i1", "p1", prio),
    interrupted(delivered, "b1", "p1", "i1", prio),
    completed(120, "b1", "p1"),
    cleared(130, "i1", "p1"),
    ...extra,
    shiftEnded(480, "p1")
  ])
