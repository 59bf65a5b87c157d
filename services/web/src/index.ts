import { readdirSync, readFileSync } from "node:fs"
import { extname, join } from "node:path"

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8"
}

export interface WebAsset {
  readonly contentType: string
  readonly body: Buffer
}

/** The bundled page's files by name (index.html, app.js, style.css), read once; the service only hands them out. */
export const webAssets = (dir = join(import.meta.dirname, "../dist/page")): ReadonlyMap<string, WebAsset> => {
  const assets = new Map<string, WebAsset>()
  let names: Array<string>
  try {
    names = readdirSync(dir)
  } catch {
    throw new Error(`the web page is not built (${dir} is missing): run pnpm run build`)
  }
  for (const name of names) {
    const type = TYPES[extname(name)]
    if (type !== undefined) assets.set(name, { contentType: type, body: readFileSync(join(dir, name)) })
  }
  return assets
}
export { fileReportHtml, type FileReportInput } from "./file-report.js"
