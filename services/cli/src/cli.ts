import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { isInputInvalid } from "@igv/runner"
import {
  EXIT_BAD_INPUT,
  EXIT_FAILURE,
  EXIT_OK,
  UsageError,
  type Command,
  type Io,
  type OptionValues
} from "./command.js"
import { commandLoaders } from "./commands/index.js"
import { checkOutFolder } from "./output.js"

/** The version of this package, as its package.json says. */
const version = (): string =>
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version

/** Every command, loaded: for the overview and `igv help NAME`, never on the way to running one. */
const allCommands = (): Promise<Array<Command>> => Promise.all(Object.values(commandLoaders).map((load) => load()))

const overview = (
  commands: ReadonlyArray<Command>
) => `igv: how much planned crime-prevention line time survives IGV dispatch, and what rules and staffing change it

Usage: igv <command> [options]     (igv --version: the version)

Commands:
${commands.map((c) => `  ${c.name.padEnd(Math.max(...commands.map((x) => x.name.length)) + 2)}${c.summary}`).join("\n")}

Run "igv <command> --help" for a command's options and examples.`

/** Runs one command line; resolves to the exit code. Never writes half a result. */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const [name, ...rest] = argv
  if (name === "--version" || name === "-V") {
    io.stdout.write(`igv ${version()}\n`)
    return EXIT_OK
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const commands = await allCommands()
    const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined
    // Without a command it is a mistake: the overview goes to stderr, with exit code 2.
    ;(name === undefined ? io.stderr : io.stdout).write(`${topic?.help ?? overview(commands)}\n`)
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined
  if (load === undefined) {
    io.stderr.write(`igv: unknown command "${name}"\n\n${overview(await allCommands())}\n`)
    return EXIT_BAD_INPUT
  }
  const command = await load()
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    })
    if (values.help === true) {
      io.stdout.write(`${command.help}\n`)
      return EXIT_OK
    }
    // Before any work: a run of minutes must not end in "cannot write --out" for a folder that was never there.
    for (const option of ["out", "html", "events"]) {
      const file = (values as OptionValues)[option]
      if (typeof file === "string") checkOutFolder(file, `--${option}`)
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 }
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(
        max === 0
          ? `unexpected argument "${positionals[0]}"`
          : `expected ${min === max ? min : `${min} or more`} file argument${max === 1 ? "" : "s"}, got ${positionals.length}`
      )
    }
    return await command.run({ values, positionals }, io)
  } catch (e) {
    if (isInputInvalid(e)) {
      io.stderr.write(`${e.message}\n`)
      return EXIT_BAD_INPUT
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`igv ${command.name}: ${(e as Error).message}\nRun "igv ${command.name} --help" for usage.\n`)
      return EXIT_BAD_INPUT
    }
    io.stderr.write(`igv ${command.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    return EXIT_FAILURE
  }
}
