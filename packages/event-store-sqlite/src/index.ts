export * from "./sqlite-store.js"
export * from "./open.js"
