// Checks shared by the cases: what a tab shows against what the backend API answers for it.
const assert = require('assert/strict');
const {
  answersTo,
  assertShown,
  card,
  exactly,
  mui,
  numberIn,
  openTab,
  panel,
  tableRows,
  waitForNoProgress,
} = require('../lib/page');

const api = '/api/service-delivery/v1';

/** `component:default/payments-api` → `component/default/payments-api` */
function routeRef(entityRef) {
  const [kind, rest] = entityRef.split(':');
  return `${kind.toLowerCase()}/${rest}`;
}

/** The entity page's path for an entity ref. */
function pagePath(entityRef) {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}`;
}

/** No error panel on the page (Backstage's ResponseErrorPanel / ErrorPanel). */
async function assertNoErrorPanel(page) {
  const errors = await page
    .locator(mui('BackstageWarningPanel'))
    .filter({ hasText: /^\s*Error/ })
    .allInnerTexts();
  assert.deepEqual(
    errors,
    [],
    `the page shows an error: ${errors.join(' | ')}`,
  );
}

/** The page's Period header reads the period the API answered for. */
async function waitForPeriod(page, period) {
  await page
    .getByText(new RegExp(`^\\s*${period.label}:`))
    .first()
    .waitFor();
}

/**
 * The SLA tab as shown against the API's answer for the same entity and period: every agreement
 * with its status; every objective's target, actual, status and error budget; the burn-down chart;
 * the support targets; the incidents that consumed the budget.
 */
async function checkSlaTab(page, sla) {
  await waitForPeriod(page, sla.period);
  await page
    .getByRole('table', { name: 'Objectives' })
    .nth(sla.agreements.length - 1)
    .waitFor();
  await waitForNoProgress(page);
  await assertNoErrorPanel(page);

  const actualsShown = [];
  for (const agreement of sla.agreements) {
    const agreementCard = page.locator(mui('MuiCard-root')).filter({
      has: page
        .locator(mui('MuiCardHeader-root'))
        .getByText(exactly(agreement.name)),
    });
    await agreementCard.first().waitFor();
    assert.equal(
      await agreementCard
        .locator(mui('MuiCardHeader-root'))
        .locator('[data-status]')
        .first()
        .getAttribute('data-status'),
      agreement.status,
      `${agreement.name}: the status shown differs from the API's`,
    );

    const table = agreementCard.getByRole('table', { name: 'Objectives' });
    const rows = await tableRows(table);
    const statuses = await table
      .locator('tbody tr')
      .evaluateAll(trs =>
        trs.map(tr =>
          tr.querySelector('[data-status]')?.getAttribute('data-status'),
        ),
      );
    assert.equal(
      rows.length,
      agreement.objectives.length,
      `${agreement.name}: objectives shown`,
    );
    for (const objective of agreement.objectives) {
      const index = rows.findIndex(
        cells => cells[0].split('\n')[0].trim() === objective.name,
      );
      assert.ok(
        index >= 0,
        `${agreement.name}: objective ${objective.name} is not shown`,
      );
      const cells = rows[index];
      const what = `${agreement.name} / ${objective.name}`;
      assertShown(cells[1], objective.target, 3, `${what} target`);
      assertShown(cells[2], objective.actual, 3, `${what} actual`);
      actualsShown.push(cells[2]);
      assert.equal(statuses[index], objective.status, `${what} status`);
      const budget = objective.errorBudget;
      if (budget.unit === 'events') {
        assertShown(
          cells[4],
          budget.allowed,
          0,
          `${what} budget allowed (events)`,
        );
      }
      if (
        budget.remainingShare !== null &&
        budget.remainingShare !== undefined
      ) {
        assertShown(
          cells[6].split('\n')[0],
          budget.remainingShare * 100,
          1,
          `${what} budget remaining`,
        );
      }
    }

    // The burn-down chart: a recharts svg with a line per objective.
    const chart = agreementCard.locator('svg.recharts-surface').first();
    await chart.waitFor();
    const curves = await agreementCard
      .locator('path.recharts-line-curve')
      .evaluateAll(
        paths =>
          paths.filter(p => (p.getAttribute('d') ?? '').length > 10).length,
      );
    assert.ok(
      curves >= 1,
      `${agreement.name}: the burn-down chart draws no line`,
    );

    if (agreement.support.length > 0) {
      const support = await tableRows(
        agreementCard.getByRole('table', { name: 'Support targets' }),
      );
      assert.equal(
        support.length,
        agreement.support.length,
        `${agreement.name}: support targets shown`,
      );
      for (const target of agreement.support) {
        assert.ok(
          support.some(cells => cells[0] === target.priority),
          `${agreement.name}: support target ${target.priority} is not shown`,
        );
      }
    }
  }

  // The incidents that consumed the budget.
  const incidents = panel(page, 'Incidents that consumed the budget');
  await incidents.first().waitFor();
  for (const incident of sla.incidents.slice(0, 5)) {
    await incidents.getByText(incident.title).first().waitFor();
  }
  return actualsShown;
}

/** The tiles of the Availability tab against the API's figures. */
async function checkAvailabilityTiles(page, availability) {
  const tile = label => page.getByRole('group', { name: label, exact: true });
  await tile('Availability').waitFor();
  const tileValue = async label =>
    (await tile(label).innerText())
      .split('\n')
      .map(s => s.trim())
      .filter(Boolean)[1];
  assertShown(
    await tileValue('Availability'),
    availability.availability,
    3,
    'Availability tile',
  );
  assertShown(
    await tileValue('Failures'),
    availability.failures,
    0,
    'Failures tile',
  );
  for (const label of [
    'Agreed service time',
    'Downtime',
    'MTBF',
    'MTRS',
    'MTBSI',
  ]) {
    const value = await tileValue(label);
    assert.ok(value && value.length > 0, `the ${label} tile shows no value`);
  }
  const status = await tile('Availability')
    .locator('[data-status]')
    .getAttribute('data-status');
  assert.equal(status, availability.status, 'availability status');
}

/**
 * The Availability tab against the API: the KPI tiles, the availability-per-period chart, the
 * composite availability, the outages and where their minutes went.
 */
async function checkAvailabilityTab(page, availability) {
  await waitForPeriod(page, availability.period);
  await checkAvailabilityTiles(page, availability);
  await waitForNoProgress(page);
  await assertNoErrorPanel(page);

  // Availability per period: a recharts line over the history.
  const history = card(page, 'Availability per period');
  await history.locator('svg.recharts-surface').first().waitFor();
  const line = await history
    .locator('path.recharts-line-curve')
    .evaluateAll(
      paths =>
        paths.filter(p => (p.getAttribute('d') ?? '').length > 10).length,
    );
  assert.ok(line >= 1, 'the availability-per-period chart draws no line');
  const ticks = await history
    .locator('.recharts-cartesian-axis-tick-value')
    .allTextContents();
  const periods = availability.history.map(point => point.period);
  assert.ok(
    ticks.some(tick => periods.includes(tick.trim())),
    `the availability chart's axis shows none of the API's periods (${periods.join(
      ', ',
    )}); ticks: ${ticks.join(', ')}`,
  );

  // Composite availability.
  const composite = card(page, 'Composite availability');
  await composite.first().waitFor();
  if (availability.composite.achievable !== null) {
    const ceiling = await composite
      .getByText('Achievable ceiling')
      .locator('xpath=following-sibling::*[1]')
      .innerText();
    assertShown(
      ceiling,
      availability.composite.achievable,
      3,
      'achievable ceiling',
    );
  }

  // The outages and the outage analysis.
  const outages = panel(page, 'Outages');
  await outages.first().waitFor();
  for (const incident of availability.incidents.slice(0, 5)) {
    await outages.getByText(incident.title).first().waitFor();
  }
  const analysis = card(page, 'Where the minutes went');
  await analysis.first().waitFor();
  const byCause = availability.outageAnalysis.byCause.filter(
    group => group.downtime > 0,
  );
  const bars = await analysis.locator('.recharts-bar-rectangle').count();
  if (byCause.length > 0) {
    assert.ok(
      bars > 0,
      'the API has downtime by cause; the outage analysis draws no bars',
    );
    const causeTicks = await analysis
      .locator('.recharts-cartesian-axis-tick-value')
      .allTextContents();
    for (const group of byCause) {
      assert.ok(
        causeTicks.some(tick => tick.trim() === group.key),
        `cause ${
          group.key
        } is not on the outage analysis chart (ticks: ${causeTicks.join(
          ', ',
        )})`,
      );
    }
  } else {
    await analysis.getByText('No downtime.').first().waitFor();
  }
}

/**
 * Opens an entity page on its Overview and waits until the summary card shows its period, that is,
 * has its answers: the card asks for `…/sla` and `…/availability` too, so a tab's own request for them
 * can be told apart only once the card's are over.
 */
async function openOverviewSettled(t, path) {
  await t.open(path);
  await card(t.page, 'Service delivery')
    .getByText(/^\s*Period /)
    .first()
    .waitFor();
}

/**
 * Opens an entity's SLA tab from its settled Overview and returns the `…/sla` answer the tab
 * received, once its cards have their data and show no error.
 */
async function openSlaTab(t, entityRef) {
  const { page } = t;
  await openOverviewSettled(t, pagePath(entityRef));
  const answers = answersTo(page, `${api}/entities/${routeRef(entityRef)}/sla`);
  await openTab(page, 'SLA');
  const sla = await answers.latest();
  answers.stop();
  await waitForNoProgress(page);
  await assertNoErrorPanel(page);
  return sla;
}

/** The most recent past month (`YYYY-MM`) in which the API's history has downtime. */
function latestMonthWithDowntime(availability) {
  const points = availability.history.filter(
    point => point.period !== availability.period.label && point.downtime > 0,
  );
  return points.length > 0 ? points[points.length - 1].period : undefined;
}

module.exports = {
  api,
  assertNoErrorPanel,
  checkAvailabilityTab,
  checkAvailabilityTiles,
  checkSlaTab,
  latestMonthWithDowntime,
  numberIn,
  openOverviewSettled,
  openSlaTab,
  pagePath,
  routeRef,
  waitForPeriod,
};
