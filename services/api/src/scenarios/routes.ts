import { Schema } from "effect"
import { diffJson, isInt, isPositive, Scenario } from "@igv/domain"
import { lintScenario } from "@igv/runner"
import type { Limits } from "../config.js"
import type { Principal } from "../auth/keys.js"
import { ApiError, notFound } from "../errors.js"
import { IdParams, NumberFromString } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import { YAML_MEDIA_TYPES } from "../http/server.js"
import { Comment, ExpectedVersion, readScenarioBody, type ScenarioBody } from "./body.js"
import { checkScenarioLimits } from "./limits.js"
import type { ScenarioService, ScenarioVersion } from "./service.js"
import { Warnings } from "./warnings.js"

export const CreateScenarioBody = Schema.Struct({ scenario: Scenario, comment: Schema.optionalKey(Comment) }).annotate({
  identifier: "CreateScenario"
})
export const ReviseScenarioBody = Schema.Struct({
  scenario: Scenario,
  /** The version this revision is based on; a 409 if someone revised it meanwhile. */
  expectedVersion: Schema.optionalKey(ExpectedVersion),
  comment: Schema.optionalKey(Comment)
}).annotate({ identifier: "ReviseScenario" })

const yamlComment = Schema.optionalKey(Comment).annotate({
  description: "with a YAML body: the revision's comment (a JSON body carries it inside)"
})
const CreateQuery = Schema.Struct({ comment: yamlComment })
const ReviseQuery = Schema.Struct({
  comment: yamlComment,
  expectedVersion: Schema.optionalKey(NumberFromString.pipe(Schema.decodeTo(ExpectedVersion))).annotate({
    description: "with a YAML body: the version this revision is based on"
  })
})
/** A YAML body is the scenario file as it is (the presets are YAML). */
const YAML_BODY = Object.fromEntries(
  YAML_MEDIA_TYPES.map((type) => [
    type,
    {
      schema: Scenario,
      description: "The scenario itself, as in a scenario file; comment and expectedVersion in the query"
    }
  ])
)

const VersionNumber = NumberFromString.check(isInt, isPositive)
const VersionQuery = Schema.Struct({ version: Schema.optionalKey(VersionNumber) })
const DiffQuery = Schema.Struct({ from: VersionNumber, to: VersionNumber })

const VersionMeta = {
  id: Schema.String,
  version: Schema.Number,
  name: Schema.String,
  /** Key id of the author. */
  by: Schema.String,
  at: Schema.String,
  comment: Schema.optionalKey(Schema.String)
}
export const ScenarioVersionBody = Schema.Struct({ ...VersionMeta, scenario: Scenario }).annotate({
  identifier: "ScenarioVersion"
})
export const WrittenScenarioBody = Schema.Struct({ ...VersionMeta, scenario: Scenario, warnings: Warnings }).annotate({
  identifier: "WrittenScenarioVersion"
})
const ScenarioSummary = Schema.Struct(VersionMeta).annotate({ identifier: "ScenarioSummary" })
const ScenarioList = Schema.Struct({ scenarios: Schema.Array(ScenarioSummary) })
const VersionList = Schema.Struct({ versions: Schema.Array(ScenarioSummary) })
const DiffBody = Schema.Struct({
  id: Schema.String,
  from: Schema.Number,
  to: Schema.Number,
  changes: Schema.Array(
    Schema.Struct({
      path: Schema.String,
      op: Schema.Literals(["added", "removed", "changed"]),
      from: Schema.optionalKey(Schema.Unknown),
      to: Schema.optionalKey(Schema.Unknown)
    })
  )
})

const summary = ({ scenario: _s, ...meta }: ScenarioVersion) => meta
const ERR_404 = { description: "No such scenario or version" }

export const scenarioRoutes = (scenarios: ScenarioService, limits: Limits): ReadonlyArray<Route> => {
  const mustGet = async (id: string, version?: number, path = "query.version") => {
    const v = await scenarios.get(id, version)
    if (v === undefined)
      throw (await scenarios.get(id)) === undefined
        ? notFound(`scenario ${id}`, "params.id")
        : notFound(`version ${version} of scenario ${id}`, path)
    return v
  }
  return [
    route({
      method: "POST",
      url: "/scenarios",
      tag: "scenarios",
      permission: "scenario:write",
      summary: "Create a scenario (version 1)",
      description:
        "Decoded as `igv validate` decodes a file: unknown fields, numbers not written as plain numbers and impossible dates are errors, each with its path and line.",
      query: CreateQuery,
      body: CreateScenarioBody,
      bodyTypes: YAML_BODY,
      readBody: readScenarioBody(false),
      responses: { 201: { description: "Created, with the scenario linter's warnings", schema: WrittenScenarioBody } },
      handler: async ({ body, principal }: { body: ScenarioBody; principal: Principal }) => {
        checkScenarioLimits(body.scenario, limits, "body.scenario")
        return ok(
          {
            ...(await scenarios.create(body.scenario, principal.keyId, body.comment)),
            warnings: lintScenario(body.scenario)
          },
          201
        )
      }
    }),
    route({
      method: "POST",
      url: "/scenarios/:id/versions",
      tag: "scenarios",
      permission: "scenario:write",
      summary: "Revise a scenario: a new version; every earlier version is kept",
      params: IdParams,
      query: ReviseQuery,
      body: ReviseScenarioBody,
      bodyTypes: YAML_BODY,
      readBody: readScenarioBody(true),
      responses: {
        201: { description: "The new version, with the scenario linter's warnings", schema: WrittenScenarioBody },
        404: ERR_404,
        409: { description: "expectedVersion is not the latest" }
      },
      handler: async ({
        params,
        body,
        principal
      }: {
        params: { id: string }
        body: ScenarioBody
        principal: Principal
      }) => {
        checkScenarioLimits(body.scenario, limits, "body.scenario")
        return ok(
          {
            ...(await scenarios.revise(params.id, body.scenario, principal.keyId, body.expectedVersion, body.comment)),
            warnings: lintScenario(body.scenario)
          },
          201
        )
      }
    }),
    route({
      method: "GET",
      url: "/scenarios",
      tag: "scenarios",
      permission: "scenario:read",
      summary: "List scenarios at their latest version",
      responses: { 200: { description: "Scenarios", schema: ScenarioList } },
      handler: async () => ok({ scenarios: (await scenarios.list()).map(summary) })
    }),
    route({
      method: "GET",
      url: "/scenarios/:id",
      tag: "scenarios",
      permission: "scenario:read",
      summary: "A scenario at its latest version, or at ?version=N",
      params: IdParams,
      query: VersionQuery,
      responses: { 200: { description: "The scenario version", schema: ScenarioVersionBody }, 404: ERR_404 },
      handler: async ({ params, query }) => ok(await mustGet(params.id, query.version))
    }),
    route({
      method: "GET",
      url: "/scenarios/:id/versions",
      tag: "scenarios",
      permission: "scenario:read",
      summary: "Every version of a scenario: who and when",
      params: IdParams,
      responses: { 200: { description: "Versions, oldest first", schema: VersionList }, 404: ERR_404 },
      handler: async ({ params }) => {
        const versions = await scenarios.versions(params.id)
        if (versions === undefined) throw notFound(`scenario ${params.id}`, "params.id")
        return ok({ versions: versions.map(summary) })
      }
    }),
    route({
      method: "GET",
      url: "/scenarios/:id/diff",
      tag: "scenarios",
      permission: "scenario:read",
      summary: "What changed between two versions, path by path",
      params: IdParams,
      query: DiffQuery,
      responses: { 200: { description: "Changes from `from` to `to`", schema: DiffBody }, 404: ERR_404 },
      handler: async ({ params, query }) => {
        if (query.from === query.to)
          throw new ApiError(400, "invalid_request", "from and to are the same version", "query.to")
        const [a, b] = [
          await mustGet(params.id, query.from, "query.from"),
          await mustGet(params.id, query.to, "query.to")
        ]
        return ok({ id: params.id, from: a.version, to: b.version, changes: diffJson(a.scenario, b.scenario) })
      }
    })
  ]
}
