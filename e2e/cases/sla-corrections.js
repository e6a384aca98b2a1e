// SLA corrections as the guest — a member of payments, so allowed to write payments-api's data — makes
// one: the dialog on the SLA tab, an interval typed in the service's zone while the browser runs in
// another, the figures that honour it, the correction listed on the tab and in the printable report,
// and its removal in the audit trail. The suite runs last and removes what it added, so no other
// case sees the correction.
const assert = require('assert/strict');
const { launchBrowser } = require('../lib/browser');
const {
  answersTo,
  card,
  exactly,
  open,
  openTab,
  tableRows,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');
const {
  api,
  assertNoErrorPanel,
  checkSlaTab,
  pagePath,
  routeRef,
} = require('./checks');

const SERVICE = 'component:default/payments-api';
const slaRoute = `${api}/entities/${routeRef(SERVICE)}/sla`;
// the browser's zone for this case: not the service's, so that the dialog must not read times in it
const BROWSER_ZONE = 'Asia/Tokyo';
const REASON = 'customer-caused';
const REASON_LABEL = 'Caused by the customer';

const MINUTE = 60000;

/** `2026-12-02T12:00`: the wall-clock time of an instant in a zone, as a datetime-local field takes it. */
function wallClock(instant, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map(part => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The objectives' consumed budgets of one agreement, by name. */
const consumed = (sla, agreementName) =>
  Object.fromEntries(
    sla.agreements
      .find(a => a.name === agreementName)
      .objectives.map(o => [o.name, o.errorBudget.consumed]),
  );

/** Picks a MUI select's option: the field by its label, then the option by its text. */
async function choose(dialog, page, label, option) {
  await dialog.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: exactly(option) }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

async function correctAndRemove(t, page) {
  await open(page, t.baseUrl, pagePath(SERVICE));
  await card(page, 'Service delivery')
    .getByText(/^\s*Period /)
    .first()
    .waitFor();
  const firstView = answersTo(page, slaRoute);
  await openTab(page, 'SLA');
  const before = await firstView.latest();
  firstView.stop();
  await waitForNoProgress(page);
  await assertNoErrorPanel(page);
  const zone = before.period.timezone;
  assert.notEqual(zone, BROWSER_ZONE);

  // an incident of this period that consumed budget, and an agreement it counted against
  const incident = before.incidents.find(
    i =>
      i.resolvedAt &&
      !i.planned &&
      Date.parse(i.startedAt) >= Date.parse(before.period.start),
  );
  assert.ok(
    incident,
    `${SERVICE} has no resolved incident in ${before.period.label}`,
  );
  const agreement = before.agreements.find(a =>
    a.objectives.some(o => o.errorBudget.consumed > 0),
  );
  assert.ok(agreement, `no agreement of ${SERVICE} consumed budget`);
  const from = Math.floor(Date.parse(incident.startedAt) / MINUTE) * MINUTE;
  const to = Math.ceil(Date.parse(incident.resolvedAt) / MINUTE) * MINUTE;
  // as a service manager would word it for the customer; the suite's own correction is the one with it
  const note =
    'Retail banking ran an unannounced load test against production (CHG-5120)';

  let added;
  let leftBehind;
  try {
    // the dialog, as a writer fills it in
    await page.getByRole('button', { name: 'Add correction' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Add an SLA correction').waitFor();
    await choose(dialog, page, 'Agreement', agreement.name);
    await choose(dialog, page, 'Exclude', 'An interval');
    // the fields name the zone they are read in
    await dialog
      .getByLabel(`From (${zone})`, { exact: true })
      .fill(wallClock(from, zone));
    await dialog
      .getByLabel(`To (${zone})`, { exact: true })
      .fill(wallClock(to, zone));
    await choose(dialog, page, 'Reason', REASON_LABEL);
    await dialog.getByLabel('Note for the customer').fill(note);
    await t.screenshot('payments-api-sla-correction-dialog', dialog);

    const saved = answersTo(page, slaRoute);
    await dialog
      .getByRole('button', { name: exactly('Add correction') })
      .click();
    const after = await saved.latest();
    saved.stop();
    await dialog.waitFor({ state: 'detached' });

    added = (after.corrections ?? []).find(
      c => c.source === 'sla-tab' && c.note === note,
    );
    assert.ok(
      added,
      `the SLA route lists no correction with the note "${note}"`,
    );
    leftBehind = added;
    // read in the service's zone, not the browser's
    assert.equal(
      Date.parse(added.from),
      from,
      `from: the API holds ${added.from} for ${wallClock(
        from,
        zone,
      )} in ${zone}`,
    );
    assert.equal(
      Date.parse(added.to),
      to,
      `to: the API holds ${added.to} for ${wallClock(to, zone)} in ${zone}`,
    );
    assert.equal(added.agreement, agreement.name);
    assert.equal(added.reason, REASON);
    assert.match(added.writtenBy ?? '', /guest/);

    // the agreement's figures honour it: less budget consumed, shown as the API answers them
    const was = consumed(before, agreement.name);
    const now = consumed(after, agreement.name);
    assert.ok(
      Object.keys(was).some(name => now[name] < was[name]) &&
        Object.keys(was).every(name => now[name] <= was[name]),
      `${agreement.name}: consumed before ${JSON.stringify(
        was,
      )}, after ${JSON.stringify(now)}`,
    );
    const list = page.getByRole('table', { name: 'SLA corrections' });
    await list.getByText(note, { exact: true }).waitFor();
    await waitForNoProgress(page);
    await checkSlaTab(page, after);
    const row = (await tableRows(list)).find(cells => cells.includes(note));
    assert.equal(row[1], agreement.name, 'the agreement shown');
    assert.equal(row[2], REASON_LABEL, 'the reason shown');
    assert.equal(row[4], added.writtenBy, 'who recorded it');

    // the printable SLA report lists it under the agreement, with who and why
    const report = answersTo(page, `${api}/reports/sla`, {
      query: params => params.get('entityRef') === SERVICE,
    });
    await open(
      page,
      t.baseUrl,
      `/service-delivery/report?entityRef=${encodeURIComponent(SERVICE)}`,
    );
    const reported = await report.latest();
    report.stop();
    const reportedAgreement = reported.services[0].agreements.find(
      a => a.name === agreement.name,
    );
    assert.ok(
      (reportedAgreement.corrections ?? []).some(
        c => c.source === added.source && c.id === added.id,
      ),
      `the report's ${agreement.name} lists no correction ${added.id}`,
    );
    const reportRows = await tableRows(
      page.getByRole('table', {
        name: `Corrections of ${agreement.name}`,
      }),
    );
    const reportRow = reportRows.find(cells => cells.includes(note));
    assert.ok(
      reportRow,
      `the report's corrections of ${
        agreement.name
      } hold no row with the note: ${JSON.stringify(reportRows)}`,
    );
    assert.ok(
      reportRow.includes(REASON_LABEL) &&
        reportRow.some(cell => cell.includes(added.writtenBy)),
      `the report's row names neither the reason nor who: ${reportRow.join(
        ' | ',
      )}`,
    );

    // removed on the SLA tab, as a writer removes it
    await open(page, t.baseUrl, `${pagePath(SERVICE)}/sla`);
    await page
      .getByRole('table', { name: 'SLA corrections' })
      .getByText(note, { exact: true })
      .waitFor();
    const removed = answersTo(page, slaRoute);
    await page
      .getByRole('table', { name: 'SLA corrections' })
      .getByRole('row')
      .filter({ hasText: note })
      .getByRole('button', { name: 'Remove' })
      .click();
    const afterRemoval = await removed.latest();
    removed.stop();
    assert.ok(
      !(afterRemoval.corrections ?? []).some(c => c.note === note),
      'the SLA route still lists the removed correction',
    );
    await waitUntil(
      page,
      'the correction to leave the SLA tab',
      async () => (await page.getByText(note, { exact: true }).count()) === 0,
    );
    leftBehind = undefined;

    const audit = await t.api.get(
      `${api}/audit?entityRef=${encodeURIComponent(SERVICE)}`,
    );
    const ours = audit.entries.filter(
      entry =>
        entry.kind === 'corrections' &&
        entry.source === 'sla-tab' &&
        entry.ids.includes(added.id),
    );
    const actions = ours.map(entry => `${entry.action} by ${entry.by}`);
    assert.ok(
      actions.includes('retracted by user:development/guest') &&
        actions.includes('created by user:development/guest'),
      `the audit trail of ${SERVICE} for the correction: ${JSON.stringify(
        ours,
      )}`,
    );
  } finally {
    // whatever failed, the following runs see the demo data as it was
    if (leftBehind) {
      await t.api.request(
        `${api}/records/corrections/${encodeURIComponent(
          leftBehind.source,
        )}/${encodeURIComponent(leftBehind.id)}`,
        { method: 'DELETE' },
      );
    }
  }
}

module.exports = {
  name: 'SLA corrections',
  tests: [
    {
      name: 'on the SLA tab a writer adds a correction in the service zone, the figures honour it as the API answers, the tab and the report list it, and its removal is audited',
      timeoutMs: 150000,
      async run(t) {
        // a browser of its own whose clock runs in another zone than the service's
        const browser = await launchBrowser({ timezoneId: BROWSER_ZONE });
        try {
          const page = await browser.context.newPage();
          // as the harness does for its own pages: an uncaught error in the page fails the case
          const thrown = [];
          page.on('pageerror', error =>
            thrown.push(error.stack || String(error)),
          );
          await correctAndRemove(t, page);
          assert.deepEqual(thrown, [], 'the page threw');
        } finally {
          await browser.close();
        }
      },
    },
  ],
};
