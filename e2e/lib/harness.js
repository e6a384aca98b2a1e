// Runs the test cases: each in its own browser tab, each with a time limit; a failing case does not
// stop the others. Reports on stdout and as jest-like JSON.
const fs = require('fs');
const path = require('path');
const pageHelpers = require('./page');

const slug = text =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

// On time-out the test's page stays open for the failure screenshot; closing it afterwards makes the
// test's pending browser calls fail, which ends it. `gone` (env.backendGone) rejects when the
// backend the run started exits: the test then fails at once, naming the exit.
function withTimeout(promise, ms, gone) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout, ...(gone ? [gone] : [])]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * Runs every test of every suite. `env`: { context, baseUrl, api, artifactsDir, backendGone? }.
 * Returns [{ suite, file, tests: [{ name, status, duration, failureMessages, screenshots }] }].
 */
async function runSuites(suites, env, options = {}) {
  const { defaultTimeoutMs = 90000, filter } = options;
  const screenshotDir = path.join(env.artifactsDir, 'screenshots');
  fs.mkdirSync(screenshotDir, { recursive: true });
  const results = [];

  for (const suite of suites) {
    const suiteResult = { suite: suite.name, file: suite.file, tests: [] };
    const tests = suite.tests.filter(
      test => !filter || filter.test(`${suite.name} › ${test.name}`),
    );
    if (tests.length === 0) {
      continue;
    }
    results.push(suiteResult);
    console.log(`\n${suite.name}`);
    for (const test of tests) {
      const fullName = `${suite.name} › ${test.name}`;
      const result = {
        name: test.name,
        fullName,
        status: 'passed',
        duration: 0,
        failureMessages: [],
        screenshots: [],
        notes: [],
      };
      suiteResult.tests.push(result);
      const started = Date.now();
      const page = await env.context.newPage();
      page.setDefaultTimeout(test.actionTimeoutMs ?? 30000);
      const pageErrors = [];
      const consoleErrors = [];
      page.on('pageerror', error =>
        pageErrors.push(error.stack || String(error)),
      );
      page.on('console', message => {
        if (message.type() === 'error') {
          consoleErrors.push(message.text().slice(0, 500));
        }
      });
      const t = {
        page,
        api: env.api,
        baseUrl: env.baseUrl,
        env,
        open: route => pageHelpers.open(page, env.baseUrl, route),
        /**
         * A full-page screenshot of the test's page — or of another page the case opened, or of
         * one element (a playwright locator) — kept under e2e/artifacts/screenshots/<name>.png.
         */
        screenshot: async (name, of = page) => {
          const file = path.join(screenshotDir, `${name}.png`);
          if (typeof of.viewportSize === 'function') {
            await pageHelpers.fullPageScreenshot(of, file);
          } else {
            await pageHelpers.fullPageScreenshot(of.page(), file, {
              element: of,
            });
          }
          result.screenshots.push(file);
          return file;
        },
        note: text => result.notes.push(text),
      };
      try {
        await withTimeout(
          Promise.resolve().then(() => test.run(t)),
          test.timeoutMs ?? defaultTimeoutMs,
          env.backendGone,
        );
        if (pageErrors.length > 0) {
          throw new Error(
            `the page threw an uncaught error:\n${pageErrors.join('\n')}`,
          );
        }
      } catch (error) {
        result.status = 'failed';
        let message = error.stack || String(error);
        if (error.cause) {
          message += `\ncaused by: ${error.cause.stack || error.cause}`;
        }
        if (consoleErrors.length > 0) {
          message += `\nbrowser console errors:\n  ${consoleErrors
            .slice(0, 10)
            .join('\n  ')}`;
        }
        result.failureMessages.push(message);
        if (!page.isClosed()) {
          const file = path.join(screenshotDir, `FAILED-${slug(fullName)}.png`);
          await withTimeout(pageHelpers.fullPageScreenshot(page, file), 15000)
            .then(() => result.notes.push(`screenshot of the failure: ${file}`))
            .catch(() => {});
        }
      } finally {
        result.duration = Date.now() - started;
        await page.close().catch(() => {});
      }
      const mark = { passed: '✓', failed: '✗' }[result.status];
      console.log(
        `  ${mark} ${test.name} (${(result.duration / 1000).toFixed(1)} s)`,
      );
      for (const note of result.notes) {
        console.log(`      ${note}`);
      }
      for (const message of result.failureMessages) {
        console.log(
          message
            .split('\n')
            .slice(0, 25)
            .map(line => `      ${line}`)
            .join('\n'),
        );
      }
    }
  }
  return results;
}

/** A failed result for something that went wrong outside the cases (build, backend start). */
function setupFailure(name, error) {
  return {
    suite: 'setup',
    file: 'e2e/run.js',
    tests: [
      {
        name,
        fullName: `setup › ${name}`,
        status: 'failed',
        duration: 0,
        failureMessages: [error.stack || String(error)],
        screenshots: [],
        notes: [],
      },
    ],
  };
}

/** The jest --json shape that scripts/summarise-tests.js reads. */
function jestReport(results, { startTime }) {
  const all = results.flatMap(suite => suite.tests);
  const count = status => all.filter(test => test.status === status).length;
  const suiteStatus = suite =>
    suite.tests.some(test => test.status === 'failed') ? 'failed' : 'passed';
  return {
    numFailedTestSuites: results.filter(s => suiteStatus(s) === 'failed')
      .length,
    numFailedTests: count('failed'),
    numPassedTestSuites: results.filter(s => suiteStatus(s) === 'passed')
      .length,
    numPassedTests: count('passed'),
    numPendingTestSuites: 0,
    numPendingTests: count('pending'),
    numRuntimeErrorTestSuites: 0,
    numTodoTests: 0,
    numTotalTestSuites: results.length,
    numTotalTests: all.length,
    startTime,
    success: count('failed') === 0,
    testResults: results.map(suite => ({
      name: suite.file,
      status: suiteStatus(suite),
      message: suite.tests.flatMap(test => test.failureMessages).join('\n\n'),
      startTime,
      endTime: Date.now(),
      assertionResults: suite.tests.map(test => ({
        ancestorTitles: [suite.suite],
        title: test.name,
        fullName: test.fullName,
        status: test.status,
        duration: test.duration,
        failureMessages: test.failureMessages,
        // not in jest's shape; kept for people reading the file
        screenshots: test.screenshots,
        notes: test.notes,
      })),
    })),
  };
}

module.exports = { runSuites, setupFailure, jestReport };
