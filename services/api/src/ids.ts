import { randomBytes } from "node:crypto"

/**
 * The ids the service hands out. Only ids of these forms name a stream (`scenario-<id>`, `run-<id>`), so no
 * request can reach an internal one: `POST /scenarios/index/versions` once wrote into `scenario-index`.
 */
const SCENARIO_ID = /^sc_[0-9a-f]{12}$/
const RUN_ID = /^run_[0-9a-f]{16}$/
const KEY_ID = /^[0-9a-f]{16}$/

export const newScenarioId = (): string => `sc_${randomBytes(6).toString("hex")}`
export const newRunId = (): string => `run_${randomBytes(8).toString("hex")}`
export const newKeyId = (): string => randomBytes(8).toString("hex")

export const isScenarioId = (id: string): boolean => SCENARIO_ID.test(id)
export const isRunId = (id: string): boolean => RUN_ID.test(id)
export const isKeyId = (id: string): boolean => KEY_ID.test(id)
