import { existsSync, readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { ScenarioInvalid } from "@igv/runner"

/** The preset scenarios shipped with the product (simulations/scenarios), from src/ or dist/ alike. */
export const PRESET_DIR = fileURLToPath(new URL("../../../simulations/scenarios/", import.meta.url))

export const presetNames = (): Array<string> => {
  try {
    return readdirSync(PRESET_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -5))
      .sort()
  } catch {
    return []
  }
}

/**
 * A scenario argument: a file if there is one, else a preset by name (`lpo-dense-status-quo`), so
 * `igv simulate -s lpo-dense-status-quo` works from any folder. A bare name that is neither is an
 * input error listing the presets.
 */
export const resolveScenarioArg = (arg: string): string => {
  if (existsSync(arg) || arg.includes("/") || arg.includes("\\")) return arg
  const name = arg.replace(/\.ya?ml$/, "")
  const presets = presetNames()
  if (presets.includes(name)) return `${PRESET_DIR}${name}.yaml`
  throw new ScenarioInvalid({
    file: arg,
    issues: [{ path: "", message: `no such file, nor a preset of that name (presets: ${presets.join(", ")})` }]
  })
}
