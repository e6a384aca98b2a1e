// Error-budget policies as a user meets them: the state an agreement's policy puts releases in on the
// SLA tab (with the steps in force and why), the overview's policy column and filter, and the release
// gate's decisions. In the demo, mobile-banking-api's breached objectives freeze its features.
const assert = require('assert/strict');
const {
  answersTo,
  exactly,
  mui,
  tableRows,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');
const { api, assertNoErrorPanel, openSlaTab, routeRef } = require('./checks');

const FROZEN = 'component:default/mobile-banking-api';
const policyLabels = {
  none: 'No policy',
  normal: 'Releases open',
  'features-frozen': 'Features frozen',
  'all-frozen': 'All changes frozen',
  review: 'Review required',
};

module.exports = {
  name: 'Error-budget policy',
  tests: [
    {
      name: "mobile-banking-api's SLA tab shows its policy state with the steps in force and why, and lists a gate decision asked through the API",
      async run(t) {
        const { page } = t;
        // a decision made the way a pipeline makes it: recorded with who asked
        const decision = await t.api.get(
          `${api}/entities/${routeRef(FROZEN)}/gate?change=feature`,
        );
        assert.equal(
          decision.allow,
          false,
          `the gate allows a feature of ${FROZEN}: ${decision.reasons.join(
            '; ',
          )}`,
        );

        const sla = await openSlaTab(t, FROZEN);

        const withPolicy = sla.agreements.filter(a => a.policy);
        assert.ok(
          withPolicy.some(a => a.policy.state === 'features-frozen'),
          `no agreement of ${FROZEN} has its features frozen: ${sla.agreements
            .map(a => `${a.name} ${a.policy?.state ?? 'no policy'}`)
            .join(', ')}`,
        );
        // each agreement's card: its policy's state, and the reason of every step in force
        for (const agreement of withPolicy) {
          const policy = page.locator(mui('MuiCard-root')).filter({
            has: page
              .locator(mui('MuiCardHeader-root'))
              .getByText(exactly(agreement.name)),
          });
          assert.equal(
            await policy
              .locator('[data-policy-state]')
              .first()
              .getAttribute('data-policy-state'),
            agreement.policy.state,
            `${agreement.name}: the policy state shown`,
          );
          await policy
            .getByText(policyLabels[agreement.policy.state], { exact: true })
            .first()
            .waitFor();
          const reasons = agreement.policy.steps
            .filter(step => step.inForce)
            .map(step => step.reason);
          const shown = await policy
            .getByRole('list', { name: 'Policy steps in force' })
            .getByRole('listitem')
            .allInnerTexts();
          assert.deepEqual(
            shown.map(text => text.trim()),
            reasons,
            `${agreement.name}: the steps in force and their reasons`,
          );
        }
        // the decisions list, newest first, holds the decision above
        const decisions = page.getByRole('table').filter({
          has: page.getByRole('columnheader', { name: 'Asked by' }),
        });
        await decisions
          .getByText(decision.reasons.join('; '), { exact: true })
          .first()
          .waitFor();
        const [newest] = await tableRows(decisions);
        assert.deepEqual(
          newest.slice(1, 4),
          ['feature', 'Denied', decision.reasons.join('; ')],
          `the newest gate decision shown: ${newest.join(' | ')}`,
        );
        assert.match(newest[4], /guest/i, 'the decision names who asked');
        await t.screenshot('mobile-banking-api-sla-policy');
      },
    },
    {
      name: "the overview's Error-budget policy column shows each service's state, and its filter narrows the list to the frozen services",
      async run(t) {
        const { page } = t;
        const overviewRoute = `${api}/overview`;
        const firstView = answersTo(page, overviewRoute, {
          query: params => !params.has('policy'),
        });
        await t.open('/service-delivery');
        const shown = await firstView.latest();
        firstView.stop();
        await waitForNoProgress(page);
        await assertNoErrorPanel(page);
        const frozen = shown.facets.policy.find(
          facet => facet.value === 'features-frozen',
        );
        assert.ok(
          frozen && frozen.count > 0,
          `the overview's policy facet counts no frozen service: ${JSON.stringify(
            shown.facets.policy,
          )}`,
        );

        // the filter, as a user picks it: the field, then the state with its count
        const filtered = answersTo(page, overviewRoute, {
          query: params => params.get('policy') === 'features-frozen',
        });
        await page
          .getByRole('combobox')
          .filter({ has: page.getByLabel('Error-budget policy') })
          .or(page.getByLabel('Error-budget policy'))
          .first()
          .click();
        await page
          .getByRole('option', {
            name: `${policyLabels['features-frozen']} (${frozen.count})`,
          })
          .click();
        const answer = await filtered.latest();
        filtered.stop();
        assert.equal(answer.total, frozen.count, 'the filtered total');
        assert.ok(
          answer.rows.every(row => row.policy?.state === 'features-frozen'),
          `the filtered rows: ${answer.rows
            .map(row => `${row.entityRef} ${row.policy?.state}`)
            .join(', ')}`,
        );
        assert.ok(
          answer.rows.some(row => row.entityRef === FROZEN),
          `${FROZEN} is not among the frozen services`,
        );
        assert.match(page.url(), /[?&]policy=features-frozen/);

        const services = page.getByRole('table', { name: 'Services' });
        const rowsShown = () =>
          services.locator('tbody tr[data-entity-ref]').evaluateAll(rows =>
            rows.map(row => ({
              ref: row.getAttribute('data-entity-ref'),
              state: row
                .querySelector('[data-policy-state]')
                ?.getAttribute('data-policy-state'),
              text: row.innerText,
            })),
          );
        const expected = answer.rows.map(row => row.entityRef).sort();
        await waitUntil(
          page,
          `the table to show the ${expected.length} frozen services`,
          async () =>
            JSON.stringify((await rowsShown()).map(r => r.ref).sort()) ===
            JSON.stringify(expected),
          { timeout: 15000 },
        );
        for (const row of await rowsShown()) {
          const apiRow = answer.rows.find(r => r.entityRef === row.ref);
          assert.equal(row.state, 'features-frozen', `${row.ref}: state`);
          assert.ok(
            row.text.includes(policyLabels['features-frozen']) &&
              row.text.includes(
                `${apiRow.policy.step.agreement}/${apiRow.policy.step.objective}`,
              ),
            `${row.ref}: the policy column shows "${row.text}", the API answers ${apiRow.policy.step.agreement}/${apiRow.policy.step.objective}`,
          );
        }
      },
    },
  ],
};
