// NOT ENABLED YET (see e2e/cases/index.js): the overview page at /service-delivery is being built.
const assert = require('assert/strict');
const { waitForNoProgress } = require('../../lib/page');
const { api, assertNoErrorPanel } = require('../checks');

module.exports = {
  name: 'Service Delivery overview (later)',
  tests: [
    {
      name: 'the overview lists every service, filters by search and exports CSV as the API answers them',
      timeoutMs: 120000,
      async run(t) {
        const { page } = t;
        // The overview is refreshed by a scheduled task after start-up: give it a minute.
        let all;
        for (let waited = 0; ; waited += 2000) {
          all = await t.api.get(`${api}/overview?limit=1000`);
          if (all.total > 0 || waited >= 60000) break;
          await page.waitForTimeout(2000);
        }
        assert.ok(all.total > 0, 'the overview API answers no services');

        await t.open('/service-delivery');
        const missing = page.getByText(/page not found|dropped the mic/i);
        await page.getByRole('table').first().or(missing.first()).waitFor();
        assert.equal(
          await missing.count(),
          0,
          'the app has no page at /service-delivery',
        );
        await waitForNoProgress(page);
        await assertNoErrorPanel(page);
        // the table names each service by its title, as the catalog does, and links to it
        for (const row of all.rows.slice(0, 5)) {
          const name = String(row.entityRef).split('/').pop();
          await page
            .getByRole('table')
            .first()
            .getByText(row.title || name, { exact: true })
            .first()
            .waitFor();
        }
        await t.screenshot('service-delivery-overview');

        // Search, as a user types it.
        const filtered = await t.api.get(
          `${api}/overview?q=payments&limit=1000`,
        );
        await page
          .getByRole('textbox', { name: /search/i })
          .first()
          .fill('payments');
        await page.waitForTimeout(1000);
        await waitForNoProgress(page);
        const shown = await page
          .getByRole('table')
          .first()
          .locator('tbody tr')
          .count();
        assert.ok(
          shown <= filtered.total && shown > 0,
          `search "payments": ${shown} rows shown, the API answers ${filtered.total}`,
        );

        // CSV export.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page
            .getByRole('button', { name: /csv|export/i })
            .or(page.getByRole('link', { name: /csv|export/i }))
            .first()
            .click(),
        ]);
        const file = await download.path();
        const csv = require('fs').readFileSync(file, 'utf8').trim().split('\n');
        assert.ok(csv.length >= 2, 'the CSV export has no rows');
      },
    },
  ],
};
