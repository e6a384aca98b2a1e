// Issue 7: "a user without the cost permission sees the Cost tab refuse politely". The demo's policy
// (packages/backend/src/permissionPolicy.ts) lets only members of `permission.demo.costReaders` read
// cost; the guest is a member of payments. This case starts a second backend whose config names only
// finance as cost readers, signs in there as guest in a second fresh browser, and opens the Cost tab.
const assert = require('assert/strict');
const path = require('path');
const { Backend, findFreePort } = require('../lib/backend');
const { launchBrowser } = require('../lib/browser');
const {
  answersTo,
  open,
  openTab,
  tabTitles,
  waitForNoProgress,
} = require('../lib/page');
const { api } = require('./checks');

module.exports = {
  name: 'Cost permission',
  tests: [
    {
      name: 'without the cost permission the Cost tab refuses politely, and the cost API answers 403',
      timeoutMs: 240000,
      async run(t) {
        const port = await findFreePort(Number(new URL(t.baseUrl).port) + 1);
        const backend = new Backend({
          port,
          logFile: path.join(t.env.artifactsDir, 'backend-no-cost.log'),
          extraConfigs: ['../../e2e/app-config.e2e-no-cost.yaml'],
        });
        let browser;
        try {
          backend.start();
          const { api: client } = await backend.waitUntilReady();
          const answer = await client.request(
            `${api}/entities/component/default/payments-api/cost`,
          );
          assert.equal(
            answer.status,
            403,
            `the cost API answered ${answer.status} to a user without the permission`,
          );

          browser = await launchBrowser();
          const page = await browser.context.newPage();
          await open(
            page,
            backend.baseUrl,
            '/catalog/default/component/payments-api',
          );
          await page.getByRole('tab').first().waitFor();
          const titles = await tabTitles(page);
          assert.ok(
            titles.includes('Cost'),
            `no "Cost" tab (tabs: ${titles.join(', ')})`,
          );
          // the tab's own request, refused: then its answer to the user is on the page
          const asked = answersTo(
            page,
            `${api}/entities/component/default/payments-api/cost`,
            { query: () => true },
          );
          await openTab(page, 'Cost');
          const refused = await asked.response();
          assert.equal(
            refused.status,
            403,
            `the Cost tab's request was answered ${refused.status}`,
          );
          await waitForNoProgress(page);
          const text = await page.locator('main').first().innerText();
          assert.match(
            text,
            /permission|not allowed|not authori[sz]ed|access/i,
            'the Cost tab does not say why it shows nothing',
          );
          assert.doesNotMatch(
            text,
            /\bat \S+ \(|ResponseError|status code 403/i,
            'the Cost tab shows a raw error',
          );
          await page.screenshot({
            path: path.join(
              t.env.artifactsDir,
              'screenshots',
              'cost-permission-refused.png',
            ),
            fullPage: true,
          });
        } finally {
          await browser?.close();
          await backend.stop();
        }
      },
    },
  ],
};
