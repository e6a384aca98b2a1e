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
 * A full-page screenshot, or of one `element` (a locator) on it. Backstage scrolls inside its content
 * area rather than the document, so the viewport is made as tall as the content for the shot, and
 * put back afterwards.
 */
async function fullPageScreenshot(page, file, { element } = {}) {
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
  if (element) {
    await element.screenshot({ path: file, animations: 'disabled' });
  } else {
    await page.screenshot({
      path: file,
      fullPage: true,
      animations: 'disabled',
    });
  }
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

/**
 * Records the requests the page makes, from now on, to one backend route, and gives the answer to
 * the last of them: the answer the page shows. A case compares the page with that answer rather than
 * with a second request of its own made moments later, because figures of a current period
 * (availability, error budgets, forecasts) change from one second to the next.
 *
 * `route` is a path with an optional query (`/api/service-delivery/v1/…/sla?period=2026-10`); a
 * request matches when its path is the route's and its query is exactly the route's, or, with
 * `query: params => boolean`, when that says so. Requests made before the call are not recorded
 * (an Overview card still loading when a tab is clicked does not count): call it just before what
 * makes the page ask.
 */
function answersTo(page, route, { query } = {}) {
  const [pathname, search = ''] = route.split('?');
  const sorted = params => {
    const copy = new URLSearchParams(params);
    copy.sort();
    return copy.toString();
  };
  const wanted = sorted(search);
  const queryMatches = query ?? (params => sorted(params) === wanted);
  const asked = [];
  let firstAsked;
  const asking = new Promise(resolve => {
    firstAsked = resolve;
  });

  const onRequest = request => {
    if (request.method() !== 'GET') {
      return;
    }
    const url = new URL(request.url());
    if (url.pathname !== pathname || !queryMatches(url.searchParams)) {
      return;
    }
    // read at once: the browser need not keep a body once the page moves on
    const answer = request.response().then(async response => {
      if (!response) {
        throw new Error(
          `the page's GET ${url.pathname}${url.search} failed: ${
            request.failure()?.errorText ?? 'no response'
          }`,
        );
      }
      let body;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      return { status: response.status(), body, url: url.toString() };
    });
    answer.catch(() => {});
    asked.push(answer);
    firstAsked();
  };
  page.on('request', onRequest);

  /** The last request's { status, body, url }, waiting up to `timeout` ms for the page to ask. */
  async function last(timeout) {
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `the page did not ask for ${route} within ${timeout / 1000} s`,
            ),
          ),
        timeout,
      );
    });
    try {
      await Promise.race([asking, deadline]);
      // the last request's answer; if the page asked again meanwhile, that one's
      for (;;) {
        const index = asked.length - 1;
        const answer = await Promise.race([asked[index], deadline]);
        if (index === asked.length - 1) {
          return answer;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** The answer to the page's last request: its status, body and URL. */
    response: ({ timeout = 30000 } = {}) => last(timeout),
    /** The JSON the page received for its last request; fails unless it was a 200. */
    async latest({ timeout = 30000 } = {}) {
      const { status, body, url } = await last(timeout);
      if (status !== 200) {
        throw new Error(
          `the page's GET ${url} answered ${status}: ${JSON.stringify(
            body,
          )?.slice(0, 300)}`,
        );
      }
      return body;
    },
    /** How many matching requests the page has made since the recording began. */
    count: () => asked.length,
    stop: () => page.off('request', onRequest),
  };
}

/** Polls `check` (which may be async) until it returns a truthy value; fails saying `what`. */
async function waitUntil(page, what, check, { timeout = 30000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout / 1000} s waiting for ${what}`,
      );
    }
    await page.waitForTimeout(100);
  }
}

/** Presses Tab until `isFocused` (run in the page, given `arg`) says the wanted control has the focus. */
async function tabTo(page, what, isFocused, arg, { maxPresses = 150 } = {}) {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await page.evaluate(isFocused, arg)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Relative luminance of an `rgb(r, g, b)` colour (WCAG 2.1). */
function luminance(rgb) {
  const [r, g, b] = rgb.map(value => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The focused element shows a focus ring: an outline, or a box-shadow ring, of 2 px or more, in a
 * colour that stands out from what is behind it (3:1, WCAG's contrast for a control's state) — not
 * just a change of shade or the browser's thin default outline. Returns the ring as read.
 */
async function assertFocusRing(page, what) {
  const seen = await page.evaluate(() => {
    const focused = document.activeElement;
    const style = getComputedStyle(focused);
    // the ring is drawn around the element (an outline with an offset, a shadow's spread): what
    // it stands out from is what the element sits on, not the element's own fill
    let background = 'rgba(0, 0, 0, 0)';
    for (let at = focused.parentElement; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (!/rgba\([^)]*,\s*0\)$/.test(colour) && colour !== 'transparent') {
        background = colour;
        break;
      }
    }
    return {
      element: `${focused.tagName.toLowerCase()} "${(focused.textContent ?? '')
        .trim()
        .slice(0, 40)}"`,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
      background,
    };
  });
  const rgb = colour => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  let ring;
  if (seen.outlineStyle !== 'none' && seen.outlineWidth >= 2) {
    ring = { width: seen.outlineWidth, colour: seen.outlineColor };
  } else {
    // `rgb(…) 0px 0px 0px 2px`: a shadow without offset or blur whose spread draws the ring
    for (const shadow of seen.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = /rgba?\([^)]*\)/.exec(shadow)?.[0];
      const lengths = shadow
        .replace(/rgba?\([^)]*\)/, '')
        .trim()
        .split(/\s+/)
        .map(parseFloat);
      if (colour && lengths.length >= 4 && lengths[3] >= 2) {
        ring = { width: lengths[3], colour };
      }
    }
  }
  assert.ok(
    ring,
    `${what} (${seen.element}) shows no 2 px focus ring (outline ${seen.outline}, box-shadow ${seen.boxShadow})`,
  );
  const ratio = contrast(rgb(ring.colour), rgb(seen.background));
  assert.ok(
    ratio >= 3,
    `${what}: its focus ring ${ring.colour} stands out only ${ratio.toFixed(
      2,
    )}:1 against ${seen.background}`,
  );
  return { ...ring, background: seen.background, contrast: ratio };
}

/**
 * On a page just loaded (nothing focused yet, so that Tab starts at its top): presses Tab through every stop inside `scope` (a CSS selector; at most
 * `maxStops` presses) and checks the ring (assertFocusRing) on each button, link and toggle it
 * reaches. Fields keep their own mark (the outlined border) and are passed by. Returns the names of
 * the controls checked, in the order reached; fails once, naming every control without a ring.
 */
async function assertRingOnEveryControl(page, what, { scope, maxStops = 150 }) {
  const checked = [];
  const failures = [];
  let inside = false;
  for (let presses = 0; presses < maxStops; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(selector => {
      const element = document.activeElement;
      if (!element || !element.closest(selector)) return null;
      const field = element.matches(
        'input, textarea, select, [aria-haspopup="listbox"], [role="combobox"]',
      );
      const name = (
        element.getAttribute('aria-label') ??
        element.textContent ??
        ''
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 50);
      return { field, name: `${element.tagName.toLowerCase()} "${name}"` };
    }, scope);
    if (!focused) {
      // past the end of the content, after having been in it
      if (inside) break;
      continue;
    }
    inside = true;
    if (focused.field) continue;
    try {
      await assertFocusRing(page, `${what}: ${focused.name}`);
      checked.push(focused.name);
    } catch (error) {
      failures.push(error.message);
    }
  }
  assert.ok(inside, `${what}: Tab never reached ${scope}`);
  assert.deepEqual(failures, [], `${what}: controls without a focus ring`);
  return checked;
}

module.exports = {
  answersTo,
  assertFocusRing,
  assertRingOnEveryControl,
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
  tabTo,
  waitForNoProgress,
  waitUntil,
};
