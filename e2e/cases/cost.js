const assert = require('assert/strict');
const { api } = require('./checks');
const { openRequiredTab, pageText, showsAmount } = require('./common');

module.exports = {
  name: 'Cost',
  tests: [
    {
      name: 'Cost tab of payments-api shows cost per month against budget, chargeback and forecast as the API answers them',
      async run(t) {
        // the answer the tab received: the month so far and the forecast move with the clock
        const cost = await openRequiredTab(
          t,
          '/catalog/default/component/payments-api',
          'Cost',
          `${api}/entities/component/default/payments-api/cost`,
        );
        assert.ok(cost.months.length > 0, 'the API answers no months of cost');

        // A chart of cost per month against budget.
        await t.page.locator('svg.recharts-surface').first().waitFor();
        const text = await pageText(t.page);
        assert.ok(
          text.includes(cost.currency) || /[€$£]/.test(text),
          `no currency (${cost.currency}) on the page`,
        );
        const amount = value =>
          value !== null && typeof value === 'object' ? value.amount : value;
        // The last complete month (the current one is still running), the months shown in all, and
        // the year-end forecast.
        const lastComplete =
          cost.months.find(month => month.month === cost.lastCompleteMonth) ??
          cost.months[cost.months.length - 1];
        for (const [what, value] of [
          [`${lastComplete.month}'s total`, amount(lastComplete.total)],
          ['the total of the months shown', amount(cost.total)],
          ['the year-end forecast', amount(cost.forecastYearEnd)],
        ]) {
          if (value !== null && value !== undefined) {
            assert.ok(
              showsAmount(text, value),
              `${what} (${value}) is not on the page`,
            );
          }
        }
        for (const share of cost.chargeback ?? []) {
          const consumer = String(share.consumer ?? share.entityRef ?? '')
            .replace(/^[a-z]+:/i, '')
            .split('/')
            .pop();
          assert.ok(
            text.includes(consumer),
            `chargeback consumer ${consumer} is not on the page`,
          );
        }
        await t.screenshot('payments-api-cost');
      },
    },
  ],
};
