// Medians, and the timing of HTTP requests.
function median(values) {
  const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One GET/POST, body read in full; returns { status, ms, bytes, body }. */
async function timed(url, { method = 'GET', token, body, json = false } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const started = process.hrtime.bigint();
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let parsed;
  if (json) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return {
    status: response.status,
    ms,
    bytes: Buffer.byteLength(text),
    text,
    body: parsed,
  };
}

module.exports = { median, timed };
