// The `igv` commands: one file each in this folder, one line each here.
export { compare } from "./compare.js"
export { simulate } from "./simulate.js"
export { validate } from "./validate.js"
