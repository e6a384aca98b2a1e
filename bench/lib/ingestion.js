// The measured data sent through the ingest API, and the same rows inserted raw.
const { sleep } = require('./backend');
const { KINDS } = require('./data');
const { log, seconds } = require('./log');
const { timed } = require('./stats');

/**
 * Sends the batches one request at a time. A batch that fails — a dropped connection, or an error
 * status such as the 401 a timed-out token verification gives — is sent again (batches are upserts
 * by key, all or nothing, so this is safe), up to 3 times; every failure is recorded and the batch is
 * timed from its first attempt. Stops after `budgetMs` (the rest is not sent; the result says so).
 */
async function ingest({
  baseUrl,
  ingestToken,
  batches,
  onProgress,
  retries,
  budgetMs,
}) {
  const perKind = Object.fromEntries(
    KINDS.map(k => [k, { records: 0, ms: 0, batches: 0, failed: 0 }]),
  );
  const started = Date.now();
  let total = 0;
  let sent = 0;
  let stoppedEarly = false;
  for (const { kind, records } of batches) {
    if (Date.now() - started > budgetMs) {
      stoppedEarly = true;
      break;
    }
    const body = JSON.stringify(records);
    const url = `${baseUrl}/api/service-delivery/v1/ingest/${kind}`;
    const attemptStarted = process.hrtime.bigint();
    let res;
    for (let attempt = 1; attempt <= 3; attempt++) {
      let problem;
      try {
        res = await timed(url, { method: 'POST', token: ingestToken, body });
        if (res.status === 200) break;
        problem = `answered ${res.status} ${res.text
          .replace(/\s+/g, ' ')
          .slice(0, 160)}`;
      } catch (error) {
        problem = `failed: ${error.message}${
          error.cause ? ` (${error.cause.code || error.cause.message})` : ''
        }`;
        res = undefined;
      }
      const at = `${seconds(Date.now() - started)} into the ingestion`;
      log(
        `    POST /ingest/${kind} (${records.length} records) ${problem}; attempt ${attempt}, ${at}`,
      );
      retries.push(`${kind} ${problem} (attempt ${attempt}, ${at})`);
      await sleep(2000);
    }
    sent += 1;
    const ms = Number(process.hrtime.bigint() - attemptStarted) / 1e6;
    if (!res || res.status !== 200) {
      perKind[kind].failed += 1;
      continue;
    }
    perKind[kind].records += records.length;
    perKind[kind].ms += ms;
    perKind[kind].batches += 1;
    total += records.length;
    onProgress(total);
  }
  return { perKind, sentBatches: sent, stoppedEarly };
}

async function rawInsert({ raw, batches, onProgress, limit }) {
  const perKind = Object.fromEntries(
    KINDS.map(k => [k, { records: 0, ms: 0, batches: 0 }]),
  );
  let total = 0;
  let count = 0;
  for (const { kind, records } of batches) {
    if (count++ >= limit) break; // the batches the API was sent
    const rows = raw.rows(kind, records);
    const ms = await raw.insert(kind, rows);
    perKind[kind].records += records.length;
    perKind[kind].ms += ms;
    perKind[kind].batches += 1;
    total += records.length;
    onProgress(total);
  }
  return perKind;
}

module.exports = { ingest, rawInsert };
