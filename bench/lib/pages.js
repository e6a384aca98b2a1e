// Pages and tabs in Chromium: time to interactive of /service-delivery against /catalog, and our
// entity tabs against the entity and group pages' Overview tabs.
const { Browser } = require('./browser');

async function measurePages(
  browser,
  baseUrl,
  { reps, warmup, capMs, overview = true },
) {
  const pages = {
    catalog: `${baseUrl}/catalog`,
    overview: `${baseUrl}/service-delivery`,
  };
  const result = {
    catalog: [],
    overview: [],
    overviewMissing: false,
    errors: {},
  };
  try {
    await browser.signIn(baseUrl);
  } catch (error) {
    // a backend too busy to serve the app leaves this row without figures, not the run
    const message = `sign-in: ${error.message.split('\n')[0]}`;
    result.errors = { catalog: message, overview: message };
    result.overviewMissing = true;
    return result;
  }
  const started = Date.now();
  for (let rep = -warmup; rep < reps; rep++) {
    // slow pages stop after 3 measured loads once they have used their time
    if (rep >= 3 && Date.now() - started > capMs) break;
    const order =
      rep % 2 === 0 ? ['overview', 'catalog'] : ['catalog', 'overview'];
    for (const page of order) {
      if (page === 'overview' && (!overview || result.overviewMissing))
        continue;
      try {
        const { ms, missing } = await browser.tti(pages[page]);
        if (missing) result.overviewMissing = page === 'overview';
        else if (rep >= 0) result[page].push(ms);
      } catch (error) {
        result.errors[page] = error.message.split('\n')[0];
        if (page === 'overview') result.overviewMissing = true;
      }
    }
  }
  return result;
}

/** Our entity tabs, each timed against the entity page's own Overview tab of the same entity. */
const ENTITY_TABS = ['sla', 'availability', 'cost', 'capacity', 'continuity'];

/**
 * Times an entity page's tabs in Chromium (navigation start → content shown, see
 * Browser.contentShown): our tabs of the probe service and its page's Overview tab, and the
 * portfolio tab of its owning group and that group page's Overview tab. Signed in already.
 */
async function measureTabs(browser, baseUrl, probe, { reps, warmup, capMs }) {
  const entityUrl = `${baseUrl}/catalog/${probe.namespace}/${probe.kind}/${probe.name}`;
  const groupUrl = `${baseUrl}/catalog/default/group/${probe.owner.replace(
    'group:default/',
    '',
  )}`;
  const pages = {
    entityOverview: entityUrl,
    ...Object.fromEntries(ENTITY_TABS.map(tab => [tab, `${entityUrl}/${tab}`])),
    groupOverview: groupUrl,
    portfolio: `${groupUrl}/service-delivery`,
  };
  const result = Object.fromEntries(Object.keys(pages).map(id => [id, []]));
  result.errors = {};
  const started = Date.now();
  for (let rep = -warmup; rep < reps; rep++) {
    if (rep >= 3 && Date.now() - started > capMs) break;
    const ids = Object.keys(pages);
    // a different page first each time, so that no page always meets a cold cache
    const offset = (rep + warmup) % ids.length;
    for (const id of [...ids.slice(offset), ...ids.slice(0, offset)]) {
      if (result.errors[id]) continue;
      try {
        const { ms, missing } = await browser.contentShown(pages[id]);
        if (missing) result.errors[id] = 'page not found';
        else if (rep >= 0) result[id].push(ms);
      } catch (error) {
        result.errors[id] = error.message.split('\n')[0];
      }
    }
  }
  return result;
}

async function withBrowser(tracked, fn) {
  const browser = await Browser.launch();
  tracked.add(browser);
  try {
    return await fn(browser);
  } finally {
    await browser.close();
    tracked.delete(browser);
  }
}

module.exports = { ENTITY_TABS, measurePages, measureTabs, withBrowser };
