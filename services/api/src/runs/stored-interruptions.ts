import { ApiError } from "../errors.js"
import type { RunService } from "./service.js"

/** The interruptions a completed run stored for one of its replications; a 400 naming the bound if it has no such one. */
export const storedInterruptions = async (runs: RunService, id: string, replication: number) => {
  const result = await runs.result(id)
  const rows = result.interruptions[replication]
  if (rows === undefined) {
    throw new ApiError(
      400,
      "invalid_request",
      `replication must be below ${result.interruptions.length}, the run's replications`,
      "query.replication"
    )
  }
  return rows
}
