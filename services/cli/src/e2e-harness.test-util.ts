// Shared by the CLI's end-to-end tests: run the built `igv` as a user would, on a small two-LPO week.
import { execFile } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { commandLoaders } from "./commands/index.js"

export const root = fileURLToPath(new URL("../../../", import.meta.url))
export const exec = promisify(execFile)
/** The built CLI's entry, for tests that spawn it themselves. */
export const cliMain = join(root, "services/cli/dist/main.js")

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Builds the CLI (tsc -b, incremental: quick when nothing changed), so the tests run what the source says. */
export const buildCli = () =>
  exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", join(root, "services/cli")], {
    cwd: root
  })

/** Runs the built CLI; a non-zero exit is a result to check, not an error. */
export const runIgv = async (
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: NodeJS.ProcessEnv }
): Promise<Run> => {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cliMain, ...args], {
      cwd: options.cwd,
      maxBuffer: 64 << 20,
      env: options.env ?? process.env
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    if (typeof err.code !== "number") throw e
    return { code: err.code, stdout: err.stdout ?? "", stderr: err.stderr ?? "" }
  }
}

/** Preloaded into a process: names on stderr every file it loads as an ES module, and node:crypto if loaded by the end. */
const LOG_ES_MODULES = `data:text/javascript,${encodeURIComponent(
  `import { registerHooks } from "node:module"
registerHooks({ load: (url, context, next) => { process.stderr.write("loaded " + url + "\\n"); return next(url, context) } })
process.on("exit", () => { if (process.moduleLoadList.includes("NativeModule crypto")) process.stderr.write("loaded node:crypto\\n") })`
)}`

/**
 * The bundled igv's stdout, which store and analytics clients it loaded (Node's module debug log names each),
 * which commands' modules (the bundle's `NAME-HASH.js` files, one per command) and whether node:crypto.
 */
export const runBundledLogged = async (args: ReadonlyArray<string>) => {
  const { stdout, stderr } = await exec(
    process.execPath,
    ["--import", LOG_ES_MODULES, join(root, "services/cli/bundle/main.js"), ...args],
    { maxBuffer: 64 << 20, env: { ...process.env, NODE_DEBUG: "module", IGV_DECODE_WORKER: "0" } }
  )
  return {
    stdout,
    clients: ["kafkajs", "better-sqlite3", "@clickhouse/client"].filter((name) => stderr.includes(`/${name}/`)),
    commands: Object.keys(commandLoaders).filter((name) =>
      new RegExp(`^loaded file://.*/services/cli/bundle/${name}-\\w+\\.js$`, "m").test(stderr)
    ),
    crypto: /^loaded node:crypto$/m.test(stderr)
  }
}

/** Two LPOs over the spring DST week, with planned blocks and a citizen-promise tag. */
export const twoLpoWeek = (seed: number) => `name: two LPOs, one week
start: "2024-03-25"
days: 7
seed: ${seed}
areas: [{ id: lpo1 }, { id: lpo2 }]
dimensioning:
  - { area: lpo1, patrols: 3, start: "07:00", end: "19:00" }
  - { area: lpo2, patrols: 2, start: "07:00", end: "19:00" }
demand:
  synthetic:
    - { area: lpo1, prio: 1, perDay: 3, service: { _tag: exponential, meanMinutes: 40 } }
    - { area: lpo1, prio: 3, perDay: 12, service: { _tag: exponential, meanMinutes: 50 } }
    - { area: lpo2, prio: 2, perDay: 8, service: { _tag: exponential, meanMinutes: 45 } }
plannedBlocks:
  - { area: lpo1, weekdays: [mon, tue, wed, thu, fri], start: "09:00", durationMinutes: 120, patrols: 2, tag: ml-1 }
  - { area: lpo2, weekdays: [mon, wed, fri], start: "13:00", durationMinutes: 90, patrols: 1 }
`

/** One area, one IGV patrol 08–16 and the given blocks and demand, over a week. */
export const onePatrol = (blocks: string, demand: string, extra = "") => `name: one patrol
start: "2024-03-25"
days: 7
areas: [{ id: lpo1 }]
dimensioning:
  - { area: lpo1, patrols: 1, start: "08:00", end: "16:00" }
demand:
  synthetic:
${demand}
plannedBlocks:
${blocks}
${extra}`
