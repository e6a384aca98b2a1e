const assert = require('assert/strict');
const { api } = require('./checks');
const { openRequiredTab } = require('./common');

module.exports = {
  name: 'Capacity',
  tests: [
    {
      name: 'Capacity tab of payments-db-eu shows each resource with its utilisation and the trend chart as the API answers them',
      async run(t) {
        // the answer the tab received: forecasts to exhaustion count from now
        const capacity = await openRequiredTab(
          t,
          '/catalog/default/resource/payments-db-eu',
          'Capacity',
          `${api}/entities/resource/default/payments-db-eu/capacity`,
        );
        assert.ok(
          capacity.resources.length > 0,
          'the API answers no capacity resources',
        );
        await t.page.locator('svg.recharts-surface').first().waitFor();

        for (const resource of capacity.resources) {
          const row = t.page
            .locator('tr, [role="group"]')
            .filter({ hasText: resource.name })
            .first();
          await row.waitFor();
          if (
            resource.utilisation !== null &&
            resource.utilisation !== undefined
          ) {
            // utilisation is a percentage 0–100; shown rounded to at most one decimal
            const numbers = (
              (await row.innerText()).match(/\d+(\.\d+)?(?=\s*%)/g) ?? []
            ).map(Number);
            assert.ok(
              numbers.some(n => Math.abs(n - resource.utilisation) <= 0.51),
              `${resource.name}: utilisation ${
                resource.utilisation
              }% is not shown (row: ${await row.innerText()})`,
            );
          }
          if (resource.status) {
            const status = await row
              .locator('[data-status]')
              .first()
              .getAttribute('data-status')
              .catch(() => null);
            if (status !== null) {
              assert.equal(status, resource.status, `${resource.name}: status`);
            }
          }
        }
        await t.screenshot('payments-db-eu-capacity');
      },
    },
  ],
};
