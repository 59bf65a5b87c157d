import { get } from "./api.js"
import { t } from "./i18n.js"
import { element } from "./dom.js"

type Json = Record<string, unknown>
interface Parameter {
  readonly name: string
  readonly in: string
  readonly required: boolean
  readonly description?: string
  readonly schema: Json
}
interface Operation {
  readonly summary: string
  readonly tags: ReadonlyArray<string>
  readonly "x-permission"?: string
  readonly security?: ReadonlyArray<unknown>
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: {
    readonly description?: string
    readonly content: Readonly<Record<string, { readonly schema: Json }>>
  }
  readonly responses: Readonly<
    Record<
      string,
      { readonly description: string; readonly content?: Readonly<Record<string, { readonly schema: Json }>> }
    >
  >
}
interface Document {
  readonly info: { readonly title: string; readonly version: string }
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
  readonly components: { readonly schemas: Readonly<Record<string, Json>> }
}

const REF = "#/components/schemas/"

/** A schema as compact text: a reference by its name (a link to it below), anything else as JSON. */
const schemaText = (schema: Json): HTMLElement => {
  const ref = schema["$ref"]
  if (typeof ref === "string" && ref.startsWith(REF)) {
    const name = ref.slice(REF.length)
    return element("a", { href: `#/docs/${name}`, textContent: name, className: "schema-ref" })
  }
  return element("code", { textContent: JSON.stringify(schema) })
}

const table = (
  caption: string,
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | HTMLElement>>
) => {
  const tbl = element("table")
  tbl.append(element("caption", { textContent: caption }))
  const head = element("tr")
  for (const h of headers) head.append(element("th", { scope: "col", textContent: h }))
  tbl.createTHead().append(head)
  const body = tbl.createTBody()
  for (const r of rows) {
    const tr = element("tr")
    for (const cell of r) {
      const td = element("td")
      td.append(cell)
      tr.append(td)
    }
    body.append(tr)
  }
  return tbl
}

const operation = (method: string, path: string, op: Operation): HTMLElement => {
  const d = element("details", { className: "operation" })
  d.dataset["operation"] = `${method.toUpperCase()} ${path}`
  const s = element("summary")
  s.append(
    element("span", { className: `method method-${method}`, textContent: method.toUpperCase() }),
    " ",
    element("code", { textContent: path }),
    ` ${op.summary}`
  )
  d.append(s, element("p", { textContent: `${t("permission")}: ${op["x-permission"] ?? t("public")}` }))
  if (op.parameters !== undefined) {
    d.append(
      table(
        t("parameters"),
        [t("name"), t("in"), t("required"), t("schema"), t("description")],
        op.parameters.map((p) => [p.name, p.in, p.required ? "✓" : "", schemaText(p.schema), p.description ?? ""])
      )
    )
  }
  if (op.requestBody !== undefined) {
    d.append(
      table(
        t("requestBody"),
        [t("mediaType"), t("schema")],
        Object.entries(op.requestBody.content).map(([type, c]) => [type, schemaText(c.schema)])
      )
    )
  }
  d.append(
    table(
      t("responses"),
      [t("statusCode"), t("description"), t("schema")],
      Object.entries(op.responses).map(([code, r]) => {
        const content = Object.values(r.content ?? {})[0]
        return [code, r.description, content === undefined ? "" : schemaText(content.schema)]
      })
    )
  )
  return d
}

/**
 * The API's OpenAPI document (`/docs/openapi.json`) read in the browser: every route by tag, its permission,
 * parameters, body and answers, and the shared schemas. Rendered here from the document, so no viewer library
 * and nothing from a CDN; the JSON itself stays at /docs/openapi.json.
 */
export const docsPage = async (root: HTMLElement): Promise<void> => {
  const doc = await get<Document>("/docs/openapi.json")
  root.replaceChildren(element("h2", { textContent: `${t("docs")}: ${doc.info.title} ${doc.info.version}` }))
  const json = element("p")
  json.append(`${t("docsJson")} `, element("code", { textContent: "/docs/openapi.json" }), ` (${t("docsKey")})`)
  root.append(json)
  const byTag = new Map<string, Array<HTMLElement>>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? ""
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op)])
    }
  }
  for (const [tag, ops] of byTag) {
    const section = element("section", { className: "tag" })
    section.append(element("h3", { textContent: tag }), ...ops)
    root.append(section)
  }
  const schemas = element("section", { id: "schemas" })
  schemas.append(element("h3", { textContent: t("schemas") }))
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const d = element("details", { id: `schema-${name}` })
    d.append(
      element("summary", { textContent: name }),
      element("pre", { textContent: JSON.stringify(schema, null, 2) })
    )
    schemas.append(d)
  }
  root.append(schemas)
}

/** `#/docs/Name` opens and shows that schema. */
export const openSchema = (name: string): void => {
  const d = document.getElementById(`schema-${name}`) as HTMLDetailsElement | null
  if (d === null) return
  d.open = true
  d.scrollIntoView()
  d.querySelector("summary")?.focus()
}
