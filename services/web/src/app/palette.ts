/** Okabe–Ito: told apart with every common colour-vision deficiency. Priorities keep one colour everywhere. */
export const PRIO_COLOURS: Readonly<Record<1 | 2 | 3, string>> = { 1: "#D55E00", 2: "#E69F00", 3: "#0072B2" }
export const A_COLOUR = "#999999"
export const B_COLOUR = "#009E73"
export const BLOCK_COLOUR = "#56B4E9"
