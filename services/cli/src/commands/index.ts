// The `igv` commands: one file each in this folder, one line each here.
export { analytics } from "./analytics.js"
export { check } from "./check.js"
export { compare } from "./compare.js"
export { history } from "./history.js"
export { ingest } from "./ingest.js"
export { quarantine } from "./quarantine.js"
export { simulate } from "./simulate.js"
export { validate } from "./validate.js"
