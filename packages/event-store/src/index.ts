export * from "./envelope.js"
export * from "./store.js"
