// The suites `yarn e2e` runs, in order (sign-in first: it needs the browser's fresh profile).
//
// `later` holds cases for parts still being built; they run only with `yarn e2e --later`.
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
    load('later/cost'),
    load('later/capacity'),
    load('later/continuity'),
    load('later/overview'),
    load('later/cost-permission'),
    load('read-own-only'),
    load('where-people-look'),
    load('accessibility'),
  ],
  later: [],
};
