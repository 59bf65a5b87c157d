import { Schema } from "effect"
import { DEFAULT_TIME_ZONE, isMaxLength, isMinLength } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { fitWindow, NothingToFit, scenarioYaml } from "@igv/fit"
import { readFeedWindow } from "@igv/ingest"
import { decodeScenarioText, lintScenario } from "@igv/runner"
import type { Principal } from "../auth/keys.js"
import { ApiError } from "../errors.js"
import { timeDescription } from "../http/common.js"
import { checkedWindow } from "../history/window.js"
import { ok, route, type Route } from "../http/route.js"
import { Comment } from "./body.js"
import { WrittenScenarioBody } from "./routes.js"
import type { ScenarioService } from "./service.js"

const FitBody = Schema.Struct({
  from: Schema.String.annotate({ description: timeDescription("inclusive") }),
  to: Schema.String.annotate({ description: timeDescription("exclusive") }),
  area: Schema.optionalKey(
    Schema.String.annotate({ description: "one area: its incidents, its patrols' dispatches, shifts and blocks" })
  ),
  name: Schema.optionalKey(Schema.String.check(isMinLength(1), isMaxLength(200))),
  comment: Schema.optionalKey(Comment)
}).annotate({ identifier: "FitScenario" })

const FittedScenario = Schema.Struct({
  ...WrittenScenarioBody.fields,
  /** What the window could not give, and why; nothing in the scenario is invented for it. */
  notFitted: Schema.Array(Schema.Struct({ part: Schema.String, reason: Schema.String })),
  /** The fitted scenario as commented YAML: every fitted number with its sample size and uncertainty. */
  yaml: Schema.String
}).annotate({ identifier: "FittedScenario" })

/**
 * `POST /scenarios/fit`: a scenario fitted from the region's stored feed window (as `igv fit` fits one), saved as
 * version 1 of a new scenario. The same permission as any scenario write. The fit runs on the request's thread:
 * a million events take a few seconds (`pnpm bench fit`), and the window is capped at the scenario-days limit.
 */
export const fitRoute = (store: EventStore, scenarios: ScenarioService, maxWindowDays: number): Route =>
  route({
    method: "POST",
    url: "/scenarios/fit",
    tag: "scenarios",
    permission: "scenario:write",
    summary: "Fit a scenario from a stored feed window and save it (version 1), with what could not be fitted",
    body: FitBody,
    responses: {
      201: {
        description: "The fitted scenario, its linter warnings, what was not fitted, and the commented YAML",
        schema: FittedScenario
      }
    },
    handler: async ({ body, principal }: { body: typeof FitBody.Type; principal: Principal }) => {
      const window = await checkedWindow(store, body, maxWindowDays, "body")
      const events = await readFeedWindow(store, window)
      let fit: ReturnType<typeof fitWindow>
      try {
        fit = fitWindow(events, { from: window.from, to: window.to, timeZone: DEFAULT_TIME_ZONE })
      } catch (e) {
        if (e instanceof NothingToFit) throw new ApiError(400, "invalid_request", e.message, "body.from")
        throw e
      }
      const yaml = scenarioYaml(fit, body.name ?? "fitted")
      const decoded = decodeScenarioText(yaml, "fitted.yaml")
      if (!decoded.ok)
        throw new Error(
          `a fitted scenario failed to decode: ${decoded.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
        )
      const scenario = decoded.value.scenario
      const saved = await scenarios.create(scenario, principal.keyId, body.comment ?? "fitted from the stored feed")
      return ok({ ...saved, warnings: lintScenario(scenario), notFitted: fit.notFitted, yaml }, 201)
    }
  })
