import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { measurePresets, presetFile, SCENARIOS_DIR } from "./presets.js"
import {
  calibrationTable,
  formatMeasured,
  formatTarget,
  meets,
  type PresetMeasurement,
  presetHeader,
  withCalibrationTable,
  withPresetHeader
} from "./render.js"
import { LPOS, TARGETS } from "./targets.js"

/** Seven presets × 20 one-year replications, on a shared two-core machine. */
const TIMEOUT = 300_000

let measured: Promise<ReadonlyArray<PresetMeasurement>> | undefined
const measurements = () => {
  measured ??= measurePresets()
  return measured
}

describe("the LPO presets against the inspection's figures (20 replications each)", () => {
  it.each(LPOS)(
    "%s-status-quo: every figure inside its band",
    async (lpo) => {
      const m = (await measurements()).find((x) => x.preset === `${lpo}-status-quo`)!
      for (const target of TARGETS[lpo]) {
        const figure = m.figures[target.figure]
        expect(
          meets(target, figure),
          `${target.figure}: measured ${formatMeasured(target.figure, figure)}, target ${formatTarget(target)}`
        ).toBe(true)
      }
    },
    TIMEOUT
  )

  it(
    "the mid profile's prio 1+2 share lies strictly between the other two",
    async () => {
      const share = async (preset: string) =>
        (await measurements()).find((x) => x.preset === preset)!.figures.prio12Share.mean
      const mid = await share("lpo-mid-status-quo")
      expect(mid).toBeGreaterThan((await share("lpo-sparse-status-quo")) + 0.01)
      expect(mid).toBeLessThan((await share("lpo-dense-status-quo")) - 0.01)
    },
    TIMEOUT
  )

  it(
    "each preset's calibration block and the README's table say what the measurement gives",
    async () => {
      const ms = await measurements()
      for (const m of ms) {
        const file = presetFile(m.preset)
        const text = readFileSync(file, "utf8")
        expect(text, `${m.preset}: run pnpm --filter @igv/simulations calibration`).toBe(
          withPresetHeader(text, presetHeader(m), file)
        )
      }
      const readme = join(SCENARIOS_DIR, "README.md")
      const text = readFileSync(readme, "utf8")
      expect(text, "simulations/scenarios/README.md: run pnpm --filter @igv/simulations calibration").toBe(
        withCalibrationTable(text, calibrationTable(ms), readme)
      )
    },
    TIMEOUT
  )
})

describe("calibration blocks", () => {
  it("a block is replaced whole, and a file without one is an error naming it", () => {
    const header = "# Calibration: new\n# (end of calibration)"
    expect(withPresetHeader("# a\n# Calibration: old\n#   x\n# (end of calibration)\nname: x\n", header, "f")).toBe(
      `# a\n${header}\nname: x\n`
    )
    expect(() => withPresetHeader("name: x\n", header, "f.yaml")).toThrow(/f\.yaml: no "# Calibration"/)
  })
})
