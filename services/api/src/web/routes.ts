import { Schema } from "effect"
import { webAssets } from "@igv/web"
import { notFound } from "../errors.js"
import { route, type Answer, type Route } from "../http/route.js"

const FileParams = Schema.Struct({ file: Schema.String })

/**
 * The web page (`@igv/web`, bundled at build time), handed out as files: public, since the page holds no data; it
 * asks for a key and sends it with every API call, so each role sees what its key may read and nothing more.
 */
export const webRoutes = (): ReadonlyArray<Route> => {
  const assets = webAssets()
  const file = (name: string): Answer => {
    const asset = assets.get(name)
    if (asset === undefined) throw notFound(`file ${name.slice(0, 40)}`, "params.file")
    return {
      status: 200,
      body: asset.body,
      headers: { "content-type": asset.contentType, "cache-control": "no-cache", "x-content-type-options": "nosniff" }
    }
  }
  return [
    route({
      method: "GET",
      url: "/app",
      tag: "web",
      permission: "public",
      summary: "Redirects to /app/, where the page's files resolve",
      responses: { 302: { description: "To /app/" } },
      handler: async () => ({ status: 302, body: "", headers: { location: "/app/" } })
    }),
    route({
      method: "GET",
      url: "/app/",
      tag: "web",
      permission: "public",
      summary:
        "The web page: login, scenario comparison, interruption timeline, where and when, runs, scenario versions, this documentation (Swedish and English)",
      responses: { 200: { description: "The page", contentType: "text/html" } },
      handler: async () => file("index.html")
    }),
    route({
      method: "GET",
      url: "/app/:file",
      tag: "web",
      permission: "public",
      summary: "The page's script and style sheet",
      params: FileParams,
      responses: { 200: { description: "A file of the page" }, 404: { description: "No such file" } },
      handler: async ({ params }) => file(params.file)
    })
  ]
}
