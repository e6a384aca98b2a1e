import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CostRollUpLevel,
  ownEntry,
  serviceDeliveryEntityKinds,
} from '@service-delivery/plugin-service-delivery-common';
import { recordRef } from './declared';

/*
 * The catalog queries of the cost reports: which entities a system's, domain's or group's cost
 * sums up. The reports themselves are built in cost.ts.
 */

const ROLL_UP_LEVELS: Record<string, CostRollUpLevel | undefined> = {
  system: 'system',
  domain: 'domain',
  group: 'owner',
};

/** Groups a group's roll-up walks down at most (a guard against a catalog with a loop of parents). */
const MAX_GROUPS = 1000;

export function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

/** The ways `spec` fields may name an entity: `name`, `kind:name`, `kind:namespace/name`. */
function writtenRefs(entity: Entity): string[] {
  const { name } = entity.metadata;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return [name, `${kind}:${name}`, `${kind}:${namespaceOf(entity)}/${name}`];
}

/**
 * The entities whose costs a system, domain or group sums up: a system's components and resources,
 * a domain's systems and theirs, a group's and its sub-groups' components, resources and systems.
 */
async function rollUpParts(
  entity: Entity,
  level: CostRollUpLevel,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const ref = recordRef(entity);
  const written = writtenRefs(entity);
  const fields = ['kind', 'metadata', 'spec', 'relations'];
  // One filter per combination, each value a string: any of the filters may match.
  const find = async (kinds: string[], field: string, values: string[]) => {
    const filter = kinds.flatMap(k =>
      values.map(v => ({ kind: k, [field]: v })),
    );
    return (await catalog.getEntities({ filter, fields }, { credentials }))
      .items;
  };
  const unique = (entities: Entity[]) => [
    ...new Map(entities.map(e => [recordRef(e), e])).values(),
  ];

  if (level === 'system') {
    const kinds = ['component', 'resource'];
    return unique([
      ...(await find(kinds, `relations.${RELATION_PART_OF}`, [ref])),
      ...(await find(kinds, 'spec.system', written)),
    ]);
  }
  if (level === 'owner') {
    // the group and every group below it, as the overview's owner filter counts them
    const groups = new Map([[ref, entity]]);
    let frontier = [entity];
    while (frontier.length > 0 && groups.size <= MAX_GROUPS) {
      const children = unique([
        ...(await find(
          ['group'],
          `relations.${RELATION_CHILD_OF}`,
          frontier.map(recordRef),
        )),
        ...(await find(
          ['group'],
          'spec.parent',
          frontier.flatMap(writtenRefs),
        )),
      ]).filter(child => !groups.has(recordRef(child)));
      for (const child of children) groups.set(recordRef(child), child);
      frontier = children;
    }
    const kinds = serviceDeliveryEntityKinds;
    return unique([
      ...(await find(kinds, `relations.${RELATION_OWNED_BY}`, [
        ...groups.keys(),
      ])),
      ...(await find(
        kinds,
        'spec.owner',
        [...groups.values()].flatMap(writtenRefs),
      )),
    ]);
  }
  const systems = unique([
    ...(await find(['system'], `relations.${RELATION_PART_OF}`, [ref])),
    ...(await find(['system'], 'spec.domain', written)),
  ]);
  const parts = await Promise.all(
    systems.map(system => rollUpParts(system, 'system', catalog, credentials)),
  );
  return unique([...systems, ...parts.flat()]);
}

/**
 * The roll-up level of an entity (none for a component or resource) and the parts whose cost it
 * sums up, leaving out those whose cost the caller may not read.
 */
export async function readableRollUpParts(options: {
  entity: Entity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  /** of these entities, those whose cost the caller may read ('all' for every one) */
  costReadable?: (entityRefs: string[]) => Promise<'all' | ReadonlySet<string>>;
}): Promise<{ level: CostRollUpLevel | undefined; parts: Entity[] }> {
  const { entity, catalog, credentials } = options;
  const level = ownEntry(
    ROLL_UP_LEVELS,
    entity.kind.toLocaleLowerCase('en-US'),
  );
  const parts = level
    ? await rollUpParts(entity, level, catalog, credentials)
    : [];
  const readable = await (options.costReadable ?? (async () => 'all' as const))(
    parts.map(recordRef),
  );
  return {
    level,
    parts:
      readable === 'all'
        ? parts
        : parts.filter(part => readable.has(recordRef(part))),
  };
}
