export * from "./environment.js"
export * from "./kafka.js"
export * from "./differences.js"
