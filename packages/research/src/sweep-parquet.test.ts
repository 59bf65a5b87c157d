import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { loadScenario } from "@igv/runner"
import { parquetReadObjects } from "hyparquet"
import { describe, expect, it } from "vitest"
import { gridDesign } from "./design.js"
import { factor } from "./factor.test-util.js"
import { runSweep, sweepJsonLines, valueText, type SweepRow } from "./sweep.js"
import { sweepParquet } from "./sweep-parquet.js"

const preset = join(
  fileURLToPath(new URL("../../../simulations/scenarios/", import.meta.url)),
  "lpo-sparse-status-quo.yaml"
)
const METRICS = ["lineTime.survival", "interruptions.total", "response.3.withinTarget"]

describe("a sweep's table as Parquet", () => {
  it.each([1, 3])(
    "reads back, with %i replication(s), as the JSON-lines rows: numbers as numbers, other values as the CSV writes them, empty figures null",
    async (replications) => {
      const base = { ...(await loadScenario(preset)).scenario, days: 1 }
      const factors = [
        factor("rules.prio3.handling=dispatch|defer"),
        factor("rules.interruptingPriorities=[1,2,3]|[1,2]"),
        factor("rules.prio3.deferLimitMinutes=60..120:60")
      ]
      const rows = await runSweep(base, factors, gridDesign(factors), {
        replications,
        seed: 4,
        metrics: METRICS,
        parallelism: 1
      })
      const bytes = sweepParquet(factors, METRICS, rows)
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      const read = await parquetReadObjects({ file })

      const fromJson = sweepJsonLines(rows)
        .split("\n")
        .map((l) => JSON.parse(l) as SweepRow)
      const expected = fromJson.map((r) => ({
        point: r.point,
        "rules.prio3.handling": r.values["rules.prio3.handling"],
        "rules.interruptingPriorities": valueText(r.values["rules.interruptingPriorities"]),
        "rules.prio3.deferLimitMinutes": r.values["rules.prio3.deferLimitMinutes"],
        replications: r.replications,
        ...Object.fromEntries(
          METRICS.flatMap((m) => [
            [`${m}.mean`, r.metrics[m]!.mean],
            [`${m}.halfWidth95`, r.metrics[m]!.halfWidth]
          ])
        )
      }))
      expect(read).toEqual(expected)
      expect(read).toHaveLength(8)
      // The table holds what it should: a number column, a null where the figure is empty.
      expect(typeof read[0]!["rules.prio3.deferLimitMinutes"]).toBe("number")
      if (replications === 1) expect(read.every((r) => r["lineTime.survival.halfWidth95"] === null)).toBe(true)
      else expect(read.every((r) => typeof r["lineTime.survival.halfWidth95"] === "number")).toBe(true)
    },
    120_000
  )
})
