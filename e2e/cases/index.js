// The suites `yarn e2e` runs, in order (sign-in first: it needs the browser's fresh profile).
const path = require('path');

const load = file => ({
  ...require(`./${file}`),
  file: path.posix.join('e2e/cases', `${file}.js`),
});

module.exports = [
  load('sign-in'),
  load('catalog'),
  load('payments-api'),
  load('web-banking'),
  load('metadata-problems'),
  load('cost'),
  load('capacity'),
  load('continuity'),
  load('overview'),
  load('error-budget-policy'),
  load('burn-attribution'),
  load('cost-permission'),
  load('unattributed-cost'),
  load('read-own-only'),
  load('where-people-look'),
  load('keyboard'),
  load('accessibility'),
  // last: it adds a correction to payments-api for a while
  load('sla-corrections'),
];
