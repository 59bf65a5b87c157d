export * from "./environment.js"
export * from "./kafka.js"
