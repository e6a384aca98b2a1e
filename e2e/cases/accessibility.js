// Accessibility of our pages as a browser and a screen reader see them: axe-core on every page and tab
// (no serious or critical violation), the overview used with the keyboard alone, and the dark theme.
const assert = require('assert/strict');
const {
  exactly,
  openTab,
  tabTo,
  waitForNoProgress,
  waitUntil,
} = require('../lib/page');
const {
  assertAccessible,
  seriousViolations,
  ourContent,
} = require('../lib/axe');

const paymentsApi = '/catalog/default/component/payments-api';

/**
 * Our pages and tabs: the overview, the printable SLA report, a group's portfolio tab, and an
 * entity's SLA, Availability, Cost, Capacity and Continuity tabs. `scope` is what axe looks at: our
 * own pages whole (their header, with its period picker, is ours), on an entity page the tab's
 * content (the entity header is Backstage's).
 */
const pages = [
  {
    name: 'overview',
    path: '/service-delivery',
    ready: 'Services',
    scope: 'main',
  },
  { name: 'SLA report', path: '/service-delivery/report', scope: 'main' },
  {
    name: "payments' portfolio tab",
    path: '/catalog/default/group/payments',
    tab: 'Service Delivery',
    ready: 'Services',
  },
  { name: 'SLA tab', path: paymentsApi, tab: 'SLA', ready: 'Objectives' },
  { name: 'Availability tab', path: paymentsApi, tab: 'Availability' },
  { name: 'Cost tab', path: paymentsApi, tab: 'Cost' },
  {
    name: 'Capacity tab',
    path: '/catalog/default/resource/payments-db-eu',
    tab: 'Capacity',
    ready: 'Capacity resources',
  },
  { name: 'Continuity tab', path: paymentsApi, tab: 'Continuity' },
];

/** Opens a page (and its tab) and waits until its content has loaded. */
async function visit(t, target) {
  await t.open(target.path);
  if (target.tab) {
    await t.page.getByRole('tab').first().waitFor();
    await openTab(t.page, target.tab);
  }
  await t.page
    .locator(target.scope ?? ourContent)
    .first()
    .waitFor();
  if (target.ready) {
    await t.page
      .getByRole('table', { name: target.ready })
      .first()
      .waitFor({ timeout: 60000 });
  }
  if (target.ready === 'Services') {
    // the charts and the cards below the table come in the frames after it (the charts' code
    // loaded apart): axe looks at them too
    await t.page
      .getByRole('img', { name: /^Services by status/ })
      .waitFor({ timeout: 60000 });
  }
  await waitForNoProgress(t.page, { timeout: 60000 });
}

/**
 * Runs axe on every page; fails once at the end naming every page's violations. `shots`: the
 * screenshot to take of a page, by its name.
 */
async function checkEveryPage(t, options, shots = {}) {
  const failures = [];
  for (const target of pages) {
    await visit(t, target);
    if (shots[target.name]) {
      await t.screenshot(shots[target.name]);
    }
    try {
      await assertAccessible(t.page, target.name, {
        include: target.scope ?? ourContent,
        ...options,
      });
    } catch (error) {
      failures.push(error.message);
    }
  }
  assert.equal(failures.length, 0, failures.join('\n\n'));
}

/** Sets Backstage's theme the way its Settings page does (localStorage `theme`), or clears it. */
async function setTheme(page, theme) {
  await page.evaluate(id => {
    if (id) {
      window.localStorage.setItem('theme', id);
    } else {
      window.localStorage.removeItem('theme');
    }
  }, theme);
}

/** The label text of the form control the focused element belongs to. */
const focusedFieldIs = label => {
  const focused = document.activeElement;
  const control = focused?.closest('[class*="MuiFormControl-root"]');
  return control?.querySelector('label')?.textContent?.trim() === label;
};

const param = (page, name) => new URL(page.url()).searchParams.get(name);

module.exports = {
  name: 'Accessibility',
  tests: [
    {
      name: 'axe finds no serious or critical violation on our pages and tabs (light theme)',
      timeoutMs: 240000,
      async run(t) {
        await t.open('/service-delivery');
        await setTheme(t.page, undefined);
        // Backstage's own shell (sidebar, entity header) is Backstage's to fix: axe looks at our
        // content; what it finds outside is reported, not failed.
        await visit(t, pages[0]);
        const whole = await seriousViolations(t.page);
        const ours = await seriousViolations(t.page, { include: 'main' });
        const outside = whole.filter(
          violation =>
            !ours.some(
              own =>
                own.id === violation.id &&
                own.targets.length === violation.targets.length,
            ),
        );
        if (outside.length > 0) {
          t.note(
            `Backstage's shell, outside our content: ${outside
              .map(v => `${v.id} (${v.targets.map(n => n.target).join(', ')})`)
              .join('; ')}`,
          );
        }
        await checkEveryPage(t, undefined, {
          overview: 'service-delivery-overview-light',
          'SLA tab': 'payments-api-sla-light',
        });
      },
    },
    {
      name: 'the overview works with the keyboard alone: search, a filter, the period picker and a sort header',
      timeoutMs: 120000,
      async run(t) {
        const { page } = t;
        await visit(t, pages[0]);
        // from the top of the page, as someone who does not use a mouse starts
        await page.evaluate(() => document.activeElement?.blur());

        // in the page's order: the period picker in the header, then the filters, then the table
        await tabTo(page, 'the Period picker', focusedFieldIs, 'Period');
        await page.keyboard.press('ArrowDown');
        const options = page.getByRole('option');
        await options.first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForURL(url => Boolean(url.searchParams.get('period')));
        t.note(`Period chosen by keyboard: ${param(page, 'period')}`);

        await tabTo(
          page,
          'the search box',
          () =>
            document.activeElement?.getAttribute('aria-label') ===
            'Search services',
        );
        await page.keyboard.type('payments');
        await page.waitForURL(url => url.searchParams.get('q') === 'payments');
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.press('Backspace');
        await page.waitForURL(url => !url.searchParams.get('q'));

        await tabTo(page, 'the Owner filter', focusedFieldIs, 'Owner');
        await page.keyboard.press('ArrowDown');
        await page.getByRole('listbox').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForURL(
          url => url.searchParams.getAll('owner').length > 0,
        );
        const owner = param(page, 'owner');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Backspace');
        await page.waitForURL(url => !url.searchParams.get('owner'));
        t.note(`Owner filter chosen and removed by keyboard: ${owner}`);

        const services = page.getByRole('table', { name: 'Services' });
        await tabTo(page, 'the Service column sort header', () => {
          const focused = document.activeElement;
          return (
            focused?.getAttribute('role') === 'button' &&
            Boolean(focused.closest('th')) &&
            focused.textContent.trim() === 'Service'
          );
        });
        await page.keyboard.press('Enter');
        await page.waitForURL(
          url =>
            url.searchParams.get('sort') === 'name' &&
            url.searchParams.get('order') === 'asc',
        );
        const header = services.locator('th', {
          has: page.getByText(exactly('Service')),
        });
        await waitUntil(
          page,
          'the Service header to say it sorts ascending',
          async () =>
            (await header.first().getAttribute('aria-sort')) === 'ascending',
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(url => url.searchParams.get('order') === 'desc');
        await waitUntil(
          page,
          'the Service header to say it sorts descending',
          async () =>
            (await header.first().getAttribute('aria-sort')) === 'descending',
        );
      },
    },
    {
      name: "Backstage's dark theme, chosen in Settings: our pages keep enough colour contrast",
      timeoutMs: 240000,
      async run(t) {
        const { page } = t;
        try {
          // the demo offers Backstage's dark theme: choose it as a user does
          await t.open('/settings');
          const dark = page.locator('button[value="dark"]');
          await dark.waitFor();
          await dark.click();
          assert.equal(
            await page.evaluate(() => window.localStorage.getItem('theme')),
            'dark',
            "choosing Dark in Settings did not store Backstage's theme",
          );

          await visit(t, pages[0]);
          const background = await page.evaluate(
            () => getComputedStyle(document.body).backgroundColor,
          );
          const [r, g, b] = background.match(/\d+/g).map(Number);
          assert.ok(
            r + g + b < 3 * 96,
            `the page is not dark after choosing Dark (body ${background})`,
          );
          await t.screenshot('service-delivery-overview-dark');
          await visit(
            t,
            pages.find(p => p.name === 'SLA tab'),
          );
          await t.screenshot('payments-api-sla-dark');

          await checkEveryPage(t, { rules: ['color-contrast'] });
        } finally {
          // the browser profile is shared by the cases that follow
          await setTheme(page, undefined).catch(() => {});
        }
      },
    },
  ],
};
