#!/usr/bin/env node
// Prints one closing line, `N passed, N failed`, from the real totals of the jest and e2e runs,
// and which databases the database tests ran on.
const fs = require('fs');

let passed = 0;
let failed = 0;
let missing = 0;
const databases = new Map();

for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    missing += 1;
    console.log(`no results in ${file}`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed +=
    (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      const match = /\b(SQLITE_3|POSTGRES_\d+|MYSQL_\d+)\b/.exec(
        test.fullName ?? '',
      );
      if (match && test.status === 'passed') {
        databases.set(match[1], (databases.get(match[1]) ?? 0) + 1);
      }
    }
  }
}

if (databases.size > 0) {
  console.log(
    `database tests passed per database: ${[...databases]
      .map(([id, n]) => `${id} ${n}`)
      .join(', ')}`,
  );
}
console.log(`${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
