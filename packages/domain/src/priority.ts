import { Schema } from "effect"

/** National dispatch priority: 1 immediately, 2 promptly, 3 within four hours or handled another way. */
export const Priority = Schema.Literals([1, 2, 3])
export type Priority = typeof Priority.Type

export const PRIORITIES: ReadonlyArray<Priority> = [1, 2, 3]

/** Dispatch targets used by the product: registration to patrol ordered. */
export const TARGET_MINUTES: Readonly<Record<Priority, number>> = { 1: 4, 2: 20, 3: 240 }

export const PatrolKind = Schema.Literals(["igv", "community"])
export type PatrolKind = typeof PatrolKind.Type

/** The kinds of dated event that take patrols: an operation (insats), a special event, a kommendering. */
export const CalendarEventKind = Schema.Literals(["operation", "specialEvent", "kommendering"]).annotate({
  message: `a calendar event's kind must be "operation" (insats), "specialEvent" or "kommendering"`
})
export type CalendarEventKind = typeof CalendarEventKind.Type
