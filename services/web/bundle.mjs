// Bundles the page (its code and the chart library) into dist/app at build time: nothing is fetched from a CDN at run time.
import { copyFileSync, mkdirSync } from "node:fs"
import { build } from "esbuild"

const out = new URL("dist/page/", import.meta.url)
mkdirSync(out, { recursive: true })
// The page, and the script a report file carries inline (igv timeline, igv simulate|compare|history --html).
for (const [entry, file] of [
  ["main.ts", "app.js"],
  ["file-report.ts", "file-report.js"]
]) {
  await build({
    entryPoints: [new URL(`src/app/${entry}`, import.meta.url).pathname],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "linked",
    outfile: new URL(file, out).pathname,
    logLevel: "warning"
  })
}
for (const file of ["index.html", "style.css"])
  copyFileSync(new URL(`src/app/${file}`, import.meta.url), new URL(file, out))
