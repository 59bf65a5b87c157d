import { Schema } from "effect"

const nonEmpty = Schema.String.pipe(Schema.trimmed(), Schema.minLength(1))

export const AreaId = nonEmpty.pipe(Schema.brand("AreaId"))
export type AreaId = typeof AreaId.Type
export const PatrolId = nonEmpty.pipe(Schema.brand("PatrolId"))
export type PatrolId = typeof PatrolId.Type
export const IncidentId = nonEmpty.pipe(Schema.brand("IncidentId"))
export type IncidentId = typeof IncidentId.Type
export const BlockId = nonEmpty.pipe(Schema.brand("BlockId"))
export type BlockId = typeof BlockId.Type
export const TaskId = nonEmpty.pipe(Schema.brand("TaskId"))
export type TaskId = typeof TaskId.Type
