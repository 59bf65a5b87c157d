// The bundled `igv` (bundle/main.js, what the package's bin and `pnpm igv` run) against the modules it is built
// from (dist/main.js): the same bytes, with its replication workers loaded from the bundle's folder too.
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { exec, root, twoLpoWeek } from "./e2e-harness.test-util.js"

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
    expect(await run("services/cli/bundle/main.js", ["--version"])).toBe(await run("services/cli/dist/main.js", ["--version"]))
  })
})
