// Prints the plain closing line "Tests: N passed, N failed, N skipped" from vitest's JSON report.
import { readFileSync } from "node:fs"

const file = process.argv[2]
try {
  const r = JSON.parse(readFileSync(file, "utf8"))
  const skipped = r.numPendingTests + r.numTodoTests
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
} catch (e) {
  console.log(`Tests: 0 passed, 1 failed (no test report at ${file}: ${e.message})`)
}
