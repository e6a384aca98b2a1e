// What a test does with a page of the app, as a user would.
const assert = require('assert/strict');

// The app's production build suffixes Material UI class names (`MuiCard-root-123`).
const mui = name => `[class*="${name}"]`;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const exactly = text => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

/** Until the page has no progress indicator for `quietMs` in a row. */
async function waitForNoProgress(
  page,
  { timeout = 30000, quietMs = 400 } = {},
) {
  await page.waitForFunction(
    quiet => {
      const busy = document.querySelector(
        '[data-testid="progress"], [role="progressbar"]',
      );
      const now = Date.now();
      if (busy) {
        window.__e2eQuietSince = undefined;
        return false;
      }
      window.__e2eQuietSince = window.__e2eQuietSince ?? now;
      return now - window.__e2eQuietSince >= quiet;
    },
    quietMs,
    { timeout, polling: 100 },
  );
}

/**
 * Opens a path of the app. A fresh browser shows the guest sign-in page first: click its ENTER
 * button, as a user would, and wait for the app.
 */
async function open(page, baseUrl, route) {
  await page.goto(`${baseUrl}${route}`);
  const enter = page.getByRole('button', { name: exactly('Enter') });
  const app = page.getByRole('link', { name: 'Settings' });
  await enter.or(app).first().waitFor({ timeout: 60000 });
  if (await enter.isVisible()) {
    await enter.click();
    await app.waitFor({ timeout: 60000 });
  }
}

/** Clicks the entity page's tab with this title and waits for its content to settle. */
async function openTab(page, title) {
  const tab = page.getByRole('tab', { name: exactly(title) });
  await tab.click();
  await page.waitForFunction(
    name =>
      [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].some(
        element => element.textContent.trim() === name,
      ),
    title,
  );
}

/** The titles of the entity page's tabs. */
async function tabTitles(page) {
  return (await page.getByRole('tab').allTextContents()).map(text =>
    text.trim(),
  );
}

/** The card (Backstage InfoCard) with this title. */
function card(page, title) {
  return page.locator(mui('MuiCard-root')).filter({
    has: page.locator(mui('MuiCardHeader-title')).getByText(exactly(title)),
  });
}

/**
 * The innermost Material UI Paper (a card, a table's frame) that holds a text exactly like `title`:
 * for Backstage Tables, whose title sits in their toolbar rather than a card header.
 */
function panel(page, title) {
  return page
    .locator(mui('MuiPaper-root'))
    .filter({ has: page.getByText(exactly(title)) })
    .last();
}

/** The texts of each cell of a table's body rows. */
async function tableRows(table) {
  return table
    .locator('tbody tr')
    .evaluateAll(rows =>
      rows.map(row =>
        [...row.querySelectorAll('td, th')].map(cell => cell.innerText.trim()),
      ),
    );
}

/** The first number in a text: `99.949%` → 99.949, `-22.1%` → -22.1, `12,480 events` → 12480. */
function numberIn(text) {
  const match = /[-−]?\d[\d,]*(\.\d+)?/.exec(text ?? '');
  if (!match) {
    return null;
  }
  return Number(match[0].replace(/,/g, '').replace('−', '-'));
}

/**
 * Asserts that a figure shown on the page is the API's value as the page rounds it: `decimals` is the
 * most decimals the page shows.
 */
function assertShown(shownText, apiValue, decimals, what) {
  if (apiValue === null || apiValue === undefined) {
    assert.match(
      shownText,
      /—|n\/a|no data/i,
      `${what}: the API has no value, the page shows "${shownText}"`,
    );
    return;
  }
  const shown = numberIn(shownText);
  assert.notEqual(
    shown,
    null,
    `${what}: no number in "${shownText}" (API: ${apiValue})`,
  );
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  assert.ok(
    Math.abs(shown - apiValue) <= tolerance,
    `${what}: the page shows "${shownText}", the API answers ${apiValue}`,
  );
}

/**
 * A full-page screenshot. Backstage scrolls inside its content area rather than the document, so
 * the viewport is made as tall as the content for the shot, and put back afterwards.
 */
async function fullPageScreenshot(page, file) {
  const viewport = page.viewportSize();
  // No hover tooltip in the picture: park the pointer in the header's top-right corner.
  await page.mouse.move(viewport.width - 1, 1);
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => {
    let most = 0;
    for (const element of document.querySelectorAll('body *')) {
      const style = getComputedStyle(element);
      if (
        /(auto|scroll)/.test(style.overflowY) &&
        element.scrollHeight > element.clientHeight
      ) {
        most = Math.max(most, element.scrollHeight - element.clientHeight);
      }
    }
    return most;
  });
  if (overflow > 0) {
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(viewport.height + overflow, 10000),
    });
    await page.waitForTimeout(500); // charts re-measure
  }
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (overflow > 0) {
    await page.setViewportSize(viewport);
  }
}

/** Picks a period in the tab's Period picker; returns false when the picker does not offer it. */
async function pickPeriod(page, period) {
  await page
    .locator(mui('MuiFormControl-root'))
    .filter({ has: page.locator('label').getByText(exactly('Period')) })
    .locator('[aria-haspopup="listbox"]')
    .first()
    .click();
  const option = page.locator(`[role="option"][data-value="${period}"]`);
  try {
    await option.waitFor({ timeout: 5000 });
  } catch {
    await page.keyboard.press('Escape');
    return false;
  }
  await option.click();
  await page.waitForURL(url => url.searchParams.get('period') === period);
  return true;
}

module.exports = {
  assertShown,
  card,
  exactly,
  fullPageScreenshot,
  mui,
  numberIn,
  open,
  openTab,
  panel,
  pickPeriod,
  tabTitles,
  tableRows,
  waitForNoProgress,
};
