// Issue 13: "under a policy that lets a team read only its own entities, a member of team A sees
// only A's rows, totals and findings". This case starts a second backend whose demo policy reads
// `permission.demo.readOwnOnly: true` (e2e/app-config.e2e-read-own.yaml), where the guest — a
// member of payments — may read in the catalog only what payments owns. Its overview, CSV and
// findings must hold exactly payments' services, and the page must show what the API answered.
const assert = require('assert/strict');
const path = require('path');
const { Backend, findFreePort } = require('../lib/backend');
const { launchBrowser } = require('../lib/browser');
const {
  answersTo,
  open,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');
const { api, assertNoErrorPanel } = require('./checks');

const PAYMENTS = 'group:default/payments';

/** The overview's rows once the scheduled refresh has written them (a minute at most). */
async function overviewRows(client, page) {
  for (let waited = 0; ; waited += 2000) {
    const body = await client.get(`${api}/overview?limit=1000`);
    if (body.total > 0 || waited >= 60000) return body;
    await page.waitForTimeout(2000);
  }
}

module.exports = {
  name: 'Per-user visibility',
  tests: [
    {
      name: 'a member of payments, allowed to read only what payments owns, sees only its rows, totals and findings',
      timeoutMs: 300000,
      async run(t) {
        const port = await findFreePort(Number(new URL(t.baseUrl).port) + 2);
        const backend = new Backend({
          port,
          logFile: path.join(t.env.artifactsDir, 'backend-read-own.log'),
          extraConfigs: ['../../e2e/app-config.e2e-read-own.yaml'],
        });
        let browser;
        try {
          backend.start();
          const { api: guest } = await backend.waitUntilReady({
            listed: ['payments-api'],
          });

          // the policy is in force: the catalog lists the guest only payments' services
          const catalog = await guest.get(
            '/api/catalog/entities/by-query?filter=kind=component&filter=kind=resource&filter=kind=system&fields=kind,metadata.name,metadata.namespace&limit=1000',
          );
          const owned = catalog.items.map(
            e =>
              `${e.kind.toLowerCase()}:${e.metadata.namespace}/${
                e.metadata.name
              }`,
          );
          assert.ok(owned.includes('component:default/payments-api'));
          assert.ok(
            !owned.includes('component:default/web-banking'),
            'the catalog lists web-banking (digital channels) to the guest: the policy is not in force',
          );

          // the whole organisation, as the same guest sees it on the first backend (all readable)
          const everything = await overviewRows(t.api, t.page);
          const paymentsRefs = everything.rows
            .filter(row => row.owner === PAYMENTS)
            .map(row => row.entityRef)
            .sort();
          assert.ok(
            paymentsRefs.length > 0 && everything.total > paymentsRefs.length,
            `the first backend's overview has ${everything.total} rows, ${paymentsRefs.length} of payments`,
          );

          const seen = await overviewRows(guest, t.page);
          const refs = seen.rows.map(row => row.entityRef).sort();
          assert.deepEqual(
            refs,
            paymentsRefs,
            "the overview's rows are not payments' services",
          );
          assert.equal(seen.total, refs.length);
          assert.equal(seen.kpis.services, refs.length, 'KPI: services');
          assert.equal(
            Object.values(seen.kpis.byStatus).reduce((a, b) => a + b, 0),
            refs.length,
            'KPI: services by status',
          );
          assert.equal(seen.rollup.services, refs.length, 'roll-up: services');
          assert.deepEqual(
            seen.facets.owner.map(f => f.value),
            [PAYMENTS],
            'the owner facet offers other teams',
          );
          assert.ok(
            owned.length >= refs.length &&
              refs.every(ref => owned.includes(ref)),
            'an overview row the catalog does not list to the guest',
          );

          // findings: only payments' services, and as many as the rows count
          const findings = await guest.get(`${api}/findings?limit=1000`);
          const counted = seen.rows.reduce(
            (sum, row) =>
              sum + Object.values(row.findings).reduce((a, b) => a + b, 0),
            0,
          );
          assert.equal(findings.total, counted, 'findings against the rows');
          const strangers = findings.findings.filter(
            f => !refs.includes(f.entityRef),
          );
          assert.deepEqual(strangers, [], 'findings of other teams');

          // the CSV export: the same rows
          const csv = await guest.request(`${api}/overview.csv`);
          assert.equal(csv.status, 200);
          const lines = String(csv.body).trim().split(/\r?\n/).slice(1);
          assert.deepEqual(
            lines.map(line => line.split(',')[0].replace(/"/g, '')).sort(),
            refs,
            'the CSV rows are not those of the overview',
          );

          // another team's service is not there for the guest at all
          const hidden = await guest.request(
            `${api}/entities/component/default/web-banking/sla`,
          );
          assert.equal(hidden.status, 404, 'web-banking SLA');

          // the page shows what the API answered it: payments' services only
          browser = await launchBrowser();
          const page = await browser.context.newPage();
          const shown = answersTo(page, `${api}/overview`, {
            query: params => !params.has('q'),
          });
          await open(page, backend.baseUrl, '/service-delivery');
          const answer = await shown.latest();
          shown.stop();
          await waitForNoProgress(page);
          await assertNoErrorPanel(page);
          assert.equal(answer.total, refs.length);
          const table = page.getByRole('table', { name: 'Services' });
          const rowRefs = () =>
            table
              .locator('tbody tr[data-entity-ref]')
              .evaluateAll(rows =>
                rows.map(row => row.getAttribute('data-entity-ref')).sort(),
              );
          const expected = answer.rows.map(row => row.entityRef).sort();
          await waitUntil(
            page,
            `the table to show the ${expected.length} services of payments`,
            async () =>
              JSON.stringify(await rowRefs()) === JSON.stringify(expected),
            { timeout: 30000 },
          );
          assert.ok(expected.every(ref => refs.includes(ref)));
          const text = await page.locator('main').first().innerText();
          assert.doesNotMatch(
            text,
            /web-banking|Web banking/i,
            'the overview page names web-banking',
          );
          await page.screenshot({
            path: path.join(
              t.env.artifactsDir,
              'screenshots',
              'read-own-only-overview.png',
            ),
            fullPage: true,
          });
        } finally {
          await browser?.close();
          await backend.stop();
        }
      },
    },
  ],
};
