const assert = require('assert/strict');
const { answersTo, waitForNoProgress, waitUntil } = require('../lib/page');
const { api, assertNoErrorPanel } = require('./checks');

module.exports = {
  name: 'Service Delivery overview',
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

        // what the page shows is compared with the answer it received, not with a request of our own
        const overviewRoute = `${api}/overview`;
        const firstView = answersTo(page, overviewRoute, {
          query: params => !params.has('q'),
        });
        await t.open('/service-delivery');
        const missing = page.getByText(/page not found|dropped the mic/i);
        await page.getByRole('table').first().or(missing.first()).waitFor();
        assert.equal(
          await missing.count(),
          0,
          'the app has no page at /service-delivery',
        );
        const shown = await firstView.latest();
        firstView.stop();
        await waitForNoProgress(page);
        await assertNoErrorPanel(page);
        const services = page.getByRole('table', { name: 'Services' });
        // the table names each service by its title, as the catalog does, and links to it
        for (const row of shown.rows.slice(0, 5)) {
          const name = String(row.entityRef).split('/').pop();
          await services
            .getByText(row.title || name, { exact: true })
            .first()
            .waitFor();
        }
        await t.screenshot('service-delivery-overview');

        // Search, as a user types it: the page asks once typing pauses (a debounce), and shows
        // the answer's rows. Waited for, rather than a pause guessed to be long enough.
        const searched = answersTo(page, overviewRoute, {
          query: params => params.get('q') === 'payments',
        });
        await page
          .getByRole('textbox', { name: /search/i })
          .first()
          .fill('payments');
        const filtered = await searched.latest();
        assert.ok(
          filtered.rows.length > 0 && filtered.total < shown.total,
          `search "payments": the API answers ${filtered.total} of ${shown.total} services`,
        );
        const expected = filtered.rows.map(row => row.entityRef).sort();
        const rowRefs = () =>
          services
            .locator('tbody tr[data-entity-ref]')
            .evaluateAll(rows =>
              rows.map(row => row.getAttribute('data-entity-ref')).sort(),
            );
        await waitUntil(
          page,
          `the table to show the ${expected.length} services the search answers`,
          async () =>
            JSON.stringify(await rowRefs()) === JSON.stringify(expected),
          { timeout: 15000 },
        ).catch(async error => {
          error.message += ` (shown: ${(await rowRefs()).join(
            ', ',
          )}; answered: ${expected.join(', ')})`;
          throw error;
        });

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
