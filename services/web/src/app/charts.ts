import * as Plot from "@observablehq/plot"

/** A chart in a labelled figure: the caption names it for screen readers, the SVG gets the same label. */
export const figure = (id: string, caption: string, chart: SVGSVGElement | HTMLElement): HTMLElement => {
  const f = document.createElement("figure")
  f.className = "chart"
  f.dataset["chart"] = id
  const c = document.createElement("figcaption")
  c.id = `caption-${id}`
  c.textContent = caption
  chart.setAttribute("role", "img")
  chart.setAttribute("aria-labelledby", c.id)
  f.append(c, chart)
  return f
}

export const WIDTH = 560
export { Plot }
