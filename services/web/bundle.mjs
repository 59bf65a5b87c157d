// Bundles the page (its code and the chart library) into dist/app at build time: nothing is fetched from a CDN at run time.
import { copyFileSync, mkdirSync } from "node:fs"
import { build } from "esbuild"

const out = new URL("dist/page/", import.meta.url)
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [new URL("src/app/main.ts", import.meta.url).pathname],
  bundle: true, format: "esm", minify: true, target: "es2022", legalComments: "linked",
  outfile: new URL("app.js", out).pathname, logLevel: "warning"
})
for (const file of ["index.html", "style.css"]) copyFileSync(new URL(`src/app/${file}`, import.meta.url), new URL(file, out))
