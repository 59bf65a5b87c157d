import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { measureScenario } from "./measure.js"
import type { PresetMeasurement } from "./render.js"
import { LPOS, type Lpo } from "./targets.js"

/** simulations/scenarios, found upwards from this module whether it runs from src (tests) or dist (the script). */
const scenariosDir = (): string => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "scenarios"))) return join(dir, "scenarios")
  }
  throw new Error("simulations/scenarios not found above the calibration module")
}
export const SCENARIOS_DIR = scenariosDir()
export const presetFile = (preset: string) => join(SCENARIOS_DIR, `${preset}.yaml`)

/** The presets the calibration measures: each LPO's status quo (calibrated) and its rule variants (measured). */
export const CALIBRATION_PRESETS: ReadonlyArray<{ preset: string; lpo: Lpo; calibrated: boolean }> = [
  ...LPOS.flatMap((lpo) => [
    { preset: `${lpo}-status-quo`, lpo, calibrated: true },
    { preset: `${lpo}-proposed`, lpo, calibrated: false }
  ]),
  { preset: "lpo-dense-proposed-preempt", lpo: "lpo-dense", calibrated: false }
]

export const measurePresets = async (): Promise<ReadonlyArray<PresetMeasurement>> => {
  const out: Array<PresetMeasurement> = []
  for (const p of CALIBRATION_PRESETS) out.push({ ...p, figures: await measureScenario(presetFile(p.preset)) })
  return out
}
