const assert = require('assert/strict');
const { assertAccessible } = require('../lib/axe');
const {
  answersTo,
  card,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');

const overviewRoute = '/api/service-delivery/v1/overview';

module.exports = {
  name: 'Where people already look: home card, search, Tech Insights',
  tests: [
    {
      name: "the home page's My services card lists the user's teams' services, worst first, with status, budget left and findings",
      async run(t) {
        const { page } = t;
        const asked = answersTo(page, overviewRoute, {
          query: params => params.has('owner'),
        });
        await t.open('/home');
        const shown = await asked.latest();
        asked.stop();
        const myServices = card(page, 'My services');
        await myServices.waitFor();
        await waitForNoProgress(page);
        const table = myServices.getByRole('table', { name: 'My services' });
        assert.ok(shown.rows.length > 0, "the guest's teams own no service");
        const names = await table
          .locator('tbody tr td:first-child')
          .allTextContents();
        assert.deepEqual(
          names,
          shown.rows.map(row => row.title || row.name),
          'the card lists other services than the overview answered',
        );
        // the card asks for the signed-in user's ownership, worst status first
        const url = new URL((await asked.response()).url);
        assert.equal(url.searchParams.get('sort'), 'status');
        assert.equal(url.searchParams.get('order'), 'desc');
        await t.screenshot('home-my-services');
      },
    },
    {
      name: '"payments SLA" on the search page finds the SLA tab of a payments service, which opens',
      async run(t) {
        const { page } = t;
        const results = await waitUntil(
          page,
          'the search index to hold the Service Delivery documents',
          async () => {
            // the search backend answers 500 (MissingIndexError) until the first collation
            const answer = await t.api
              .get(
                '/api/search/query?term=payments%20SLA&types%5B0%5D=service-delivery',
              )
              .catch(error => {
                if (!/MissingIndexError/.test(String(error))) throw error;
                return undefined;
              });
            return answer?.results?.length ? answer.results : undefined;
          },
          { timeout: 60000 },
        );
        const first = results[0].document;
        assert.match(first.title, /payments/i);
        assert.match(first.title, /\bSLA\b/);
        assert.match(
          first.location,
          /^\/catalog\/default\/[a-z]+\/[^/]+\/sla#/,
        );
        // the demo app's search page with the query in its address: the result says what it is,
        // and opens when clicked
        await t.open('/search?query=payments%20SLA');
        const link = page.locator(`a[href="${first.location}"]`).first();
        const item = page.locator('li', { has: link }).first();
        await item.locator(`[data-status="${first.status}"]`).waitFor();
        assert.match(await item.innerText(), /\bSLA agreement\b/);
        await assertAccessible(page, 'the search results of Service Delivery', {
          include: '[data-service-delivery-result]',
        });
        await t.screenshot('search-results');
        await link.click();
        await page.waitForURL(
          url => url.pathname === first.location.split('#')[0],
        );
        await page.getByRole('tab', { name: 'SLA', selected: true }).waitFor();
        await waitForNoProgress(page);
      },
    },
    {
      name: "Tech Insights holds payments-api's Service Delivery facts, equal to the overview's figures",
      timeoutMs: 150000,
      async run(t) {
        const { page } = t;
        const facts = await waitUntil(
          page,
          'the Service Delivery fact retriever to publish payments-api',
          async () => {
            const answer = await t.api.get(
              '/api/tech-insights/facts/latest?entity=component:default/payments-api&ids%5B%5D=serviceDeliveryFactRetriever',
            );
            return answer.serviceDeliveryFactRetriever?.facts;
          },
          { timeout: 140000 },
        );
        const overview = await t.api.get(
          `${overviewRoute}?q=payments-api&limit=50`,
        );
        const row = overview.rows.find(
          r => r.entityRef === 'component:default/payments-api',
        );
        assert.equal(facts.tier, row.tier);
        assert.equal(facts.slaStatus, row.serviceLevel.status);
        assert.equal(typeof facts.drTestWithinPolicy, 'boolean');
        assert.equal(typeof facts.errorBudgetLeftPercent, 'number');
      },
    },
  ],
};
