import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RecordProblem } from '@service-delivery/plugin-service-delivery-common';
import { principalKey } from '../disciplines/catalogGraph';
import { PerCallerMemo } from '../disciplines/perCallerMemo';

const refsPerLookup = 1000;

/**
 * The entities each caller's batches named that the catalog knew, and their uids, remembered for
 * a short while (15 s by default): a tool sends the kinds of one service's data in batch after
 * batch, and asking the catalog for the same entities each time was a seventh of an ingest
 * request's time. An entity the catalog drops, or that another one replaces under its name, is
 * seen at most `ttlMs` late; an entity the catalog did not know is asked for again every time.
 */
export class KnownEntityCache extends PerCallerMemo<string> {
  constructor(
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    super({
      ttlMs: options.ttlMs ?? 15_000,
      maxEntries: options.maxEntries ?? 100_000,
      now: options.now ?? Date.now,
    });
  }
}

/**
 * Looks up the entities a batch writes for, in one `getEntitiesByRefs` call per thousand distinct
 * entities: a record for an entity the catalog does not know (or the caller may not read) is a
 * problem naming its index and the reference. Answers the `metadata.uid` of each known entity,
 * which the store records so that a new entity reusing a name starts clean.
 *
 * A service principal (an outside tool's static token, restricted to this plugin) may not call
 * the catalog; its batches are looked up with the plugin's own credentials, as for cost currencies.
 */
export async function knownEntities(options: {
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  records: ReadonlyArray<{ entityRef: string }>;
  credentials: BackstageCredentials;
  auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** the entities this caller's recent batches named, not asked for again */
  cache?: KnownEntityCache;
}): Promise<{
  problems: RecordProblem[];
  uids: Map<string, string>;
  /**
   * The references of the problems that the catalog itself does not know (not merely hidden from
   * the caller): cost lines for these may be held unattributed.
   */
  unknownToCatalog: Set<string>;
}> {
  const { catalog, records, auth } = options;
  const refs = [...new Set(records.map(record => record.entityRef))];
  const isService =
    (options.credentials.principal as { type?: string }).type === 'service';
  const credentials =
    isService && auth
      ? await auth.getOwnServiceCredentials()
      : options.credentials;
  const lookUp = async (
    wanted: string[],
    lookupCredentials: BackstageCredentials,
  ) => {
    const found = new Map<string, string>();
    for (let first = 0; first < wanted.length; first += refsPerLookup) {
      const part = wanted.slice(first, first + refsPerLookup);
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: part,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.uid',
          ],
        },
        { credentials: lookupCredentials },
      );
      // the answer lists the entities in the order asked, null where there is none
      items.forEach((entity, index) => {
        if (entity) found.set(part[index], entity.metadata.uid ?? '');
      });
    }
    return found;
  };
  const caller = principalKey(options.credentials);
  const remembered = new Map<string, string>();
  const asked: string[] = [];
  for (const ref of refs) {
    const uid = options.cache?.get(caller, ref);
    if (uid === undefined) asked.push(ref);
    else remembered.set(ref, uid);
  }
  const found =
    asked.length > 0
      ? await lookUp(asked, credentials)
      : new Map<string, string>();
  // only what the catalog answered now: what was remembered is asked for again once it expires
  for (const [ref, uid] of found) options.cache?.set(caller, ref, uid);
  const uids = new Map([...remembered, ...found]);
  const missing = refs.filter(ref => !uids.has(ref));
  // a user may not see an entity the catalog has: that one is not unknown
  const hidden =
    missing.length > 0 && !isService && auth
      ? await lookUp(missing, await auth.getOwnServiceCredentials())
      : new Map<string, string>();
  const unknownToCatalog = new Set(missing.filter(ref => !hidden.has(ref)));
  const problems: RecordProblem[] = [];
  records.forEach((record, index) => {
    if (!uids.has(record.entityRef)) {
      problems.push({
        index,
        path: 'entityRef',
        message: `names ${record.entityRef}, which the catalog does not know; records are accepted only for entities in the catalog`,
      });
    }
  });
  for (const [ref, uid] of uids) if (!uid) uids.delete(ref);
  return { problems, uids, unknownToCatalog };
}
