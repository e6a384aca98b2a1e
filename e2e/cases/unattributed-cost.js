// Unattributed cost lines: in the demo a finance export misspells mobile-banking-api as
// mobile-bankng-api, and the backend holds those lines apart. Only finance and admins read them, so
// this case starts a second backend (e2e/app-config.e2e-finance.yaml) where the guest signs in as a
// member of finance, and looks where the README says they are listed: under the cost-attribution
// coverage of the overview page and of a group's portfolio tab, each line with where it came from.
const assert = require('assert/strict');
const path = require('path');
const { Backend, findFreePort } = require('../lib/backend');
const { launchBrowser } = require('../lib/browser');
const {
  answersTo,
  card,
  open,
  openTab,
  tableRows,
  waitForNoProgress,
} = require('../lib/page');
const { api, assertNoErrorPanel } = require('./checks');

const MISSPELT = 'component:default/mobile-bankng-api';

/** The unattributed lines a coverage answer carries, as GET /cost/unattributed lists them. */
function linesOf(coverage) {
  assert.ok(
    Array.isArray(coverage.unattributedLines),
    `a coverage answer without its unattributed lines: ${JSON.stringify(
      coverage,
    ).slice(0, 300)}`,
  );
  return { month: coverage.month, lines: coverage.unattributedLines };
}

/** The lines of the "Unattributed cost lines" table under a page's coverage card, as the API's. */
async function checkLinesShown(page, unattributed, where) {
  const coverage = card(page, 'Cost-attribution coverage');
  const table = coverage.getByRole('table').filter({
    has: page.getByRole('columnheader', { name: 'Named service' }),
  });
  await table.waitFor();
  const rows = await tableRows(table);
  assert.equal(
    rows.length,
    unattributed.lines.length,
    `${where}: unattributed lines shown`,
  );
  for (const line of unattributed.lines) {
    const origin = line.origin
      ? `${line.origin.file}:${line.origin.lines.join(',')}`
      : `${line.source} / ${line.id}`;
    assert.ok(
      rows.some(
        cells =>
          cells[0] === line.entityRef &&
          cells[1] === line.category &&
          cells.includes(origin) &&
          cells.includes(line.id),
      ),
      `${where}: no row for ${line.entityRef} ${
        line.category
      } from ${origin} (${line.id}) among ${JSON.stringify(rows)}`,
    );
  }
}

module.exports = {
  name: 'Unattributed cost',
  tests: [
    {
      name: "a member of finance sees the demo import's unattributed cost lines, with their origin, on the overview and a group's portfolio tab",
      timeoutMs: 300000,
      async run(t) {
        // the guest of the first backend, a member of payments, may not read them
        const refused = await t.api.request(`${api}/cost/unattributed`);
        assert.equal(refused.status, 403, 'unattributed lines for payments');

        const port = await findFreePort(Number(new URL(t.baseUrl).port) + 3);
        const backend = new Backend({
          port,
          logFile: path.join(t.env.artifactsDir, 'backend-finance.log'),
          extraConfigs: ['../../e2e/app-config.e2e-finance.yaml'],
        });
        let browser;
        try {
          backend.start();
          const { api: finance } = await backend.waitUntilReady();
          // the overview's months are there once its scheduled refresh has run (a minute at most)
          for (let waited = 0; ; waited += 2000) {
            const overview = await finance.get(`${api}/overview?limit=1`);
            if (overview.total > 0 || waited >= 60000) break;
            await t.page.waitForTimeout(2000);
          }

          browser = await launchBrowser();
          const page = await browser.context.newPage();
          // the coverage card's one request answers the lines beside their totals
          const overviewLines = answersTo(page, `${api}/cost/coverage`, {
            query: () => true,
          });
          await open(page, backend.baseUrl, '/service-delivery');
          const unattributed = linesOf(
            await overviewLines.latest({ timeout: 60000 }),
          );
          overviewLines.stop();
          assert.ok(
            unattributed.lines.some(line => line.entityRef === MISSPELT),
            `no line for ${MISSPELT} held unattributed in ${
              unattributed.month
            }: ${JSON.stringify(unattributed.lines)}`,
          );
          assert.ok(
            unattributed.lines.every(line => line.origin?.file),
            'a demo import line without its origin',
          );
          await waitForNoProgress(page);
          await assertNoErrorPanel(page);
          await checkLinesShown(page, unattributed, 'the overview');
          await t.screenshot(
            'service-delivery-overview-unattributed',
            card(page, 'Cost-attribution coverage'),
          );

          const groupLines = answersTo(page, `${api}/cost/coverage`, {
            query: () => true,
          });
          await open(page, backend.baseUrl, '/catalog/default/group/payments');
          await openTab(page, 'Service Delivery');
          const fromGroup = linesOf(
            await groupLines.latest({ timeout: 60000 }),
          );
          groupLines.stop();
          await waitForNoProgress(page);
          await assertNoErrorPanel(page);
          await checkLinesShown(page, fromGroup, "payments' portfolio tab");
        } finally {
          await browser?.close();
          await backend.stop();
        }
      },
    },
  ],
};
