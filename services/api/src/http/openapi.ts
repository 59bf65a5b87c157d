import { Schema, SchemaAST } from "effect"
import { ErrorBody } from "../errors.js"
import type { Route } from "./route.js"

type Json = Record<string, unknown>

/**
 * effect writes a plain number as `anyOf [number, "Infinity" | "-Infinity" | "NaN"]`, its JSON codec's form of a
 * non-finite number. The service writes JSON with JSON.stringify, which never sends those strings, and its
 * decoders do not take them: on the wire a number is a number.
 */
const finiteNumbers = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(finiteNumbers)
  if (typeof node !== "object" || node === null) return node
  const o = node as Json
  const anyOf = o["anyOf"]
  if (Array.isArray(anyOf)) {
    const numeric = anyOf.filter(
      (b: Json) =>
        !(
          b["type"] === "string" &&
          Array.isArray(b["enum"]) &&
          b["enum"].every((e) => ["Infinity", "-Infinity", "NaN"].includes(e as string))
        )
    )
    if (numeric.length < anyOf.length) {
      const { anyOf: _, ...rest } = o
      return finiteNumbers(numeric.length === 1 ? { ...numeric[0], ...rest } : { ...rest, anyOf: numeric })
    }
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, finiteNumbers(v)]))
}

/**
 * A schema's JSON Schema (2020-12, as OpenAPI 3.1 has it): the root and the definitions it refers to by `#/$defs/`.
 * Objects are closed: the decoders refuse or drop keys they do not declare.
 */
export const jsonSchemaOf = (schema: Schema.Top): { readonly root: Json; readonly defs: Record<string, unknown> } => {
  const document = Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" })
  return {
    root: finiteNumbers(document.schema) as Json,
    defs: finiteNumbers(document.definitions) as Record<string, unknown>
  }
}

/**
 * The descriptions a parameter schema's fields declare. effect writes a query number's JSON Schema from the string
 * it is read from, which leaves the number's own description out (`limit`, `replication`).
 */
const declaredDescriptions = (schema: Schema.Top): ReadonlyMap<string, string> => {
  const ast = schema.ast
  if (!SchemaAST.isObjects(ast)) return new Map()
  return new Map(
    ast.propertySignatures.flatMap((p) => {
      const description = SchemaAST.resolveDescription(p.type)
      return description === undefined ? [] : [[String(p.name), description] as const]
    })
  )
}

/** Turns the routes' effect Schemas into one OpenAPI 3.1 document; shared definitions go to components.schemas. */
export const openApiDocument = (routes: ReadonlyArray<Route>, info: { title: string; version: string }): Json => {
  const components: Record<string, unknown> = {}
  const toJson = (schema: Schema.Top): Json => {
    const { root, defs } = jsonSchemaOf(schema)
    for (const [name, def] of Object.entries(defs)) components[name] = def
    return root
  }
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: toJson(ErrorBody) } }
  })

  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, "{$1}")
    const parameters: Array<Json> = []
    const addParameters = (schema: Schema.Top | undefined, where: "path" | "query") => {
      if (schema === undefined) return
      const json = toJson(schema) as { properties?: Record<string, Json>; required?: ReadonlyArray<string> }
      const declared = declaredDescriptions(schema)
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        const { description: written, ...rest } = s as Json & { description?: string }
        const description = declared.get(name) ?? written
        // Lists travel comma-separated (areas=a,b), which OpenAPI calls form style without explode.
        const list = rest["type"] === "array" ? { style: "form", explode: false } : {}
        parameters.push({
          name,
          in: where,
          required: where === "path" || (json.required ?? []).includes(name),
          schema: rest,
          ...list,
          ...(description === undefined ? {} : { description })
        })
      }
    }
    addParameters(r.params, "path")
    addParameters(r.query, "query")
    const responses: Record<string, unknown> = {}
    for (const [status, spec] of Object.entries(r.responses)) {
      responses[status] =
        spec.schema === undefined
          ? { description: spec.description }
          : {
              description: spec.description,
              content: { [spec.contentType ?? "application/json"]: { schema: toJson(spec.schema) } }
            }
    }
    responses["400"] ??= errorResponse("Invalid input or a limit exceeded (code, message, path)")
    if (r.body !== undefined || r.streamBody !== undefined)
      responses["415"] ??= errorResponse("A media type the route does not take")
    if (r.permission !== "public") {
      responses["401"] = errorResponse("No API key, or an unknown or revoked one")
      responses["403"] = errorResponse(`The key's role lacks the permission ${r.permission}`)
      responses["429"] = errorResponse("Rate limit of the key exceeded; see Retry-After")
    }
    responses["500"] = errorResponse("Internal error (no details are exposed)")
    const operation: Json = {
      operationId: `${r.method.toLowerCase()}${path
        .replace(/[{}]/g, "")
        .split("/")
        .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
        .join("")}`,
      tags: [r.tag],
      summary: r.summary,
      ...(r.description === undefined ? {} : { description: r.description }),
      ...(r.permission === "public" ? { security: [] } : { "x-permission": r.permission }),
      ...(parameters.length === 0 ? {} : { parameters }),
      responses
    }
    if (r.body !== undefined) {
      const others = Object.fromEntries(
        Object.entries(r.bodyTypes ?? {}).map(([type, spec]) => [
          type,
          { schema: { ...toJson(spec.schema), description: spec.description } }
        ])
      )
      operation["requestBody"] = {
        required: true,
        content: { "application/json": { schema: toJson(r.body) }, ...others }
      }
    }
    if (r.streamBody !== undefined) {
      operation["requestBody"] = {
        required: true,
        description: r.streamBody.description,
        content: { [r.streamBody.contentType]: { schema: { type: "string" } } }
      }
    }
    ;(paths[path] ??= {})[r.method.toLowerCase()] = operation
  }
  const document = {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        bearer: { type: "http", scheme: "bearer" }
      },
      schemas: components
    }
  }
  return JSON.parse(JSON.stringify(document).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json
}
