import { parquetWriteBuffer, type ColumnSource } from "hyparquet-writer"
import type { Factor } from "./design.js"
import { valueText, type SweepRow } from "./sweep.js"

/**
 * The sweep's table as Parquet, the same columns as the CSV: `point`, each factor (DOUBLE when every value is a
 * number, else STRING as the CSV writes it), `replications`, then `<metric>.mean` and `<metric>.halfWidth95`
 * (DOUBLE, null where the CSV cell is empty).
 */
export const sweepParquet = (
  factors: ReadonlyArray<Factor>,
  metrics: ReadonlyArray<string>,
  rows: ReadonlyArray<SweepRow>
): Uint8Array => {
  const factorColumn = (path: string): ColumnSource => {
    const values = rows.map((r) => r.values[path])
    return values.every((v) => typeof v === "number")
      ? { name: path, data: values, type: "DOUBLE", nullable: false }
      : { name: path, data: values.map(valueText), type: "STRING", nullable: false }
  }
  const figure = (name: string, pick: (r: SweepRow) => number | null): ColumnSource => ({
    name,
    data: rows.map(pick),
    type: "DOUBLE",
    nullable: true
  })
  const columnData: Array<ColumnSource> = [
    { name: "point", data: rows.map((r) => r.point), type: "INT32", nullable: false },
    ...factors.map((f) => factorColumn(f.path)),
    { name: "replications", data: rows.map((r) => r.replications), type: "INT32", nullable: false },
    ...metrics.flatMap((m) => [
      figure(`${m}.mean`, (r) => r.metrics[m]!.mean),
      figure(`${m}.halfWidth95`, (r) => r.metrics[m]!.halfWidth)
    ])
  ]
  return new Uint8Array(parquetWriteBuffer({ columnData }))
}
