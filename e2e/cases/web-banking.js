const assert = require('assert/strict');
const {
  answersTo,
  assertShown,
  card,
  numberIn,
  openTab,
  tableRows,
} = require('../lib/page');
const {
  api,
  checkAvailabilityTiles,
  openOverviewSettled,
  pagePath,
  waitForPeriod,
} = require('./checks');

module.exports = {
  name: 'web-banking',
  tests: [
    {
      name: 'Availability tab warns that the agreed target is unachievable and names the limiting dependencies',
      async run(t) {
        await openOverviewSettled(t, '/catalog/default/component/web-banking');
        // the current period as the tab received it: its figures move every second
        const answers = answersTo(
          t.page,
          `${api}/entities/component/default/web-banking/availability`,
        );
        await openTab(t.page, 'Availability');
        const availability = await answers.latest();
        const { composite } = availability;
        assert.equal(
          composite.unachievable,
          true,
          `the API says web-banking's target ${availability.target} is achievable (ceiling ${composite.achievable})`,
        );
        assert.ok(
          composite.limitingDependencies.length > 0,
          'the API names no limiting dependency',
        );

        await waitForPeriod(t.page, availability.period);
        await checkAvailabilityTiles(t.page, availability);

        const compositeCard = card(t.page, 'Composite availability');
        const warning = compositeCard.getByRole('alert').filter({
          hasText: 'The agreed target is unachievable',
        });
        await warning.waitFor();
        // "The target of 99.95% is above what the dependencies can deliver (99.747%)."
        const text = (await warning.innerText()).replace(
          /^.*unachievable\s*/s,
          '',
        );
        const [target, ceiling] = text.match(/\d+(\.\d+)?%/g) ?? [];
        assertShown(target, availability.target, 3, 'target in the warning');
        assertShown(ceiling, composite.achievable, 3, 'ceiling in the warning');

        // The limiting dependencies, linked to their pages, with the API's availability.
        const rows = await tableRows(
          compositeCard.getByRole('table', { name: 'Limiting dependencies' }),
        );
        assert.equal(
          rows.length,
          composite.limitingDependencies.length,
          'limiting dependencies shown',
        );
        for (const [
          index,
          dependency,
        ] of composite.limitingDependencies.entries()) {
          await compositeCard
            .locator(`a[href$="${pagePath(dependency.entityRef)}"]`)
            .first()
            .waitFor();
          assertShown(
            rows[index][1],
            dependency.availability,
            3,
            `${dependency.entityRef} availability`,
          );
        }
        const first = composite.limitingDependencies[0];
        t.note(
          `limiting dependency named first: ${first.entityRef} (${numberIn(
            String(first.availability),
          ).toFixed(3)} %, ${first.basis})`,
        );
        await t.screenshot('web-banking-availability');
      },
    },
  ],
};
