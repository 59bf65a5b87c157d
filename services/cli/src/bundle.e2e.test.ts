// The bundled `igv` (bundle/main.js, what the package's bin and `pnpm igv` run) against the modules it is built
// from (dist/main.js): the same bytes, with its replication workers loaded from the bundle's folder too, and the
// store and analytics clients loaded only by the commands that use them (bundle.int.test.ts: Kafka, ClickHouse).
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { syntheticFeedLines } from "@igv/ingest"
import { commandLoaders } from "./commands/index.js"
import { exec, root, runBundledLogged as runLogged, twoLpoWeek } from "./e2e-harness.test-util.js"

const run = async (main: string, args: ReadonlyArray<string>) =>
  (await exec(process.execPath, [join(root, main), ...args], { maxBuffer: 64 << 20 })).stdout

describe("the bundled igv", () => {
  it("prints the same report as the modules it bundles, with replications in worker threads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-bundle-"))
    const file = join(dir, "week.yaml")
    writeFileSync(file, twoLpoWeek(7))
    const args = ["simulate", "-s", file, "-r", "4", "--parallelism", "2", "--json"]
    const bundled = await run("services/cli/bundle/main.js", args)
    expect(JSON.parse(bundled)).toHaveProperty("mean")
    expect(bundled).toBe(await run("services/cli/dist/main.js", args))
  }, 60_000)

  it("answers --version from the package it belongs to", async () => {
    expect(await run("services/cli/bundle/main.js", ["--version"])).toBe(
      await run("services/cli/dist/main.js", ["--version"])
    )
  })

  it("writes the same --html report, and serves the page and runs, from the API and page packages it loads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-bundle-"))
    writeFileSync(join(dir, "week.yaml"), twoLpoWeek(7))
    await run("services/cli/bundle/main.js", [
      "simulate",
      "-s",
      join(dir, "week.yaml"),
      "--html",
      join(dir, "bundled.html")
    ])
    await run("services/cli/dist/main.js", [
      "simulate",
      "-s",
      join(dir, "week.yaml"),
      "--html",
      join(dir, "modules.html")
    ])
    expect(readFileSync(join(dir, "bundled.html"), "utf8")).toBe(readFileSync(join(dir, "modules.html"), "utf8"))

    const serve = spawn(process.execPath, [
      join(root, "services/cli/bundle/main.js"),
      "serve",
      "--port",
      "0",
      "--store",
      `sqlite:${join(dir, "igv.db")}`
    ])
    try {
      let out = ""
      serve.stdout.on("data", (d: Buffer) => {
        out += d.toString()
      })
      const deadline = Date.now() + 20_000
      while (!/#key=\S+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      const [, base, key] = /(http:\/\/127\.0\.0\.1:\d+)\/app\/#key=(\S+)/.exec(out) ?? []
      expect(base, out).toBeDefined()
      expect((await fetch(`${base}/app/`)).status).toBe(200)
      const headers = { "x-api-key": key!, "content-type": "application/yaml" }
      const scenario = (await (
        await fetch(`${base}/scenarios`, { method: "POST", headers, body: twoLpoWeek(7) })
      ).json()) as { id: string }
      const posted = (await (
        await fetch(`${base}/runs`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ scenarioId: scenario.id })
        })
      ).json()) as { id: string }
      let status = ""
      while (status !== "completed" && status !== "failed" && Date.now() < deadline + 40_000) {
        status = ((await (await fetch(`${base}/runs/${posted.id}`, { headers })).json()) as { status: string }).status
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(status).toBe("completed")
    } finally {
      serve.kill("SIGTERM")
    }
  }, 90_000)

  it("on a Node older than the project's says which Node it needs and how to run it, not a SyntaxError", async () => {
    const asNode20 = `data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.20.2"}})`
    for (const main of ["services/cli/bundle/main.js", "services/cli/dist/main.js"]) {
      const old = await exec(process.execPath, ["--import", asNode20, join(root, main), "--help"]).catch(
        (e: { code: number; stdout: string; stderr: string }) => e
      )
      expect(old).toMatchObject({ code: 1, stdout: "" })
      expect((old as { stderr: string }).stderr).toMatch(
        /^igv needs Node 24\.11 or later, and this is Node 20\.20\.2\. Run it as "pnpm -s igv …", or "source infra\/runtime\.sh" first/
      )
    }
  })

  it("lists every command, as the modules do, though it loads a command's code only to run it", async () => {
    const overview = await run("services/cli/bundle/main.js", ["--help"])
    expect(overview).toBe(await run("services/cli/dist/main.js", ["--help"]))
    for (const name of Object.keys(commandLoaders)) expect(overview).toMatch(new RegExp(`^  ${name} +\\S`, "m"))
    const bare = await exec(process.execPath, [join(root, "services/cli/bundle/main.js")]).catch(
      (e: { code: number; stderr: string }) => e
    )
    expect(bare).toMatchObject({ code: 2, stderr: overview })
    expect(await run("services/cli/bundle/main.js", ["help", "fit"])).toMatch(/^Usage: igv fit/)
  })

  it("loads the store and analytics clients, and a command's code, only for the commands that use them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-bundle-"))
    writeFileSync(join(dir, "day.yaml"), twoLpoWeek(1).replace(/^days: .*$/m, "days: 1"))
    const simulated = await runLogged(["simulate", "-s", join(dir, "day.yaml"), "--json"])
    expect(JSON.parse(simulated.stdout)).toHaveProperty("lineTime")
    expect(simulated.clients).toEqual([])
    expect(simulated.commands).toEqual(["simulate"])
    // Writing the report whole (a temporary file renamed) does not load OpenSSL either.
    const written = await runLogged(["simulate", "-s", join(dir, "day.yaml"), "--json", "--out", join(dir, "r.json")])
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8"))).toHaveProperty("lineTime")
    expect(written.crypto).toBe(false)

    writeFileSync(join(dir, "feed.ndjson"), `${[...syntheticFeedLines({ incidents: 20, seed: 3 })].join("\n")}\n`)
    const ingested = await runLogged([
      "ingest",
      join(dir, "feed.ndjson"),
      "--store",
      `sqlite:${join(dir, "igv.db")}`,
      "--json"
    ])
    expect(JSON.parse(ingested.stdout)).toMatchObject({ read: 80, stored: 80, balanced: true })
    expect(ingested.clients).toEqual(["better-sqlite3"])
    expect(ingested.commands).toEqual(["ingest"])
  }, 60_000)
})
