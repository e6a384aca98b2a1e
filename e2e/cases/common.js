// Helpers for the cases that open one tab of an entity page and compare it with the answer it received.
const assert = require('assert/strict');
const {
  answersTo,
  openTab,
  tabTitles,
  waitForNoProgress,
} = require('../lib/page');
const { assertNoErrorPanel } = require('./checks');

/**
 * Opens an entity page's tab by its title; fails clearly when the page has no such tab. Returns the
 * JSON the tab itself received from `route` (with whatever query it chose): the answer its figures
 * come from, so that the case compares the page with it rather than with a later request of its own
 * (figures that count to now, such as forecasts and the month so far, move between two requests).
 */
async function openRequiredTab(t, pagePath, title, route) {
  await t.open(pagePath);
  await t.page.getByRole('tab').first().waitFor();
  const titles = await tabTitles(t.page);
  assert.ok(
    titles.includes(title),
    `no "${title}" tab on ${pagePath} (tabs: ${titles.join(', ')})`,
  );
  const answers = answersTo(t.page, route, { query: () => true });
  await openTab(t.page, title);
  const answer = await answers.latest();
  answers.stop();
  await waitForNoProgress(t.page);
  await assertNoErrorPanel(t.page);
  return answer;
}

/**
 * Whether the text shows an amount of money in one of the usual forms: 42,000 / 42000 / 42,000.00 /
 * 42k / 42.0k / 1.2M (the currency symbol or code around it does not matter).
 */
function showsAmount(text, amount) {
  const compact = (value, unit) => [
    `${Math.round(value)}${unit}`,
    `${value.toFixed(1)}${unit}`,
  ];
  const forms = [
    Math.round(amount).toLocaleString('en-US'),
    String(Math.round(amount)),
    amount.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
    ...compact(amount / 1e3, 'k'),
    ...compact(amount / 1e3, 'K'),
    ...compact(amount / 1e6, 'M'),
  ];
  return forms.some(form => text.includes(form));
}

/** The text of every element on the page's main content. */
async function pageText(page) {
  return page.locator('main').first().innerText();
}

module.exports = { openRequiredTab, showsAmount, pageText };
