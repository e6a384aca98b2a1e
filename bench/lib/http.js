// HTTP: the pairs of our routes and the catalog's, timed in alternating order.
const { timed } = require('./stats');

function httpPairs(probe) {
  const byName = `/api/catalog/entities/by-name/${probe.kind}/${probe.namespace}/${probe.name}`;
  const entityBase = `/api/service-delivery/v1/entities/${probe.kind}/${probe.namespace}/${probe.name}`;
  const kinds = { kind: { $in: ['component', 'system', 'resource'] } };
  const catalogQuery = query => ({
    method: 'POST',
    path: '/api/catalog/entities/by-query',
    body: JSON.stringify({
      query,
      limit: 50,
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
    }),
  });
  const pairs = [
    {
      id: 'overview',
      name: 'Overview API, first 50 rows',
      goal: { kind: 'max', value: 1, text: '≤ 1.0×' },
      ours: { path: '/api/service-delivery/v1/overview?limit=50' },
      theirs: catalogQuery(kinds),
    },
    {
      id: 'overview-owner',
      name: `Overview API, owner filter (${probe.owner.replace(
        'group:default/',
        '',
      )})`,
      goal: { kind: 'max', value: 1, text: '≤ 1.0×' },
      ours: {
        path: `/api/service-delivery/v1/overview?limit=50&owner=${encodeURIComponent(
          probe.owner,
        )}`,
      },
      theirs: catalogQuery({ ...kinds, 'relations.ownedBy': probe.owner }),
    },
  ];
  for (const route of [
    'sla',
    'availability',
    'cost',
    'capacity',
    'continuity',
    'impact',
  ]) {
    pairs.push({
      id: route,
      name: `One service: /${route} vs by-name`,
      goal: { kind: 'max', value: 3, text: '≤ 3×' },
      ours: { path: `${entityBase}/${route}` },
      theirs: { path: byName },
    });
  }
  return pairs;
}

async function measureHttp(
  baseUrl,
  token,
  pairs,
  { reps, warmup, pairCapSeconds },
) {
  const results = Object.fromEntries(
    pairs.map(p => [p.id, { ours: [], theirs: [], status: {}, measuredMs: 0 }]),
  );
  const request = async (pair, side) => {
    const spec = pair[side];
    const res = await timed(`${baseUrl}${spec.path}`, {
      method: spec.method,
      token,
      body: spec.body,
    });
    const entry = results[pair.id];
    entry.status[side] = res.status;
    entry[`${side}Bytes`] = res.bytes;
    if (res.status !== 200) {
      entry[`${side}Error`] = `${res.status} ${res.text.slice(0, 200)}`;
    }
    return res;
  };
  for (let rep = -warmup; rep < reps; rep++) {
    for (const pair of pairs) {
      const entry = results[pair.id];
      if (entry.status.ours === 404) continue; // not built (yet): n/a
      // a slow pair stops after 5 measured rounds once it has used its time
      if (rep >= 5 && entry.measuredMs > pairCapSeconds * 1000) continue;
      const order = rep % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const side of order) {
        const res = await request(pair, side);
        if (rep >= 0 && res.status === 200) {
          entry[side].push(res.ms);
          entry.measuredMs += res.ms;
        }
      }
    }
  }
  return results;
}

module.exports = { httpPairs, measureHttp };
