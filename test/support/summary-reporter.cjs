// Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped"), since jest's
// own summary ("Tests: 3 passed, 3 total") is not in a form CI recognises.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stdout.write(`\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
