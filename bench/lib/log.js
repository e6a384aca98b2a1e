// The benchmark's progress lines.
const log = (...args) => console.log(...args);
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

function progress(label, every = 15000) {
  let last = Date.now();
  return (count, force) => {
    if (force || Date.now() - last > every) {
      last = Date.now();
      log(`    ${label}: ${count.toLocaleString('en-US')}`);
    }
  };
}

module.exports = { log, seconds, progress };
