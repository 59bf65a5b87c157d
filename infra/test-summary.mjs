// Prints the plain closing line "Tests: N passed, N failed, N skipped" from vitest's JSON reports (one per run).
// In CI a skipped test counts as a failure: the exit code says so.
import { readFileSync } from "node:fs"

const files = process.argv.slice(2)
let file = files[0]
try {
  let passed = 0,
    failed = 0,
    skipped = 0
  for (file of files) {
    const r = JSON.parse(readFileSync(file, "utf8"))
    // A file that fails before its tests run (a hook, an import) has no failed test of its own: count it as one.
    const brokenFiles = r.testResults.filter(
      (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")
    ).length
    passed += r.numPassedTests
    failed += r.numFailedTests + brokenFiles
    skipped += r.numPendingTests + r.numTodoTests
  }
  console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  if (process.env.CI === "true" && skipped > 0) {
    console.error(`${skipped} test(s) skipped: in CI a skipped test is a failure.`)
    process.exit(1)
  }
} catch (e) {
  console.log(`Tests: 0 passed, 1 failed (no test report at ${file}: ${e.message})`)
  process.exit(1)
}
