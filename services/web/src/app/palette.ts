/** Okabe–Ito: told apart with every common colour-vision deficiency. Priorities keep one colour everywhere. */
export const PRIO_COLOURS: Readonly<Record<1 | 2 | 3, string>> = { 1: "#D55E00", 2: "#E69F00", 3: "#0072B2" }
export const A_COLOUR = "#999999"
export const B_COLOUR = "#009E73"
/** Told apart from prio 3's blue by hue and lightness. */
export const BLOCK_COLOUR = "#009E73"
export const SHIFT_COLOUR = "#E8E8E8"
