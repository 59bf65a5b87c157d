/**
 * `pnpm --filter @igv/simulations calibration`: measures every LPO preset (20 replications each) and writes what
 * it measured into the presets' calibration blocks and the table of simulations/scenarios/README.md. The
 * calibration test checks both still say what a measurement gives, so no figure there is typed in.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { measurePresets, presetFile, SCENARIOS_DIR } from "./presets.js"
import { calibrationTable, presetHeader, withCalibrationTable, withPresetHeader } from "./render.js"

const measured = await measurePresets()
for (const m of measured) {
  const file = presetFile(m.preset)
  writeFileSync(file, withPresetHeader(readFileSync(file, "utf8"), presetHeader(m), file))
}
const readme = join(SCENARIOS_DIR, "README.md")
writeFileSync(readme, withCalibrationTable(readFileSync(readme, "utf8"), calibrationTable(measured), readme))
process.stdout.write(`${calibrationTable(measured)}\n`)
