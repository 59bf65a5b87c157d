export * from "./envelope.js"
export * from "./store.js"
export * from "./upcast.js"
export * from "./collect.js"
