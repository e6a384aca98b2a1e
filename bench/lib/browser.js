// Page time-to-interactive in Debian's Chromium through playwright-core (never a downloaded
// browser). TTI here = navigation start → the page's table shows its first data row (a body row
// with at least three cells and a link), measured inside the page on every animation frame.
const fs = require('fs');
const os = require('os');
const path = require('path');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function installedChromium() {
  return [
    process.env.BENCH_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]
    .filter(Boolean)
    .find(file => fs.existsSync(file));
}

function chromiumPath() {
  const found = installedChromium();
  if (!found) {
    throw new Error(
      "Debian's Chromium is not installed (/usr/bin/chromium): apt-get install chromium",
    );
  }
  return found;
}

/**
 * Before a run measures pages: Debian's Chromium, installed with apt-get when it is missing and
 * this is root (as scripts/check.sh does), so that a run does not fail after its ingestion.
 */
function ensureChromium(log) {
  if (installedChromium()) return;
  const { execFileSync } = require('child_process');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let aptGet = false;
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    aptGet = true;
  } catch {
    aptGet = false;
  }
  if (!root || !aptGet) {
    throw new Error(
      `Debian's Chromium is not installed (/usr/bin/chromium) and ${
        root ? 'there is no apt-get here' : 'this is not root'
      }: install it (apt-get install chromium) or name one with BENCH_CHROMIUM`,
    );
  }
  log("Installing Debian's Chromium (apt-get) …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'ignore',
    env,
  });
  chromiumPath();
}

// Runs in the page before its own scripts: records performance.now() (ms since navigation start)
// at the first frame in which a data row is visible.
function ttiProbe() {
  const check = () => {
    for (const row of document.querySelectorAll('table tbody tr')) {
      if (
        row.querySelectorAll('td').length >= 3 &&
        row.querySelector('a[href]')
      ) {
        const box = row.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) {
          window.__benchTti = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

// Runs in the page before its own scripts: records performance.now() at the first frame in which
// an entity page's tab shows its content — at least one card, panel or table in the tab's own area
// (the page's article, below the header and tabs) and no progress bar left anywhere (each card has
// its data). Cards are Material UI's or Backstage UI's (bui-Card: the group page's own cards).
function contentProbe() {
  const check = () => {
    const area =
      document.querySelector('main article') ??
      document.querySelector('main') ??
      document.body;
    const shown = [
      ...area.querySelectorAll(
        '[class*="MuiCard-root"], [class*="bui-Card"], [class*="MuiPaper-root"], table',
      ),
    ].some(element => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
    if (shown && !document.querySelector('[role="progressbar"]')) {
      window.__benchContent = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * BENCH_PAGE_REQUESTS=<dir>: each timed tab load appends to <dir>/requests.jsonl its URL, when its
 * content showed, and every request the page made until then — when it started and ended, in ms
 * since navigation start, and its size — to see what a tab waits for.
 */
function requestLog(page) {
  const dir = process.env.BENCH_PAGE_REQUESTS;
  if (!dir) return undefined;
  const finished = [];
  page.on('requestfinished', async request => {
    const timing = request.timing();
    const sizes = await request.sizes().catch(() => undefined);
    finished.push({
      url: request.url(),
      type: request.resourceType(),
      startEpoch: timing.startTime,
      ms: timing.responseEnd,
      bytes: sizes ? sizes.responseBodySize : undefined,
    });
  });
  return {
    async write(url, contentMs) {
      const origin = await page.evaluate(() => performance.timeOrigin);
      const requests = finished
        .map(({ startEpoch, ms, ...rest }) => ({
          ...rest,
          start: Math.round(startEpoch - origin),
          end: Math.round(startEpoch - origin + ms),
        }))
        .filter(request => request.start <= contentMs)
        .sort((a, b) => a.start - b.start);
      fs.mkdirSync(dir, { recursive: true });
      fs.appendFileSync(
        path.join(dir, 'requests.jsonl'),
        `${JSON.stringify({ url, contentMs, requests })}\n`,
      );
    },
  };
}

class Browser {
  static async launch() {
    const { chromium } = require('playwright-core');
    const userDataDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'sd-bench-chromium-'),
    );
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: FLAGS,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await context.addInitScript(ttiProbe);
    await context.addInitScript(contentProbe);
    const browser = new Browser();
    browser.context = context;
    browser.userDataDir = userDataDir;
    return browser;
  }

  /** Signs in as the guest once (the app's SignInPage signs in by itself afterwards). */
  async signIn(baseUrl) {
    const page = await this.context.newPage();
    try {
      await page.goto(`${baseUrl}/catalog`);
      const enter = page.getByRole('button', { name: /^\s*Enter\s*$/ });
      const app = page.getByRole('link', { name: 'Settings' });
      await enter.or(app).first().waitFor({ timeout: 120000 });
      if (await enter.isVisible()) {
        await enter.click();
        await app.waitFor({ timeout: 120000 });
      }
    } finally {
      await page.close();
    }
  }

  /**
   * Opens `url` in a new tab and returns the TTI in ms, or { missing: true } when the app answers
   * with its "page not found" page.
   */
  async tti(url, { timeoutMs = 180000 } = {}) {
    const page = await this.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      const handle = await page.waitForFunction(
        () => {
          if (window.__benchTti !== undefined)
            return { tti: window.__benchTti };
          const text = document.body?.innerText ?? '';
          if (/page not found|dropped the mic/i.test(text))
            return { missing: true };
          return false;
        },
        undefined,
        { timeout: timeoutMs, polling: 50 },
      );
      const result = await handle.jsonValue();
      return result.missing ? { missing: true } : { ms: result.tti };
    } finally {
      await page.close();
    }
  }

  /**
   * Opens an entity page's tab at `url` in a new tab and returns the ms from navigation start to
   * its content being shown (see contentProbe), or { missing: true } for the app's "page not found".
   */
  async contentShown(url, { timeoutMs = 180000 } = {}) {
    const page = await this.context.newPage();
    const requests = requestLog(page);
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      const handle = await page.waitForFunction(
        () => {
          if (window.__benchContent !== undefined)
            return { ms: window.__benchContent };
          const text = document.body?.innerText ?? '';
          if (/page not found|dropped the mic/i.test(text))
            return { missing: true };
          return false;
        },
        undefined,
        { timeout: timeoutMs, polling: 50 },
      );
      const result = await handle.jsonValue();
      if (requests && !result.missing) await requests.write(url, result.ms);
      return result.missing ? { missing: true } : { ms: result.ms };
    } finally {
      await page.close();
    }
  }

  async close() {
    try {
      await this.context.close();
    } finally {
      fs.rmSync(this.userDataDir, { recursive: true, force: true });
    }
  }
}

module.exports = { Browser, ensureChromium };
