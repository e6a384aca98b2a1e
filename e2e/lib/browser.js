// Debian's Chromium driven by playwright-core: never a downloaded browser.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const viewport = { width: 1440, height: 900 };

function chromiumPath() {
  const candidates = [
    process.env.E2E_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  const found = candidates.find(file => fs.existsSync(file));
  if (!found) {
    throw new Error(
      "Debian's Chromium is not installed (looked for /usr/bin/chromium): " +
        'apt-get update && apt-get install -y chromium',
    );
  }
  return found;
}

/**
 * Launches headless Chromium with a fresh profile (a mkdtemp folder), its clock in `timezoneId`
 * (UTC unless a case needs another). Returns { context, close }: the context is the browser's one
 * persistent context; close() ends the browser and removes the profile.
 */
async function launchBrowser({ timezoneId = 'UTC' } = {}) {
  const userDataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'sd-e2e-chromium-'),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport,
    locale: 'en-US',
    timezoneId,
    acceptDownloads: true,
  });
  // launchPersistentContext opens one blank tab; each test opens its own.
  const close = async () => {
    try {
      await context.close();
    } finally {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  };
  return { context, close, userDataDir };
}

module.exports = { launchBrowser, viewport, chromiumPath };
