import { spawn, type ChildProcess } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"

/** The built service, as an operator runs it. */
export const dist = resolve(import.meta.dirname, "../../dist")
export const root = resolve(import.meta.dirname, "../../../..")

export interface Server {
  readonly child: ChildProcess
  readonly base: string
  readonly output: () => string
}

/** Starts `command` (by default `node dist/main.js`) and resolves once it prints the address it listens on. */
export const startServer = (
  env: Record<string, string>,
  options: { command?: ReadonlyArray<string>; cwd?: string } = {}
): Promise<Server> =>
  new Promise((resolvePromise, reject) => {
    const [file, ...args] = options.command ?? [process.execPath, join(dist, "main.js")]
    const child = spawn(file!, args, {
      env: { ...process.env, IGV_PORT: "0", IGV_LOG_REQUESTS: "false", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd })
    })
    let out = ""
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolvePromise({ child, base: m[1]!, output: () => out })
      }
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    child.on("exit", (code) => {
      clearTimeout(timer)
      if (!/listening on/.test(out)) reject(new Error(`server exited ${code}:\n${out}`))
    })
  })

export const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (hasExited(child) ? r(child.exitCode) : child.on("exit", (code) => r(code))))

/** Resolves once everything the process (and whatever inherited its output) wrote has been read. */
export const outputClosed = (child: ChildProcess) =>
  Promise.all(
    [child.stdout, child.stderr].map(
      (s) => new Promise<void>((r) => (s === null || s.readableEnded ? r() : s.on("close", () => r())))
    )
  )

/** The processes below `pid` (Linux /proc), with their command lines: to find the service a wrapper (pnpm) started. */
export const descendants = (pid: number): Array<{ pid: number; command: string }> => {
  const children = new Map<number, Array<number>>()
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8")
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      /* exited meanwhile */
    }
  }
  const out: Array<{ pid: number; command: string }> = []
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      try {
        out.push({ pid: c, command: readFileSync(`/proc/${c}/cmdline`, "utf8").replaceAll("\0", " ") })
      } catch {
        /* exited */
      }
      visit(c)
    }
  }
  visit(pid)
  return out
}
