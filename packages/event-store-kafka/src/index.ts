export * from "./kafka-store.js"
export * from "./open.js"
