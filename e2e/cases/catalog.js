const assert = require('assert/strict');
const { exactly, waitForNoProgress } = require('../lib/page');

module.exports = {
  name: 'Catalog',
  tests: [
    {
      name: 'lists every example component the catalog API knows, payments-api and web-banking among them',
      async run(t) {
        const { page } = t;
        const { items } = await t.api.get(
          '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name,metadata.title&limit=500',
        );
        const expected = items.map(item => item.metadata.name).sort();
        assert.ok(
          expected.includes('payments-api') && expected.includes('web-banking'),
        );

        await t.open('/catalog');
        // The catalog opens on the user's own components; show them all.
        await page.getByText(exactly('All')).first().click();
        await page
          .locator('table a[href$="/component/web-banking"]')
          .first()
          .waitFor();
        await waitForNoProgress(page);
        await page.getByText(`(${expected.length})`).first().waitFor();

        const shown = await page
          .locator('table a[href*="/catalog/default/component/"]')
          .evaluateAll(links => [
            ...new Set(
              links.map(link => link.getAttribute('href').split('/').pop()),
            ),
          ]);
        assert.deepEqual(
          shown.sort(),
          expected,
          'the catalog page lists other components than the API',
        );

        for (const name of ['payments-api', 'web-banking']) {
          const title =
            items.find(item => item.metadata.name === name).metadata.title ??
            name;
          await page
            .locator(`table a[href$="/component/${name}"]`)
            .getByText(title)
            .first()
            .waitFor();
        }
        await t.screenshot('catalog');
      },
    },
  ],
};
