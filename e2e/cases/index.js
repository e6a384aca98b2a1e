// The suites `yarn e2e` runs, in order (sign-in first: it needs the browser's fresh profile).
//
// `later` holds cases for parts that other developers are building right now (the Cost, Capacity
// and Continuity tabs, the overview page, the cost permission). They are written to run as soon as
// those parts are on the page, but they are NOT run by default: when a part lands, move its line
// from `later` to `enabled` (try them any time with `yarn e2e --later`).
// State on 2026-11-23 against the uncommitted working tree: cost, capacity, continuity and
// cost-permission passed; overview failed because the app has no /service-delivery route yet.
const path = require('path');

const load = file => ({
  ...require(`./${file}`),
  file: path.posix.join('e2e/cases', `${file}.js`),
});

module.exports = {
  enabled: [
    load('sign-in'),
    load('catalog'),
    load('payments-api'),
    load('web-banking'),
    load('metadata-problems'),
  ],
  later: [
    load('later/cost'), // issue: Financial Management — the Cost tab
    load('later/capacity'), // issue: Capacity Management — the Capacity tab
    load('later/continuity'), // issue: IT Service Continuity — the Continuity tab
    load('later/overview'), // the Service Delivery overview page at /service-delivery
    load('later/cost-permission'), // issue 7: without the cost permission the Cost tab refuses politely
  ],
};
