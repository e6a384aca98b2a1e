// The overview and an entity's tabs used with the keyboard alone, as someone who uses no mouse does:
// Tab to a control, type or press Enter, and the page answers as the API's data says it should.
const assert = require('assert/strict');
const {
  answersTo,
  assertFocusRing,
  assertRingOnEveryControl,
  tabTo,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');
const { api } = require('./checks');

const paymentsApi = 'component/default/payments-api';

/** The focused element is the sort button in the header cell of the column `label` of table `table`. */
const focusedSortHeader = ({ table, label }) => {
  const focused = document.activeElement;
  return (
    focused?.getAttribute('role') === 'button' &&
    focused.closest('th') !== null &&
    (table === null ||
      focused.closest('table')?.getAttribute('aria-label') === table) &&
    focused.textContent.trim() === label
  );
};

/** aria-sort of the header cell that holds the focused sort button. */
const focusedHeaderSort = page =>
  page.evaluate(
    () =>
      document.activeElement?.closest('th')?.getAttribute('aria-sort') ?? null,
  );

/** Backstage's theme as its Settings page stores it (localStorage `theme`); read on the next load. */
async function setTheme(page, theme) {
  await page.evaluate(id => {
    if (id && id !== 'light') {
      window.localStorage.setItem('theme', id);
    } else {
      window.localStorage.removeItem('theme');
    }
  }, theme);
}

/** Opens a page afresh (nothing focused, so that Tab starts at its top) and waits for its content. */
async function openLoaded(t, { path, scope, ready }) {
  await t.open(path);
  await t.page.locator(scope).first().waitFor({ timeout: 60000 });
  if (ready) {
    await t.page
      .getByRole('table', { name: ready })
      .first()
      .waitFor({ timeout: 60000 });
  }
  await waitForNoProgress(t.page, { timeout: 60000 });
}

/**
 * Every chart (a recharts drawing) on the page has a text alternative: it sits in an element with
 * role img whose name says what it draws. Returns how many there are.
 */
async function assertChartsDescribed(page, where) {
  const charts = await page.locator('.recharts-wrapper').evaluateAll(wrappers =>
    wrappers.map(wrapper => {
      const figure = wrapper.closest('[role="img"]');
      return {
        label: figure?.getAttribute('aria-label') ?? null,
        chart: figure?.getAttribute('data-chart') ?? wrapper.className,
      };
    }),
  );
  const bare = charts.filter(
    chart => !chart.label || !/:\s*\S/.test(chart.label),
  );
  assert.deepEqual(bare, [], `${where}: charts without a text alternative`);
  return charts.length;
}

module.exports = {
  name: 'Keyboard',
  tests: [
    {
      name: 'the overview with the keyboard alone: search, sort by a header in the order the API answers, open a service by its link',
      timeoutMs: 90000,
      async run(t) {
        const { page } = t;
        const route = `${api}/overview`;
        await t.open('/service-delivery');
        const services = page.getByRole('table', { name: 'Services' });
        await services.waitFor({ timeout: 60000 });
        // the charts come in the frames after the table, their code loaded apart
        await page
          .getByRole('img', { name: /^Services by status/ })
          .waitFor({ timeout: 60000 });
        await waitForNoProgress(page, { timeout: 60000 });
        const charts = await assertChartsDescribed(page, 'the overview');
        await page.evaluate(() => document.activeElement?.blur());

        await tabTo(
          page,
          'the search box',
          () =>
            document.activeElement?.getAttribute('aria-label') ===
            'Search services',
        );
        await page.keyboard.type('pay');
        await page.waitForURL(url => url.searchParams.get('q') === 'pay');
        await waitForNoProgress(page);

        // sorted by availability, lowest first: the rows in the order of the page's own answer
        const sorted = answersTo(page, route, {
          query: params =>
            params.get('q') === 'pay' && params.get('sort') === 'availability',
        });
        await tabTo(page, 'the Availability sort header', focusedSortHeader, {
          table: 'Services',
          label: 'Availability',
        });
        await assertFocusRing(page, 'the Availability sort header');
        await page.keyboard.press('Enter');
        await page.waitForURL(
          url =>
            url.searchParams.get('sort') === 'availability' &&
            url.searchParams.get('order') === 'asc',
        );
        const answer = await sorted.latest();
        sorted.stop();
        assert.ok(
          answer.rows.length > 1,
          `search "pay" answers ${answer.rows.length} service(s): too few to see an order`,
        );
        const expected = answer.rows.map(row => row.entityRef);
        const shownRefs = () =>
          services
            .locator('tbody tr[data-entity-ref]')
            .evaluateAll(rows =>
              rows.map(row => row.getAttribute('data-entity-ref')),
            );
        await waitUntil(
          page,
          `the rows in the API's order by availability (${expected.join(
            ', ',
          )})`,
          async () =>
            JSON.stringify(await shownRefs()) === JSON.stringify(expected),
        );
        assert.equal(await focusedHeaderSort(page), 'ascending');

        // the first service's link, reached by Tab, opens the service
        const first = answer.rows[0];
        await tabTo(
          page,
          `the link of ${first.entityRef}`,
          ref => {
            const focused = document.activeElement;
            return (
              focused?.tagName === 'A' &&
              focused.closest('tr')?.getAttribute('data-entity-ref') === ref &&
              focused.closest('td') ===
                focused.closest('tr').querySelector('td')
            );
          },
          first.entityRef,
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(url => url.pathname === first.links.overview);
        t.note(
          `${charts} chart(s) described; sorted ${expected.length} services by availability and opened ${first.entityRef}`,
        );
      },
    },
    {
      name: "payments-api's SLA tab with the keyboard alone: a period chosen, the incidents sorted, the corrections dialog, charts described",
      timeoutMs: 90000,
      async run(t) {
        // a past month (or quarter) with incidents that started at different times, for an order
        const now = new Date();
        const candidates = [1, 2, 3].map(back =>
          new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
            .toISOString()
            .slice(0, 7),
        );
        const quarter = Math.floor(now.getUTCMonth() / 3);
        candidates.push(
          `${now.getUTCFullYear()}-Q${quarter + 1}`,
          quarter === 0
            ? `${now.getUTCFullYear() - 1}-Q4`
            : `${now.getUTCFullYear()}-Q${quarter}`,
        );
        let period;
        let incidents = [];
        for (const candidate of candidates) {
          const sla = await t.api.get(
            `${api}/entities/${paymentsApi}/sla?period=${candidate}`,
          );
          if (new Set(sla.incidents.map(i => i.startedAt)).size > 1) {
            period = candidate;
            incidents = sla.incidents;
            break;
          }
        }
        // without such a period in the demo data, two incidents of its own in the last month, taken
        // back at the end whatever happens
        const sent = [];
        if (!period) {
          period = candidates[0];
          const [year, month] = period.split('-').map(Number);
          // two Wednesdays at 11:00 UTC, in any service hours of the demo
          const wednesdays = [];
          for (let day = 1; wednesdays.length < 2; day++) {
            const at = new Date(Date.UTC(year, month - 1, day, 11));
            if (at.getUTCDay() === 3) wednesdays.push(at);
          }
          for (const [index, startedAt] of wednesdays.entries()) {
            sent.push({
              source: 'e2e-keyboard',
              id: `keyboard-${index + 1}`,
              entityRef: 'component:default/payments-api',
              title: `Keyboard check outage ${index + 1}`,
              priority: 'P3',
              impact: 'full',
              startedAt: startedAt.toISOString(),
              resolvedAt: new Date(startedAt.getTime() + 600000).toISOString(),
            });
          }
          const answer = await t.api.request(`${api}/ingest/incidents`, {
            method: 'POST',
            body: sent,
          });
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          incidents = (
            await t.api.get(
              `${api}/entities/${paymentsApi}/sla?period=${period}`,
            )
          ).incidents;
        }
        try {
          await slaTabByKeyboard(t, { period, incidents });
        } finally {
          for (const incident of sent) {
            await t.api.request(
              `${api}/records/incidents/${incident.source}/${incident.id}`,
              { method: 'DELETE' },
            );
          }
        }
      },
    },
    {
      name: 'every button, link and toggle reached by Tab shows the 2 px focus ring, in the light and the dark theme: the overview (Export CSV, SLA report), the SLA tab (Add correction and its dialog), the Cost tab (FOCUS exports)',
      timeoutMs: 300000,
      async run(t) {
        const { page } = t;
        const sweeps = [
          {
            what: 'the overview',
            path: '/service-delivery',
            scope: 'main',
            ready: 'Services',
            expected: ['Export CSV', 'SLA report'],
          },
          {
            what: "payments-api's SLA tab",
            path: '/catalog/default/component/payments-api/sla',
            scope: 'main article',
            ready: 'Objectives',
            expected: ['Add correction'],
          },
          {
            what: "payments-api's Cost tab",
            path: '/catalog/default/component/payments-api/cost',
            scope: 'main article',
            expected: ['FOCUS showback', 'FOCUS chargeback'],
          },
        ];
        const notes = [];
        try {
          for (const theme of ['light', 'dark']) {
            await t.open('/service-delivery');
            await setTheme(page, theme);
            for (const sweep of sweeps) {
              await openLoaded(t, sweep);
              if (theme === 'dark') {
                const background = await page.evaluate(
                  () => getComputedStyle(document.body).backgroundColor,
                );
                const [r, g, b] = background.match(/\d+/g).map(Number);
                assert.ok(
                  r + g + b < 3 * 96,
                  `${sweep.what} is not dark (body ${background})`,
                );
              }
              const checked = await assertRingOnEveryControl(
                page,
                `${sweep.what} (${theme})`,
                { scope: sweep.scope, maxStops: 300 },
              );
              for (const name of sweep.expected) {
                assert.ok(
                  checked.some(control => control.includes(`"${name}`)),
                  `${
                    sweep.what
                  } (${theme}): Tab did not reach "${name}" (reached ${checked.join(
                    ', ',
                  )})`,
                );
              }
              notes.push(`${sweep.what} ${theme}: ${checked.length}`);
            }
            // the correction dialog is drawn outside the tab: its buttons have the ring too
            await openLoaded(t, sweeps[1]);
            await tabTo(
              page,
              'the Add correction button',
              () =>
                document.activeElement?.textContent?.trim() ===
                'Add correction',
              undefined,
              { maxPresses: 300 },
            );
            await page.keyboard.press('Enter');
            const dialog = page.getByRole('dialog', {
              name: 'Add an SLA correction',
            });
            await dialog.waitFor();
            await tabTo(
              page,
              "the dialog's Cancel button",
              () =>
                document.activeElement?.closest('[role="dialog"]') !== null &&
                document.activeElement?.textContent?.trim() === 'Cancel',
            );
            const ring = await assertFocusRing(
              page,
              `the correction dialog's Cancel button (${theme})`,
            );
            notes.push(
              `dialog ${theme}: ${ring.width}px ${ring.colour} on ${
                ring.background
              }, ${ring.contrast.toFixed(1)}:1`,
            );
            await page.keyboard.press('Escape');
            await dialog.waitFor({ state: 'detached' });
          }
        } finally {
          // the browser profile is shared by the cases that follow
          await setTheme(page, undefined).catch(() => {});
        }
        t.note(`controls with a ring: ${notes.join('; ')}`);
      },
    },
  ],
};

/** The rest of the SLA tab case, over a period whose incidents started at different times. */
async function slaTabByKeyboard(t, { period, incidents }) {
  const { page } = t;
  await t.open('/catalog/default/component/payments-api');
  const slaTab = page.getByRole('tab', { name: 'SLA' }).first();
  await slaTab.waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  // the tab list holds one stop (the chosen tab); the arrow keys move along it
  await tabTo(
    page,
    "the entity page's tabs",
    () => document.activeElement?.getAttribute('role') === 'tab',
  );
  for (let presses = 0; presses < 10; presses++) {
    const at = await page.evaluate(() =>
      document.activeElement?.textContent?.trim(),
    );
    if (at === 'SLA') break;
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('table', { name: 'Objectives' }).first().waitFor({
    timeout: 60000,
  });
  await waitForNoProgress(page);

  // the period picker: open it with the arrow key, walk to the period, choose it with Enter
  await tabTo(page, 'the Period picker', () => {
    const focused = document.activeElement;
    const control = focused?.closest('[class*="MuiFormControl-root"]');
    return (
      focused?.getAttribute('aria-haspopup') === 'listbox' &&
      control?.querySelector('label')?.textContent?.trim() === 'Period'
    );
  });
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option').first().waitFor();
  for (let presses = 0; presses < 25; presses++) {
    const at = await page.evaluate(() =>
      document.activeElement?.getAttribute('data-value'),
    );
    if (at === period) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(url => url.searchParams.get('period') === period);
  await waitForNoProgress(page);

  // the incidents, sorted by when they started with Enter on its header: earliest first, then
  // latest
  const table = page
    .locator('table')
    .filter({ has: page.getByRole('button', { name: 'Started' }) })
    .first();
  await table.waitFor();
  await tabTo(page, "the incidents' Started sort header", focusedSortHeader, {
    table: null,
    label: 'Started',
  });
  await assertFocusRing(page, "the incidents' Started sort header");
  const byTitle = new Map();
  for (const incident of incidents) {
    byTitle.set(incident.title, [
      ...(byTitle.get(incident.title) ?? []),
      Date.parse(incident.startedAt),
    ]);
  }
  const titles = () =>
    table
      .locator('tbody tr')
      .evaluateAll(rows =>
        rows
          .map(row => row.querySelector('td p')?.textContent ?? '')
          .filter(Boolean),
      );
  const inOrder = async direction => {
    const sign = direction === 'ascending' ? 1 : -1;
    const expected = [...incidents]
      .map(incident => Date.parse(incident.startedAt))
      .sort((a, b) => sign * (a - b));
    const shown = await titles();
    return (
      shown.length > 0 &&
      shown.every((title, index) =>
        (byTitle.get(title) ?? []).includes(expected[index]),
      )
    );
  };
  for (const direction of ['ascending', 'descending']) {
    await page.keyboard.press('Enter');
    await waitUntil(
      page,
      `the incidents of ${period} by start, ${direction}, as the API's start times order them`,
      () => inOrder(direction),
      { timeout: 10000 },
    );
    assert.equal(await focusedHeaderSort(page), direction);
  }

  // the corrections dialog: opened with Enter, holds the focus, Escape closes it and gives the
  // focus back to the button that opened it
  await tabTo(
    page,
    'the Add correction button',
    () => document.activeElement?.textContent?.trim() === 'Add correction',
  );
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', {
    name: 'Add an SLA correction',
  });
  await dialog.waitFor();
  await waitUntil(page, 'the focus inside the dialog', () =>
    page.evaluate(() =>
      Boolean(document.activeElement?.closest('[role="dialog"]')),
    ),
  );
  // after each Tab the focus is in the dialog's modal: on one of its controls or, past the last,
  // on the modal's frame around it (Material UI's focus trap), from which the next Tab goes to the
  // first control — never on the page behind
  for (let presses = 0; presses < 12; presses++) {
    await page.keyboard.press('Tab');
    assert.ok(
      await page.evaluate(() =>
        Boolean(document.activeElement?.closest('[class*="MuiDialog-root"]')),
      ),
      `Tab ${presses + 1} left the open dialog`,
    );
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await waitUntil(page, 'the focus back on Add correction', () =>
    page.evaluate(
      () => document.activeElement?.textContent?.trim() === 'Add correction',
    ),
  );

  const charts = await assertChartsDescribed(page, 'SLA tab');
  t.note(
    `${period}: ${incidents.length} incidents sorted both ways; ${charts} chart(s) described`,
  );
}
