import { Schema } from "effect"

/** National dispatch priority: 1 immediately, 2 promptly, 3 within four hours or handled another way. */
export const Priority = Schema.Literal(1, 2, 3).annotations({
  message: () => "a priority must be 1, 2 or 3"
})
export type Priority = typeof Priority.Type

export const PRIORITIES: ReadonlyArray<Priority> = [1, 2, 3]

/** Dispatch targets used by the product: registration to patrol ordered. */
export const TARGET_MINUTES: Readonly<Record<Priority, number>> = { 1: 4, 2: 20, 3: 240 }

export const PatrolKind = Schema.Literal("igv", "community").annotations({
  message: () => `a patrol kind must be "igv" (IGV patrol) or "community" (områdespolis)`
})
export type PatrolKind = typeof PatrolKind.Type

/** The kinds of dated event that take patrols: an operation (insats), a special event, a kommendering. */
export const CalendarEventKind = Schema.Literal("operation", "specialEvent", "kommendering").annotations({
  message: () => `a calendar event's kind must be "operation" (insats), "specialEvent" or "kommendering"`
})
export type CalendarEventKind = typeof CalendarEventKind.Type
