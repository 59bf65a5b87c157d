import { forgetKey, Forbidden, get, keepKey, storedKey, Unauthorized } from "./api.js"
import { comparePage } from "./compare.js"
import { lang, setLang, t, type Lang } from "./i18n.js"
import { timelinePage } from "./timeline.js"
import { runsPage } from "./runs.js"
import { scenariosPage } from "./scenarios.js"
import { wherePage } from "./where.js"
import { docsPage, openSchema } from "./docs.js"

const PAGES = {
  compare: comparePage,
  timeline: timelinePage,
  where: wherePage,
  runs: runsPage,
  scenarios: scenariosPage,
  docs: docsPage
} as const
type Page = keyof typeof PAGES

const main = document.getElementById("main")!
const nav = document.getElementById("nav")!

const route = (): Page | "login" => {
  // `#/docs/Name` is the docs page, opened at a schema.
  const hash = location.hash.replace(/^#\/?/, "").split("/")[0]!
  if (storedKey() === null) return "login"
  return hash in PAGES ? (hash as Page) : "compare"
}

const link = (page: Page) => {
  const a = document.createElement("a")
  a.href = `#/${page}`
  a.textContent = t(page)
  if (route() === page) a.setAttribute("aria-current", "page")
  return a
}

const languageSwitch = () => {
  const b = document.createElement("button")
  b.type = "button"
  b.id = "language"
  const other: Lang = lang() === "sv" ? "en" : "sv"
  b.textContent = other === "en" ? "English" : "Svenska"
  b.lang = other
  b.setAttribute("aria-label", `${t("language")}: ${b.textContent}`)
  b.addEventListener("click", () => {
    setLang(other)
    void show()
  })
  return b
}

const logout = () => {
  const b = document.createElement("button")
  b.type = "button"
  b.textContent = t("logout")
  b.addEventListener("click", () => {
    forgetKey()
    location.hash = "#/login"
    void show()
  })
  return b
}

const loginPage = (view: HTMLElement) => {
  const form = document.createElement("form")
  form.id = "login"
  const h = document.createElement("h2")
  h.textContent = t("login")
  const label = document.createElement("label")
  label.htmlFor = "key"
  label.textContent = t("keyLabel")
  const input = document.createElement("input")
  input.id = "key"
  input.type = "password"
  input.autocomplete = "off"
  input.required = true
  const help = document.createElement("p")
  help.textContent = t("keyHelp")
  const error = document.createElement("p")
  error.setAttribute("role", "alert")
  const button = document.createElement("button")
  button.type = "submit"
  button.textContent = t("login")
  form.append(h, label, input, help, button, error)
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    // Any key the service knows answers /docs; a wrong one is a 401.
    get("/docs", input.value.trim()).then(
      () => {
        keepKey(input.value.trim())
        location.hash = "#/compare"
        void show()
      },
      (err: unknown) => {
        error.textContent = err instanceof Unauthorized ? t("badKey") : String(err)
      }
    )
  })
  view.replaceChildren(form)
  input.focus()
}

const show = async () => {
  document.title = t("title")
  document.documentElement.lang = lang()
  document.getElementById("heading")!.textContent = t("title")
  const page = route()
  nav.replaceChildren(
    languageSwitch(),
    ...(page === "login" ? [] : [...(Object.keys(PAGES) as Array<Page>).map(link), logout()])
  )
  // Each showing draws into a view of its own: a page still loading when the reader moves on finishes into a view no
  // longer shown, never over the page now shown.
  const view = document.createElement("div")
  main.replaceChildren(view)
  if (page === "login") return loginPage(view)
  try {
    await PAGES[page](view)
    const schema = /^#\/docs\/(\w+)$/.exec(location.hash)?.[1]
    if (page === "docs" && schema !== undefined && view.isConnected) openSchema(schema)
  } catch (e) {
    if (!view.isConnected) return
    if (e instanceof Unauthorized) {
      forgetKey()
      return show()
    }
    const p = document.createElement("p")
    p.setAttribute("role", "alert")
    p.textContent = e instanceof Forbidden ? t("forbidden") : (e as Error).message
    view.replaceChildren(p)
  }
}

// `igv serve` prints the page's address with a key in its fragment (never sent to a server): kept for this tab, then
// taken out of the address bar and the history.
const fragmentKey = /^#key=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1]
if (fragmentKey !== undefined) {
  keepKey(fragmentKey)
  history.replaceState(null, "", `${location.pathname}#/compare`)
}

window.addEventListener("hashchange", () => void show())
void show()
