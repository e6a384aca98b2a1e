// Accessibility checks with axe-core, injected into the page from node_modules (no browser download,
// no wrapper package): the script runs in the page and answers axe's results as JSON.
//
// The app's Content-Security-Policy allows scripts from its own origin only, so axe is not added
// inline: the page loads it from a same-origin path that the test answers from node_modules.
const assert = require('assert/strict');

const axeScript = require.resolve('axe-core/axe.min.js');
const axePath = '/__e2e__/axe.min.js';

/** Where our content is drawn: Backstage's page content, below its header and tabs. */
const ourContent = 'main article';

/**
 * Runs axe on the page (or on `include`, a CSS selector, when given) and returns the violations of
 * impact serious or critical, each as { id, impact, help, helpUrl, targets: [selector…] }.
 * `rules`: only these rule ids (e.g. ['color-contrast']); default every WCAG 2 A/AA rule.
 */
async function seriousViolations(page, { include, rules } = {}) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    const url = new URL(axePath, page.url()).toString();
    await page.route(url, route =>
      route.fulfill({ path: axeScript, contentType: 'text/javascript' }),
    );
    await page.addScriptTag({ url });
  }
  const results = await page.evaluate(
    async ({ include: scope, rules: only }) => {
      const context = scope ? { include: [[scope]] } : document;
      const options = only
        ? { runOnly: { type: 'rule', values: only } }
        : {
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
            },
          };
      options.resultTypes = ['violations'];
      const answer = await window.axe.run(context, options);
      return answer.violations.map(violation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map(node => ({
          target: node.target.join(' '),
          html: node.html,
          summary: (node.failureSummary || '')
            .split('\n')
            .slice(1, 3)
            .join(' '),
        })),
      }));
    },
    { include, rules },
  );
  return results.filter(v => v.impact === 'serious' || v.impact === 'critical');
}

/** How a violation reads in a failure message: its id, help, and each target. */
function describe(violations) {
  return violations
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}\n${v.targets
          .slice(0, 8)
          .map(t => `    ${t.target}${t.summary ? `  [${t.summary}]` : ''}`)
          .join('\n')}${
          v.targets.length > 8 ? `\n    … and ${v.targets.length - 8} more` : ''
        }`,
    )
    .join('\n');
}

/** Fails, naming each violation, its targets and help, when axe finds serious or critical ones. */
async function assertAccessible(page, what, options = {}) {
  const violations = await seriousViolations(page, {
    include: ourContent,
    ...options,
  });
  assert.equal(
    violations.length,
    0,
    `${what}: ${
      violations.length
    } serious or critical accessibility violation(s):\n${describe(violations)}`,
  );
}

module.exports = { assertAccessible, seriousViolations, describe, ourContent };
