// Prints the plain closing line "Tests: N passed, N failed, N skipped" from vitest's JSON report.
// In CI a skipped test counts as a failure: the exit code says so.
import { readFileSync } from "node:fs"

const file = process.argv[2]
try {
  const r = JSON.parse(readFileSync(file, "utf8"))
  const skipped = r.numPendingTests + r.numTodoTests
  // A file that fails before its tests run (a hook, an import) has no failed test of its own: count it as one.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed, ${skipped} skipped`)
  if (process.env.CI === "true" && skipped > 0) {
    console.error(`${skipped} test(s) skipped: in CI a skipped test is a failure.`)
    process.exit(1)
  }
} catch (e) {
  console.log(`Tests: 0 passed, 1 failed (no test report at ${file}: ${e.message})`)
  process.exit(1)
}
