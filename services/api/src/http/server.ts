import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify"
import type { Schema } from "effect"
import { decodeWith, type Decoded } from "@igv/domain"
import { jsonSchemaOf } from "./openapi.js"
import { MAX_NESTING, nestingDepth } from "@igv/runner"
import type { KeyRing, Principal } from "../auth/keys.js"
import type { RateLimiter } from "../auth/rate-limit.js"
import { may } from "../auth/roles.js"
import type { Limits } from "../config.js"
import { ApiError, invalid, limitExceeded } from "../errors.js"
import type { Answer, Route } from "./route.js"

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal
    /** A JSON body as sent: decoders that check how numbers are written (scenarios) read the text, not the value. */
    rawBody?: string
  }
}

/** Scenarios may come as YAML (the presets are YAML files); these media types reach a route as text. */
export const YAML_MEDIA_TYPES = ["application/yaml", "application/x-yaml", "text/yaml"] as const
const JSON_MEDIA_TYPE = "application/json"

/** "application/json; charset=utf-8" → "application/json". */
const mediaTypeOf = (request: FastifyRequest): string | undefined =>
  request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase()

const hasBody = (request: FastifyRequest): boolean =>
  request.headers["transfer-encoding"] !== undefined ||
  (request.headers["content-length"] !== undefined && request.headers["content-length"] !== "0")

/** The media types a route's body may have; undefined when it takes no body (whatever is sent is not read). */
const acceptedMediaTypes = (r: Route): ReadonlyArray<string> | undefined =>
  r.streamBody !== undefined
    ? [r.streamBody.contentType]
    : r.body !== undefined
      ? [JSON_MEDIA_TYPE, ...Object.keys(r.bodyTypes ?? {})]
      : undefined

export interface HttpDeps {
  readonly keys: KeyRing
  readonly rateLimiter: RateLimiter
  readonly limits: Limits
  readonly logRequests: boolean
  /** Where the log goes (stdout by default); tests read it. */
  readonly logStream?: NodeJS.WritableStream
}

const presentedKey = (request: FastifyRequest): string | undefined => {
  const header = request.headers["x-api-key"]
  if (typeof header === "string" && header !== "") return header
  const auth = request.headers.authorization
  return auth?.startsWith("Bearer ") === true ? auth.slice(7).trim() : undefined
}

const send = (reply: FastifyReply, answer: Answer) => {
  if (answer.status === "sent") return reply
  if (answer.headers !== undefined) reply.headers(answer.headers)
  reply.code(answer.status)
  if ("json" in answer) return reply.type("application/json; charset=utf-8").send(answer.json)
  return reply.send(answer.body)
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)

const sendError = (reply: FastifyReply, error: ApiError) => {
  if (error.extra.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.extra.retryAfterSeconds))
  return reply.code(error.status).type("application/json; charset=utf-8").send(JSON.stringify(error.body))
}

/** Fastify's own errors (body too large, bad JSON, wrong media type) in our shape; anything unknown is a bare 500. */
const asApiError = (error: unknown, limits: Limits): ApiError => {
  if (error instanceof ApiError) return error
  const e = error as { code?: string; statusCode?: number; message?: string }
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return limitExceeded("bodyBytes", limits.bodyBytes, "body")
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(
        415,
        "unsupported_media_type",
        "send application/json (a scenario may also be application/yaml; POST /feed takes application/x-ndjson)",
        "headers.content-type"
      )
    case "FST_ERR_BAD_URL":
      return new ApiError(400, "invalid_url", "the URL's percent-encoding is not valid", "url")
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new ApiError(
        414,
        "uri_too_long",
        `a path parameter is longer than ${MAX_PARAM_LENGTH} characters; no id is that long`,
        "params"
      )
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ApiError(400, "invalid_json", "the body is not valid JSON", "body")
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(400, "invalid_request", "the JSON body is empty", "body")
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError(400, "invalid_request", "content-length does not match the body", "headers.content-length")
  }
  // V8's message may quote the body; the position alone does not help without it, so say only what is wrong.
  if (e.statusCode === 400 && error instanceof SyntaxError)
    return new ApiError(400, "invalid_json", "the body is not valid JSON", "body")
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500)
    return new ApiError(e.statusCode, "bad_request", "the request could not be read", "")
  return new ApiError(500, "internal", "internal error; it has been logged", "")
}

/**
 * Query strings are text; where a query schema wants numbers or lists on the wire (JSON Schema type
 * number/integer/array), the text is converted first: `version=2` → 2, `areas=a,b` → ["a", "b"].
 * Schemas that decode from strings themselves (NumberFromString) are left alone.
 */
export const queryCoercion = (schema: Schema.Top): ((query: Record<string, unknown>) => Record<string, unknown>) => {
  type Property = { type?: string; items?: Property; anyOf?: ReadonlyArray<Property> }
  const json = jsonSchemaOf(schema).root as { properties?: Record<string, Property> }
  // A plain number is `anyOf [number, "NaN" | "Infinity" | "-Infinity"]` in effect's JSON Schema: a number on the wire.
  const typeOf = (p: Property | undefined): string | undefined =>
    p?.type ?? p?.anyOf?.find((b) => b.type === "number" || b.type === "integer")?.type
  const kinds = new Map<string, "number" | "array" | "number-array">()
  for (const [name, p] of Object.entries(json.properties ?? {})) {
    const type = typeOf(p)
    if (type === "number" || type === "integer") kinds.set(name, "number")
    else if (type === "array")
      kinds.set(name, typeOf(p.items) === "number" || typeOf(p.items) === "integer" ? "number-array" : "array")
  }
  const num = (v: string) => (v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v)
  return (query) => {
    if (kinds.size === 0) return query
    const out: Record<string, unknown> = { ...query }
    for (const [name, kind] of kinds) {
      const v = out[name]
      if (typeof v !== "string") continue
      out[name] = kind === "number" ? num(v) : v.split(",").map((x) => (kind === "number-array" ? num(x) : x))
    }
    return out
  }
}

/** Fastify's bound on a path parameter (its default), named in the 414. */
const MAX_PARAM_LENGTH = 100

export const createHttpServer = (routes: ReadonlyArray<Route>, deps: HttpDeps): FastifyInstance => {
  const app = Fastify({
    bodyLimit: deps.limits.bodyBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors Fastify meets before a route is found (bad percent-encoding, a path parameter too long), in our shape.
    frameworkErrors: (error, _request, reply) => sendError(reply, asApiError(error, deps.limits)),
    // Our own one line per request (below) replaces Fastify's two, so the key id is on it.
    logController: new LogController({ disableRequestLogging: true }),
    logger: deps.logRequests
      ? { level: "info", ...(deps.logStream === undefined ? {} : { stream: deps.logStream }) }
      : false,
    return503OnClosing: true,
    forceCloseConnections: "idle"
  })

  // Only the media types some route takes are parsed: text/plain and the rest answer 415.
  app.removeAllContentTypeParsers()
  // NDJSON bodies reach their handler as the raw stream; no size limit, read in constant memory.
  app.addContentTypeParser("application/x-ndjson", (_request, payload, done) => done(null, payload))
  // JSON keeps its text (see rawBody) and is refused before parsing when nested deeper than any request needs,
  // so no parser or decoder runs out of stack (a 500 before); prototype poisoning is refused as Fastify does.
  const parseJson = app.getDefaultJsonParser("error", "error")
  app.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: "string" }, (request, body, done) => {
    const text = body as string
    const depth = nestingDepth(text, true)
    if (depth > MAX_NESTING)
      return done(
        new ApiError(
          400,
          "invalid_json",
          `the JSON is nested ${depth} levels deep; at most ${MAX_NESTING} are allowed`,
          "body"
        ),
        undefined
      )
    request.rawBody = text
    parseJson(request, text, done)
  })
  app.addContentTypeParser([...YAML_MEDIA_TYPES], { parseAs: "string" }, (_request, body, done) => done(null, body))

  app.setErrorHandler((error, request, reply) => {
    const apiError = asApiError(error, deps.limits)
    if (apiError.status >= 500) request.log.error({ err: error, keyId: request.principal?.keyId }, "request failed")
    return sendError(reply, apiError)
  })
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new ApiError(404, "not_found", `no route ${request.method} ${excerpt(request.url.split("?")[0]!)}`, "")
    )
  )

  // One line per request, with the key id, never the key.
  app.addHook("onResponse", async (request, reply) => {
    if (!deps.logRequests) return
    request.log.info(
      {
        keyId: request.principal?.keyId,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10
      },
      "request"
    )
  })

  for (const r of routes) {
    const decodeParams = r.params === undefined ? undefined : decodeWith(r.params)
    const decodeQuery = r.query === undefined ? undefined : decodeWith(r.query)
    const coerceQuery = r.query === undefined ? (q: Record<string, unknown>) => q : queryCoercion(r.query)
    const decodeBody = r.body === undefined ? undefined : decodeWith(r.body)
    const decode = <A>(
      decoder: ((u: unknown) => Decoded<A>) | undefined,
      value: unknown,
      where: string
    ): A | undefined => {
      if (decoder === undefined) return undefined
      const result = decoder(value ?? {})
      if (!result.ok) throw invalid(where, result.issues)
      return result.value
    }
    app.route({
      method: r.method,
      url: r.url,
      // Authentication before the body is read: an anonymous client cannot make the server parse anything.
      onRequest: async (request, reply) => {
        if (r.permission === "public") return
        const key = presentedKey(request)
        if (key === undefined)
          return sendError(
            reply,
            new ApiError(
              401,
              "unauthenticated",
              "an API key is required (header x-api-key or Authorization: Bearer)",
              "headers.x-api-key"
            )
          )
        const principal = await deps.keys.authenticate(key)
        if (principal === undefined)
          return sendError(
            reply,
            new ApiError(401, "unauthenticated", "the API key is unknown or revoked", "headers.x-api-key")
          )
        request.principal = principal
        if (!may(principal.role, r.permission)) {
          return sendError(reply, new ApiError(403, "forbidden", `role ${principal.role} may not ${r.permission}`, ""))
        }
        const wait = deps.rateLimiter.take(principal.keyId)
        if (wait > 0)
          return sendError(
            reply,
            new ApiError(429, "rate_limited", `rate limit for this key exceeded; retry in ${wait} s`, "", {
              retryAfterSeconds: wait
            })
          )
        const accepted = acceptedMediaTypes(r)
        const mediaType = mediaTypeOf(request)
        if (accepted !== undefined && hasBody(request) && (mediaType === undefined || !accepted.includes(mediaType))) {
          return sendError(
            reply,
            new ApiError(
              415,
              "unsupported_media_type",
              `${r.method} ${r.url} takes ${accepted.join(" or ")}`,
              "headers.content-type"
            )
          )
        }
      },
      handler: async (request, reply) => {
        const params = decode(decodeParams, request.params, "params")
        const query = decode(decodeQuery, coerceQuery((request.query ?? {}) as Record<string, unknown>), "query")
        const body =
          r.streamBody !== undefined
            ? request.body
            : r.readBody !== undefined
              ? r.readBody(request, query)
              : decode(decodeBody, request.body, "body")
        const answer = await r.handler({ params, query, body, principal: request.principal!, request, reply })
        return send(reply, answer)
      }
    })
  }
  return app
}
