const assert = require('assert/strict');
const { recentMonths } = require('../lib/backend');
const {
  answersTo,
  assertShown,
  card,
  mui,
  openTab,
  pickPeriod,
  waitForNoProgress,
} = require('../lib/page');
const {
  api,
  checkAvailabilityTab,
  checkSlaTab,
  latestMonthWithDowntime,
  openOverviewSettled,
} = require('./checks');

const entity = 'component/default/payments-api';
const page = '/catalog/default/component/payments-api';
const slaRoute = `${api}/entities/${entity}/sla`;
const availabilityRoute = `${api}/entities/${entity}/availability`;

/** Opens the tab, and the period in its picker (or, if the picker does not offer it, by URL). */
async function openPeriod(t, tab, period) {
  await t.open(page);
  await openTab(t.page, tab);
  if (period && !(await pickPeriod(t.page, period))) {
    t.note(`the period picker does not offer ${period}: opened it by URL`);
    const url = new URL(t.page.url());
    url.searchParams.set('period', period);
    await t.page.goto(url.toString());
  }
}

module.exports = {
  name: 'payments-api',
  tests: [
    {
      name: 'Overview shows the service-delivery summary card with the API figures',
      async run(t) {
        // This period's figures move every second: compare with the answers the card received.
        const slaAnswers = answersTo(t.page, slaRoute);
        const availabilityAnswers = answersTo(t.page, availabilityRoute);
        await t.open(page);
        const sla = await slaAnswers.latest();
        const availability = await availabilityAnswers.latest();

        const summary = card(t.page, 'Service delivery');
        await summary.getByText(`Period ${sla.period.label}`).waitFor();
        await summary.getByRole('table', { name: 'Agreements' }).waitFor();
        await waitForNoProgress(t.page);

        const headline = await summary
          .locator(mui('MuiTypography-h4'))
          .first()
          .innerText();
        assertShown(
          headline,
          availability.availability,
          3,
          'summary availability',
        );

        const rows = summary
          .getByRole('table', { name: 'Agreements' })
          .locator('tbody tr');
        assert.equal(
          await rows.count(),
          sla.agreements.length,
          'agreements in the summary',
        );
        for (const agreement of sla.agreements) {
          const row = rows.filter({ hasText: agreement.name });
          assert.equal(
            await row
              .locator('[data-status]')
              .first()
              .getAttribute('data-status'),
            agreement.status,
            `${agreement.name}: status in the summary`,
          );
          const lines = (await row.innerText())
            .split('\n')
            .map(line => line.trim());
          for (const objective of agreement.objectives) {
            const at = lines.indexOf(objective.name);
            assert.ok(
              at >= 0,
              `${agreement.name}: ${objective.name} is not in the summary`,
            );
            const left = lines
              .slice(at + 1)
              .find(line => /budget left/.test(line));
            assertShown(
              left,
              objective.errorBudget.remainingShare * 100,
              1,
              `${agreement.name} / ${objective.name} budget left`,
            );
          }
        }
        await t.screenshot('payments-api-overview');
      },
    },
    {
      name: 'SLA tab shows agreements, objectives, statuses and error budgets as the API answers them, with the burn-down chart',
      async run(t) {
        await openOverviewSettled(t, page);
        // the current period, as the tab received it (a second request would measure later)
        const answers = answersTo(t.page, slaRoute);
        await openTab(t.page, 'SLA');
        const sla = await answers.latest();
        assert.ok(sla.agreements.length > 0, 'the API answers no agreements');
        const actuals = await checkSlaTab(t.page, sla);
        // Real measured figures, not placeholders: at least one actual like 99.949%.
        assert.ok(
          actuals.some(text => /^\d{1,2}\.\d+%$/.test(text.trim())),
          `no measured percentage below 100 % among the actuals shown: ${actuals.join(
            ', ',
          )}`,
        );
        await t.screenshot('payments-api-sla');
      },
    },
    {
      name: 'SLA tab for last month (chosen in the period picker) matches the API',
      async run(t) {
        const lastMonth = recentMonths(2)[1];
        await openPeriod(t, 'SLA', lastMonth);
        const sla = await t.api.get(
          `${api}/entities/${entity}/sla?period=${lastMonth}`,
        );
        assert.equal(sla.period.label, lastMonth);
        await checkSlaTab(t.page, sla);
      },
    },
    {
      name: 'Availability tab shows the KPI tiles, the availability history chart and the outage analysis as the API answers them',
      timeoutMs: 120000,
      async run(t) {
        await openOverviewSettled(t, page);
        // the current period, as the tab received it (a second request would measure later)
        const answers = answersTo(t.page, availabilityRoute);
        await openTab(t.page, 'Availability');
        const current = await answers.latest();
        answers.stop();
        await checkAvailabilityTab(t.page, current);

        // The latest month with outages, so that the outage analysis has minutes to show.
        const month = latestMonthWithDowntime(current);
        assert.ok(
          month,
          'the demo data has no month with downtime for payments-api',
        );
        if (!(await pickPeriod(t.page, month))) {
          t.note(`the period picker does not offer ${month}: opened it by URL`);
          await t.page.goto(`${t.baseUrl}${page}/availability?period=${month}`);
        }
        const past = await t.api.get(
          `${api}/entities/${entity}/availability?period=${month}`,
        );
        assert.ok(
          past.downtime > 0 && past.incidents.length > 0,
          `the API has no outages in ${month}`,
        );
        await checkAvailabilityTab(t.page, past);
        await t.screenshot('payments-api-availability');
      },
    },
    {
      name: "at 1,280 px the Availability, Cost and Continuity tabs' cards show every column of their tables without scrolling sideways",
      async run(t) {
        await t.page.setViewportSize({ width: 1280, height: 900 });
        try {
          for (const [tab, table] of [
            ['availability', 'Limiting dependencies'],
            ['cost', 'Fully loaded cost'],
            ['continuity', 'Recovery objectives'],
          ]) {
            await t.open(`${page}/${tab}`);
            await t.page.getByRole('table', { name: table }).waitFor();
            await waitForNoProgress(t.page);
            const tables = await t.page.evaluate(() =>
              [...document.querySelectorAll('main table')].map(element => ({
                name: element.getAttribute('aria-label'),
                width: element.scrollWidth,
                box: element.parentElement.clientWidth,
              })),
            );
            assert.ok(
              tables.some(found => found.name === table),
              `no ${table} table on the ${tab} tab`,
            );
            for (const found of tables) {
              assert.ok(
                found.width <= found.box,
                `the ${found.name} table of the ${tab} tab is ${found.width} px wide in a box of ${found.box} px: its last columns are scrolled out of view`,
              );
            }
          }
        } finally {
          await t.page.setViewportSize({ width: 1440, height: 900 });
        }
      },
    },
  ],
};
