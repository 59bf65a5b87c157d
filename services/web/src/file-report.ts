import { readFileSync } from "node:fs"
import { join } from "node:path"

const PAGE = join(import.meta.dirname, "../dist/page")

/** What a report file shows; the script in the file draws it (see src/app/file-report.ts). */
export interface FileReportInput {
  readonly title: string
  readonly lang: "sv" | "en"
  readonly data: { readonly kind: "report" | "comparison" | "timeline" } & Record<string, unknown>
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)

/**
 * One self-contained HTML file: the page's style sheet, its bundled chart code and the report's data inline, so
 * it opens from a mail or a USB stick in any browser, with no server and no network.
 */
export const fileReportHtml = (input: FileReportInput, dir = PAGE): string => {
  let script: string, css: string
  try {
    script = readFileSync(join(dir, "file-report.js"), "utf8")
    css = readFileSync(join(dir, "style.css"), "utf8")
  } catch {
    throw new Error(`the web page is not built (${dir} is missing): run pnpm run build`)
  }
  // Inline, "</script" would end the element early; in a script's strings and JSON "<\/" and "\u003c" mean the same.
  const json = JSON.stringify({ ...input.data, lang: input.lang }).replaceAll("<", "\\u003c")
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${css}</style>
</head>
<body>
<header><h1 id="heading">${escapeHtml(input.title)}</h1></header>
<main id="main"></main>
<script type="application/json" id="igv-data">${json}</script>
<script type="module">${script.replaceAll("</script", "<\\/script")}</script>
</body>
</html>
`
}
