import { defineConfig } from "vitest/config"

// Source-level resolution: workspace packages export "./src/index.ts" under the
// "@igv/source" condition, so tests run against TypeScript sources without a build.
const resolve = { conditions: ["@igv/source"] }
const include = (pattern: string) => [`packages/**/${pattern}`, `services/**/${pattern}`, `simulations/**/${pattern}`]
const exclude = ["**/node_modules/**", "**/dist/**"]

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: include("*.test.ts"),
          exclude: [...exclude, "**/*.int.test.ts", "**/*.e2e.test.ts"]
        }
      },
      {
        resolve,
        test: {
          name: "int",
          include: include("*.int.test.ts"),
          exclude,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      },
      {
        resolve,
        test: {
          name: "e2e",
          include: include("*.e2e.test.ts"),
          exclude: [...exclude, "**/*.alone.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      },
      {
        // End-to-end tests that measure latency: run by infra/test.sh after everything else, on a machine no other test loads.
        resolve,
        test: {
          name: "e2e-alone",
          include: include("*.alone.e2e.test.ts"),
          exclude,
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
})
