// The benchmark's organisation and measured data, from packages/example-data (its TypeScript source,
// loaded through the Backstage CLI's node transform as plugins/service-delivery-cli/bin does).
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

let exampleData;
/** packages/example-data's exports (generateOrganisation, generateMeasuredData, …). */
function generators() {
  if (!exampleData) {
    require('@backstage/cli/config/nodeTransform.cjs');
    exampleData = require(path.join(root, 'packages/example-data/src'));
  }
  return exampleData;
}

/** The earliest instant the backend keeps at `now` under the default retention (-common's). */
function earliestRetained(now) {
  generators();
  const common = require(path.join(
    root,
    'plugins/service-delivery-common/src',
  ));
  return (
    new Date(now).getTime() - common.retentionMillis(common.defaultRetention)
  );
}

/** The most records one ingest request may carry (-common's maxRecordsPerBatch). */
function maxRecordsPerBatch() {
  generators(); // registers the TypeScript transform
  return require(path.join(root, 'plugins/service-delivery-common/src'))
    .maxRecordsPerBatch;
}

const KINDS = ['incidents', 'sli', 'costs', 'capacity', 'dr-tests'];
const FIELD = {
  incidents: 'incidents',
  sli: 'sli',
  costs: 'costs',
  capacity: 'capacity',
  'dr-tests': 'drTests',
};

const refOf = entity =>
  `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();

/** N services and the groups, domains, systems and resources around them; written as YAML. */
function writeOrganisation({ services, file }) {
  const { generateOrganisation } = generators();
  const YAML = require('yaml');
  const entities = generateOrganisation({ services, seed: 1 });
  const text = entities.map(entity => YAML.stringify(entity)).join('---\n');
  fs.writeFileSync(file, text);
  const kinds = {};
  for (const entity of entities) {
    kinds[entity.kind] = (kinds[entity.kind] ?? 0) + 1;
  }
  return { entities, kinds, bytes: Buffer.byteLength(text) };
}

/**
 * The service whose routes are measured: the first Component that declares every discipline
 * (agreements, cost, capacity, continuity).
 */
function probeService(entities) {
  const entity =
    entities.find(e => {
      const sd = e.kind === 'Component' && e.spec?.serviceDelivery;
      return (
        sd && sd.agreements?.length && sd.cost && sd.capacity && sd.continuity
      );
    }) ?? entities.find(e => e.kind === 'Component');
  const owner = String(entity.spec.owner).replace(/^group:/, '');
  return {
    ref: refOf(entity),
    kind: entity.kind.toLowerCase(),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    owner: `group:default/${owner}`,
  };
}

const DAY = 86400000;

/**
 * The generator's daily SLI buckets summed into `days`-day buckets (aligned on whole multiples of
 * `days` days since 1970; the first and last may be partial, their bucketSeconds say so); hourly
 * buckets are kept as they are.
 */
function coarserSli(records, days) {
  const out = [];
  const open = new Map();
  for (const record of records) {
    if (record.bucketSeconds !== 86400) {
      out.push(record);
      continue;
    }
    const startMs = Date.parse(record.bucketStart);
    const bucket = Math.floor(startMs / DAY / days) * days * DAY;
    const key = `${record.entityRef}|${record.objective}|${bucket}`;
    let sum = open.get(key);
    if (!sum) {
      sum = {
        ...record,
        bucketStart: new Date(startMs).toISOString(),
        bucketSeconds: 0,
        good: 0,
        total: 0,
      };
      open.set(key, sum);
      out.push(sum);
    }
    sum.bucketSeconds += record.bucketSeconds;
    sum.good += record.good;
    sum.total += record.total;
  }
  return out;
}

/**
 * The measured data of the entities, chunk by chunk (the generator gives each entity its own
 * random stream, so chunks give exactly the records one call for all would). Yields
 * { kind, records } with at most `batchSize` records (by default as many as one ingest request
 * takes), kind by kind within each chunk.
 *
 * Two levels of detail keep big organisations manageable (see bench/README.md):
 * - `detail` for the entities in `detailRefs` (the measured service's team): hourly SLI buckets for
 *   `detail.hourlyDays` days and daily buckets before, a capacity sample a day — the generator's
 *   own granularity;
 * - `coarse` for all others: hourly SLI buckets for `coarse.hourlyDays`, the daily buckets before
 *   summed into `coarse.sliBucketDays`-day buckets, one capacity sample every
 *   `coarse.capacityEveryDays` days.
 */
function* measuredBatches({
  entities,
  now,
  months,
  detailRefs,
  detail,
  coarse,
  chunkEntities,
  batchSize = maxRecordsPerBatch(),
}) {
  const { generateMeasuredData } = generators();
  const withMetadata = entities.filter(e => e.spec?.serviceDelivery);
  const detailed = withMetadata.filter(e => detailRefs.has(refOf(e)));
  const others = withMetadata.filter(e => !detailRefs.has(refOf(e)));
  const chunks = [];
  for (let i = 0; i < detailed.length; i += chunkEntities) {
    chunks.push({
      entities: detailed.slice(i, i + chunkEntities),
      level: detail,
    });
  }
  for (let i = 0; i < others.length; i += chunkEntities) {
    chunks.push({
      entities: others.slice(i, i + chunkEntities),
      level: coarse,
    });
  }
  for (const chunk of chunks) {
    const level = chunk.level;
    const data = generateMeasuredData({
      entities: chunk.entities,
      now,
      months,
      hourlyDays: level.hourlyDays,
      seed: 1,
      source: 'bench',
    });
    const everyDays = level.capacityEveryDays ?? 1;
    if (everyDays > 1) {
      data.capacity = data.capacity.filter(
        record => Math.floor(Date.parse(record.at) / DAY) % everyDays === 0,
      );
    }
    if ((level.sliBucketDays ?? 1) > 1) {
      data.sli = coarserSli(data.sli, level.sliBucketDays);
    }
    // the generator's DR test history reaches back past the default retention, which the
    // backend refuses (it would prune them at once): send what a real tool could still send,
    // a day inside the window since the ingestion ends later than `now`
    const earliest = earliestRetained(now) + DAY;
    data.drTests = data.drTests.filter(
      test => Date.parse(test.performedAt) >= earliest,
    );
    for (const kind of KINDS) {
      const records = data[FIELD[kind]];
      for (let j = 0; j < records.length; j += batchSize) {
        yield { kind, records: records.slice(j, j + batchSize) };
      }
    }
  }
}

/** The refs of the entities owned by `ownerRef` (group:default/x) that declare service delivery. */
function ownedRefs(entities, ownerRef) {
  const name = ownerRef.replace(/^group:default\//, '');
  return new Set(
    entities
      .filter(
        e =>
          e.spec?.serviceDelivery &&
          String(e.spec.owner ?? '').replace(/^group:/, '') === name,
      )
      .map(refOf),
  );
}

module.exports = {
  generators,
  writeOrganisation,
  probeService,
  measuredBatches,
  ownedRefs,
  KINDS,
  refOf,
};
