import type { EventStore } from "@igv/event-store"
import { unknownAreaProblem, type ReplayWindow } from "@igv/ingest"
import { ApiError } from "../errors.js"
import { instantParam } from "../http/common.js"

/**
 * A stored window as a request gives it (`from`, `to`, optional `area`, in the query or the body): ends after it
 * starts, spans at most the scenario-days limit, and names an area the store holds; every refusal names its field.
 */
export async function checkedWindow(
  store: EventStore,
  given: { readonly from: string; readonly to: string; readonly area?: string | undefined },
  maxWindowDays: number,
  at: "query" | "body"
): Promise<ReplayWindow & { readonly from: number; readonly to: number }> {
  const from = instantParam(given.from, `${at}.from`)!,
    to = instantParam(given.to, `${at}.to`)!
  if (to <= from) throw new ApiError(400, "invalid_request", "the window must end after it starts", `${at}.to`)
  const days = (to - from) / 1440
  if (days > maxWindowDays)
    throw new ApiError(
      400,
      "limit_exceeded",
      `limit scenarioDays is ${maxWindowDays}, the window spans ${Math.ceil(days)} days`,
      `${at}.to`
    )
  const unknownArea = given.area === undefined ? undefined : await unknownAreaProblem(store, given.area)
  if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, `${at}.area`)
  return { from, to, ...(given.area === undefined ? {} : { area: given.area }) }
}
