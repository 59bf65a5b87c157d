export * from "./store-url.js"
