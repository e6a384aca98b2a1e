const assert = require('assert/strict');
const { answersTo, waitForNoProgress, waitUntil } = require('../lib/page');
const { api, assertNoErrorPanel } = require('./checks');
const { viewport } = require('../lib/browser');

module.exports = {
  name: 'Service Delivery overview',
  tests: [
    {
      name: 'the overview lists every service, filters by search and exports CSV as the API answers them',
      timeoutMs: 120000,
      async run(t) {
        const { page } = t;
        // The overview is refreshed by a scheduled task after start-up: give it a minute.
        let all;
        for (let waited = 0; ; waited += 2000) {
          all = await t.api.get(`${api}/overview?limit=1000`);
          if (all.total > 0 || waited >= 60000) break;
          await page.waitForTimeout(2000);
        }
        assert.ok(all.total > 0, 'the overview API answers no services');

        // what the page shows is compared with the answer it received, not with a request of our own
        const overviewRoute = `${api}/overview`;
        const firstView = answersTo(page, overviewRoute, {
          query: params => !params.has('q'),
        });
        await t.open('/service-delivery');
        const missing = page.getByText(/page not found|dropped the mic/i);
        await page.getByRole('table').first().or(missing.first()).waitFor();
        assert.equal(
          await missing.count(),
          0,
          'the app has no page at /service-delivery',
        );
        const shown = await firstView.latest();
        firstView.stop();
        await waitForNoProgress(page);
        await assertNoErrorPanel(page);
        const services = page.getByRole('table', { name: 'Services' });
        // the table names each service by its title, as the catalog does, and links to it
        for (const row of shown.rows.slice(0, 5)) {
          const name = String(row.entityRef).split('/').pop();
          await services
            .getByText(row.title || name, { exact: true })
            .first()
            .waitFor();
        }
        await t.screenshot('service-delivery-overview');

        // Search, as a user types it: the page asks once typing pauses (a debounce), and shows
        // the answer's rows. Waited for, rather than a pause guessed to be long enough.
        const searched = answersTo(page, overviewRoute, {
          query: params => params.get('q') === 'payments',
        });
        await page
          .getByRole('textbox', { name: /search/i })
          .first()
          .fill('payments');
        const filtered = await searched.latest();
        assert.ok(
          filtered.rows.length > 0 && filtered.total < shown.total,
          `search "payments": the API answers ${filtered.total} of ${shown.total} services`,
        );
        const expected = filtered.rows.map(row => row.entityRef).sort();
        const rowRefs = () =>
          services
            .locator('tbody tr[data-entity-ref]')
            .evaluateAll(rows =>
              rows.map(row => row.getAttribute('data-entity-ref')).sort(),
            );
        await waitUntil(
          page,
          `the table to show the ${expected.length} services the search answers`,
          async () =>
            JSON.stringify(await rowRefs()) === JSON.stringify(expected),
          { timeout: 15000 },
        ).catch(async error => {
          error.message += ` (shown: ${(await rowRefs()).join(
            ', ',
          )}; answered: ${expected.join(', ')})`;
          throw error;
        });

        // CSV export.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page
            .getByRole('button', { name: /csv|export/i })
            .or(page.getByRole('link', { name: /csv|export/i }))
            .first()
            .click(),
        ]);
        const file = await download.path();
        const csv = require('fs').readFileSync(file, 'utf8').trim().split('\n');
        assert.ok(csv.length >= 2, 'the CSV export has no rows');
      },
    },
    {
      name: "payments' portfolio opened by its URL asks for its figures before the group has arrived, and shows them",
      async run(t) {
        const { page } = t;
        // the order in which the browser saw them: the overview's request, the group's answer
        const seen = [];
        const onRequest = request => {
          if (request.url().includes(`${api}/overview?`))
            seen.push('overview asked');
        };
        const onResponse = response => {
          if (
            /\/entities\/by-name\/group\/default\/payments$/.test(
              response.url(),
            )
          ) {
            seen.push('group arrived');
          }
        };
        page.on('request', onRequest);
        page.on('response', onResponse);
        try {
          await t.open('/catalog/default/group/payments/service-delivery');
          await page.getByText('Portfolio roll-up').waitFor();
          await waitForNoProgress(page);
          await assertNoErrorPanel(page);
        } finally {
          page.off('request', onRequest);
          page.off('response', onResponse);
        }
        // a sign-in on the way loads the page twice; the last load is the one looked at
        const last = seen.lastIndexOf('group arrived');
        assert.ok(last >= 0, `the group's entity was never fetched: ${seen}`);
        const before = seen.slice(0, last);
        assert.ok(
          before.includes('overview asked'),
          `the portfolio asked for its figures only after the group arrived: ${seen.join(
            ', ',
          )}`,
        );
      },
    },
    {
      name: "payments' portfolio tab at 1,280 px: every column shown without scrolling sideways; the service names and column headers wrap between words, never inside one",
      async run(t) {
        const { page } = t;
        await page.setViewportSize({ width: 1280, height: 900 });
        try {
          await t.open('/catalog/default/group/payments/service-delivery');
          const table = page.getByRole('table', { name: 'Services' });
          await table
            .getByRole('link', { name: 'Card authorisation' })
            .waitFor();
          await waitForNoProgress(page);
          // each word of a header or of a name cell (title and kind line) sits on one line: a
          // word broken across two lines has boxes at two heights
          const { words, broken } = await table.evaluate(element => {
            const cells = [
              ...element.querySelectorAll('thead th'),
              ...[...element.querySelectorAll('tbody tr')].map(
                row => row.cells[0],
              ),
            ];
            const found = { words: 0, broken: [] };
            for (const cell of cells) {
              const walker = document.createTreeWalker(
                cell,
                NodeFilter.SHOW_TEXT,
              );
              for (
                let node = walker.nextNode();
                node;
                node = walker.nextNode()
              ) {
                for (const match of node.data.matchAll(/[^\s\-·]+/g)) {
                  const range = document.createRange();
                  range.setStart(node, match.index);
                  range.setEnd(node, match.index + match[0].length);
                  const tops = new Set(
                    [...range.getClientRects()]
                      .filter(box => box.width > 0)
                      .map(box => Math.round(box.top)),
                  );
                  found.words++;
                  if (tops.size > 1) found.broken.push(match[0]);
                }
              }
            }
            return found;
          });
          // every column in view: the table is no wider than the box that would scroll it
          const { tableWidth, boxWidth } = await table.evaluate(element => ({
            tableWidth: element.scrollWidth,
            boxWidth: element.parentElement.clientWidth,
          }));
          assert.ok(
            tableWidth <= boxWidth,
            `the table is ${tableWidth} px wide in a box of ${boxWidth} px: its last columns are scrolled out of view`,
          );
          assert.ok(words > 20, `only ${words} words looked at`);
          assert.deepEqual(
            broken,
            [],
            `words broken across two lines: ${broken.join(', ')}`,
          );
        } finally {
          await page.setViewportSize(viewport);
        }
      },
    },
    {
      name: "payments' portfolio: the System's row shows its cost with its parts' against its budget, as the API answered, and every chart's names start inside the chart at 1,280 px",
      async run(t) {
        const { page } = t;
        await page.setViewportSize({ width: 1280, height: 900 });
        try {
          const overview = answersTo(page, `${api}/overview`, {
            query: params => params.get('owner') === 'group:default/payments',
          });
          await t.open('/catalog/default/group/payments/service-delivery');
          const answer = await overview.latest({ timeout: 60000 });
          overview.stop();
          const system = answer.rows.find(
            row => row.entityRef === 'system:default/payments-processing',
          );
          assert.ok(
            system?.cost?.withParts,
            'the API gave payments-processing no cost with its parts',
          );
          // every cost line once: the System's own and its parts' rows add up to the figure
          const parts = answer.rows.filter(
            row => row.system === system.entityRef && row !== system,
          );
          const cents = parts.reduce(
            (sum, row) => sum + Math.round((row.cost?.actual ?? 0) * 100),
            Math.round((system.cost.actual ?? 0) * 100),
          );
          assert.equal(cents, Math.round(system.cost.withParts.actual * 100));
          assert.equal(system.cost.withParts.parts, parts.length);
          // the portfolio's budget is the System's, which holds its parts'
          assert.deepEqual(
            answer.kpis.cost.map(total => total.budget),
            [system.cost.budget],
          );

          const table = page.getByRole('table', { name: 'Services' });
          const row = table.getByRole('row', { name: /Payments Processing/ });
          await row
            .getByText(`with its ${parts.length} parts, of`, { exact: false })
            .waitFor();
          await waitForNoProgress(page);
          const cut = await page.evaluate(() =>
            [
              ...document.querySelectorAll(
                '.recharts-yAxis .recharts-cartesian-axis-tick text',
              ),
            ]
              .filter(
                text =>
                  text.getBoundingClientRect().left <
                  text.closest('svg').getBoundingClientRect().left - 0.5,
              )
              .map(text => text.textContent),
          );
          assert.deepEqual(cut, [], `names cut at a chart's edge: ${cut}`);
        } finally {
          await page.setViewportSize(viewport);
        }
      },
    },
    {
      name: 'the findings list shows each finding whole, as the API answered it: long sentences wrap inside the card, every one starting in the same column',
      async run(t) {
        const { page } = t;
        const findings = answersTo(page, `${api}/findings`, {
          query: params => !params.has('severity') && !params.has('q'),
        });
        await t.open('/service-delivery');
        const answer = await findings.latest({ timeout: 60000 });
        findings.stop();
        const list = page.getByRole('list', { name: 'Findings' });
        await list.waitFor();
        const shown = await list.evaluate(element =>
          [...element.querySelectorAll(':scope > li')].map(item => {
            const message = item.querySelector(
              '[class*="MuiListItemText-primary"]',
            );
            const box = message.getBoundingClientRect();
            return {
              text: message.textContent,
              left: Math.round(box.left),
              // wider than its box: the sentence runs out of the card on one line
              cut: message.scrollWidth > message.clientWidth + 1,
              lines: Math.round(
                box.height / parseFloat(getComputedStyle(message).lineHeight),
              ),
            };
          }),
        );
        assert.deepEqual(
          shown.map(item => item.text),
          answer.findings.map(finding => finding.message),
        );
        assert.deepEqual(
          shown.filter(item => item.cut).map(item => item.text),
          [],
          'findings cut off at the edge of the card',
        );
        assert.ok(
          shown.some(item => item.lines > 1),
          'no finding is long enough to wrap: the check would prove nothing',
        );
        assert.equal(
          new Set(shown.map(item => item.left)).size,
          1,
          `the findings start in different columns: ${[
            ...new Set(shown.map(item => item.left)),
          ].join(', ')} px`,
        );
      },
    },
  ],
};
