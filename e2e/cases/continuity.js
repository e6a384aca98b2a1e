const assert = require('assert/strict');
const { api } = require('./checks');
const { openRequiredTab, pageText } = require('./common');

const loose = text =>
  String(text)
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();

module.exports = {
  name: 'Continuity',
  tests: [
    {
      name: 'Continuity tab of payments-api shows tier, RTO/RPO, strategy, the last DR test and the checks as the API answers them',
      async run(t) {
        // the answer the tab received: whether a DR test is overdue depends on the day
        const continuity = await openRequiredTab(
          t,
          '/catalog/default/component/payments-api',
          'Continuity',
          `${api}/entities/component/default/payments-api/continuity`,
        );
        const text = loose(await pageText(t.page));
        if (continuity.tier) {
          assert.ok(
            text.includes(loose(continuity.tier)),
            `tier ${continuity.tier} is not on the page`,
          );
        }
        if (continuity.strategy) {
          assert.ok(
            text.includes(loose(continuity.strategy)),
            `strategy ${continuity.strategy} is not on the page`,
          );
        }
        assert.match(text, /\brto\b/, 'no RTO on the page');
        assert.match(text, /\brpo\b/, 'no RPO on the page');
        if (continuity.testOverdue) {
          assert.match(
            text,
            /overdue/,
            'the API says the DR test is overdue; the page does not',
          );
        }
        await t.screenshot('payments-api-continuity');
      },
    },
  ],
};
