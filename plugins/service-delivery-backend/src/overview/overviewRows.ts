import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CapacityRecord,
  DisciplineHeadlines,
  Finding,
  OverviewRow,
  RecoveryNode,
  RecoveryWalks,
  ServiceDeliveryTab,
  SystemCostInput,
  countFindings,
  entityTabPath,
  periodAvailability,
  serviceDeliveryFindings,
  serviceLevelStatus,
  servicePolicy,
  ValidationProblem,
  recentResults,
  validateEntityServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import {
  declaredServiceDelivery,
  recordRef,
  serviceHoursOf,
} from '../disciplines/declared';
import { recoveryNode } from '../disciplines/continuity';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { CatalogSnapshot } from './catalogSnapshot';
import { HeadlineInput, HeadlineSources, headlineSources } from './headlines';
import { CAPACITY_WINDOW_DAYS } from './headlines/capacityHeadline';
import { sliRangesOf } from './headlines/serviceLevelHeadline';
import { prefetchWindow, prefetchedStore } from './prefetchedStore';
import { SliTotalsLoader } from './sliTotalsLoader';
import { SnapshotComposites } from './snapshotComposites';
import { systemCostWithParts } from './headlines/costHeadline';

/**
 * The validation problems of recently refreshed metadata: a refresh validates every service again,
 * and between two refreshes almost none changed. Kept by a digest of what is validated: the text
 * itself, a kilobyte or more a service, held 11.5 MB at 10,000 services.
 */
const validatedMetadata = recentResults<string, ValidationProblem[]>(50_000);

function validationKey(tiers: readonly string[], entity: Entity): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        tiers,
        entity.kind,
        entity.metadata.namespace,
        entity.spec?.dependsOn,
        entity.spec?.serviceDelivery,
      ]),
    )
    .digest('base64');
}

/** One overview row and the findings it carries. */
export type ComputedRow = { row: OverviewRow; findings: Finding[] };

const TAB_OF: Record<keyof DisciplineHeadlines, ServiceDeliveryTab> = {
  serviceLevel: 'sla',
  availability: 'availability',
  cost: 'cost',
  capacity: 'capacity',
  continuity: 'continuity',
};

/**
 * The headlines that compose from an entity's dependencies (the ceiling they allow, the burn their
 * outages caused): all a dependant's row changes by when only its dependencies' incidents did.
 */
const FROM_DEPENDENCIES: ReadonlySet<keyof DisciplineHeadlines> = new Set([
  'serviceLevel',
  'availability',
]);

/** Entities computed together, their measured data loaded with one query per kind of record. */
const BATCH_SIZE = 100;

/** A discipline that fails on one entity leaves its headline empty; this many are logged. */
const LOGGED_FAILURES = 5;

const DAY = 86_400_000;

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** What one batch's rows are computed from: its measured data, read together. */
type BatchData = {
  store: ServiceDeliveryStore;
  sli: SliTotalsLoader;
  samples: Map<string, CapacityRecord[]>;
};

/** The aggregates of measured data the headlines read, summed or narrowed by the database. */
export type MeasuredAggregates = Pick<DatabaseOverviewStore, 'sliTotals'>;

/**
 * Computes the overview rows of the given entities: each discipline's headline, the findings from
 * those headlines, and where the entity sits in the organisation. Entities are computed a batch at
 * a time, the batch's measured data read with a few queries.
 */
export async function computeOverviewRows(
  options: OverviewRowsOptions,
): Promise<ComputedRow[]> {
  const results: ComputedRow[] = [];
  await computeOverviewRowsInBatches({
    ...options,
    onRows: async rows => {
      results.push(...rows);
    },
  });
  return results;
}

export type OverviewRowsOptions = {
  entities: Entity[];
  snapshot: CatalogSnapshot;
  store: ServiceDeliveryStore;
  aggregates: MeasuredAggregates;
  settings: ServiceDeliverySettings;
  now: number;
  period?: string;
  logger: LoggerService;
  sources?: HeadlineSources;
  /** the snapshot's composite graphs, when the caller shares them with other work */
  composites?: SnapshotComposites;
  /**
   * Stored rows of entities of which only the headlines that compose from dependencies are to be
   * computed again (their own data did not change): the other headlines are kept from these.
   */
  keep?: ReadonlyMap<string, OverviewRow>;
  /**
   * Awaited before each batch's reads and between rows, so that other work gets its turn (by
   * default one turn of the event loop).
   */
  pause?: () => Promise<void>;
};

/**
 * As `computeOverviewRows`, but hands each batch's rows to `onRows` as soon as they are computed
 * and keeps none: what a caller writes away as it goes holds a batch at a time, not every row of
 * the organisation.
 */
export async function computeOverviewRowsInBatches(
  options: OverviewRowsOptions & {
    onRows: (rows: ComputedRow[]) => Promise<void>;
  },
): Promise<void> {
  const { snapshot, settings, now, logger, aggregates } = options;
  const sources = options.sources ?? headlineSources;
  const tiers = Object.keys(settings.tiers);
  const window = prefetchWindow(now);
  let recovery:
    | { graph: Map<string, RecoveryNode>; walks: RecoveryWalks }
    | undefined;
  const composites =
    options.composites ??
    new SnapshotComposites({ snapshot, store: options.store, settings });
  let failures = 0;

  const computeRow = async (
    entity: Entity,
    { store, sli, samples }: BatchData,
  ): Promise<ComputedRow> => {
    const entityRef = recordRef(entity);
    const spec = declaredServiceDelivery(entity);
    const problems = validatedMetadata(validationKey(tiers, entity), () =>
      validateEntityServiceDelivery(entity, { tiers }),
    );
    const measurements = new Map<
      string,
      ReturnType<HeadlineInput['measure']>
    >();
    const input: HeadlineInput = {
      measure(period) {
        const key = `${period.start}/${period.elapsedEnd}`;
        let measurement = measurements.get(key);
        if (!measurement) {
          measurement = store
            .listIncidents({
              entityRefs: [entityRef],
              range: { from: period.start, to: period.elapsedEnd },
            })
            .then(incidents => ({
              incidents,
              availability: periodAvailability({
                serviceHours: serviceHoursOf(spec),
                incidents,
                period,
                partialOutageWeight: settings.partialOutageWeight,
              }),
            }));
          measurements.set(key, measurement);
        }
        return measurement;
      },
      composites,
      recoveryGraph: () =>
        (recovery ??= {
          graph: new Map(
            [...snapshot.entities].map(([ref, e]) => [
              ref,
              recoveryNode(e, snapshot.edgesOf(ref)),
            ]),
          ),
          walks: new RecoveryWalks(),
        }),
      entity,
      entityRef,
      spec,
      problems,
      store,
      sliTotals: (objective, range) => sli.totals(entityRef, objective, range),
      capacitySamples: samples.get(entityRef) ?? [],
      settings,
      now,
      period: options.period,
    };

    const headlines: DisciplineHeadlines = {
      serviceLevel: null,
      availability: null,
      cost: null,
      capacity: null,
      continuity: null,
    };
    const links: OverviewRow['links'] = { overview: entityTabPath(entityRef) };
    const kept = options.keep?.get(entityRef);
    for (const key of Object.keys(sources) as Array<
      keyof DisciplineHeadlines
    >) {
      const source = sources[key];
      if (!source.appliesTo(input)) continue;
      links[TAB_OF[key]] = entityTabPath(entityRef, TAB_OF[key]);
      if (kept && !FROM_DEPENDENCIES.has(key) && (kept[key] ?? null) !== null) {
        (headlines as Record<string, unknown>)[key] = kept[key];
        continue;
      }
      try {
        (headlines as Record<string, unknown>)[key] = await source.compute(
          input,
        );
      } catch (error) {
        failures += 1;
        if (failures <= LOGGED_FAILURES) {
          logger.warn(
            `Could not compute the ${key} headline of ${entityRef}: ${error}`,
          );
        }
      }
    }

    // a System's budget holds its parts': its budget findings count their cost
    let systemCost: SystemCostInput | undefined;
    if (headlines.cost && entity.kind.toLocaleLowerCase('en-US') === 'system') {
      try {
        systemCost = await systemCostWithParts(
          input,
          snapshot.partsOf(entityRef),
          headlines.cost,
        );
      } catch (error) {
        failures += 1;
        if (failures <= LOGGED_FAILURES) {
          logger.warn(
            `Could not add up the parts' cost of ${entityRef}: ${error}`,
          );
        }
      }
    }
    const tier = text(spec.tier);
    const findings = serviceDeliveryFindings({
      entityRef,
      tier,
      problems,
      ...headlines,
      systemCost,
    });
    const owner = snapshot.ownerOf(entity);
    const edges = snapshot.edgesOf(entityRef);
    return {
      row: {
        entityRef,
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
        title: text(entity.metadata.title),
        type: text(entity.spec?.type),
        lifecycle: text(entity.spec?.lifecycle),
        owner,
        ownerAncestry: snapshot.ownerAncestry(owner),
        system: snapshot.systemOf(entity),
        domain: snapshot.domainOf(entity),
        tier,
        ...headlines,
        status: serviceLevelStatus(headlines),
        policy: servicePolicy(headlines.serviceLevel?.agreements ?? []),
        problems: problems.length,
        findings: countFindings(findings),
        links,
        dependsOn: edges.dependsOn,
        redundancy: edges.redundancy,
      },
      findings,
    };
  };

  const pause =
    options.pause ??
    (() => new Promise<void>(resolve => setImmediate(resolve)));
  // A batch's reads, started as soon as the batch before it begins computing: the database answers
  // them while this process computes, instead of each waiting for the other.
  const read = (batch: Entity[]): Promise<BatchData> => {
    const refs = batch.map(recordRef);
    // the batch's SLI sums in one query per distinct period, not a round trip per row
    const sli = new SliTotalsLoader((entityRefs, range) =>
      aggregates.sliTotals({ entityRefs, range }),
    );
    sli.prefetch(
      batch.flatMap((entity, index) => {
        try {
          return sliRangesOf(
            declaredServiceDelivery(entity),
            options.period,
            now,
          ).map(range => ({ entityRef: refs[index], range }));
        } catch {
          return []; // the row itself reports what is wrong with its declaration
        }
      }),
    );
    // a kept row's costs, DR tests and capacity are not read
    const ownRefs = refs.filter(ref => !options.keep?.has(ref));
    const data = Promise.all([
      prefetchedStore(options.store, {
        entityRefs: refs,
        incidentRefs: refs,
        costAndTestRefs: ownRefs,
        window,
      }),
      ownRefs.length > 0
        ? options.store.listCapacityForForecast({
            entityRefs: ownRefs,
            since: now - CAPACITY_WINDOW_DAYS * DAY,
            until: now,
          })
        : [],
    ]).then(([store, capacity]) => {
      const samples = new Map<string, CapacityRecord[]>();
      for (const sample of capacity) {
        const list = samples.get(sample.entityRef) ?? [];
        list.push(sample);
        samples.set(sample.entityRef, list);
      }
      return { store, sli, samples };
    });
    // read ahead, and not awaited if the pass ends early: its failure surfaces when awaited
    data.catch(() => {});
    return data;
  };
  const { entities } = options;
  let next: Promise<BatchData> | undefined;
  for (let i = 0; i < entities.length; i += BATCH_SIZE) {
    await pause();
    const batch = entities.slice(i, i + BATCH_SIZE);
    const data = await (next ?? read(batch));
    next =
      i + BATCH_SIZE < entities.length
        ? read(entities.slice(i + BATCH_SIZE, i + 2 * BATCH_SIZE))
        : undefined;
    const rows: ComputedRow[] = [];
    for (const entity of batch) {
      rows.push(await computeRow(entity, data));
      // the batch's data is in memory, so its rows would be computed without ever letting a request
      // in: let other work have its turn after each one
      await pause();
    }
    await options.onRows(rows);
  }
  if (failures > LOGGED_FAILURES) {
    logger.warn(
      `${failures} discipline headlines could not be computed in all; the first ${LOGGED_FAILURES} are logged above`,
    );
  }
}
