import {
  AuthService,
  DiscoveryService,
  LoggerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  generateMeasuredData,
  loadExampleEntities,
} from '@service-delivery/example-data';
import {
  defaultRetention,
  maxRecordsPerBatch,
  retentionMillis,
} from '@service-delivery/plugin-service-delivery-common';

const catalogWaitMs = 5 * 60_000;

/**
 * Waits until the catalog knows every entity of `entityRefs`, asking every two seconds for at most
 * five minutes (then the ingest names those it still lacks).
 */
async function waitForCatalog(
  entityRefs: string[],
  options: {
    auth: AuthService;
    discovery: DiscoveryService;
    logger: LoggerService;
  },
): Promise<void> {
  const { auth, discovery, logger } = options;
  const catalogUrl = await discovery.getBaseUrl('catalog');
  const deadline = Date.now() + catalogWaitMs;
  for (;;) {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const response = await fetch(`${catalogUrl}/entities/by-refs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ entityRefs, fields: ['metadata.name'] }),
    });
    let missing = entityRefs.length;
    if (response.ok) {
      const { items } = (await response.json()) as { items: unknown[] };
      missing = items.filter(item => !item).length;
      if (missing === 0) return;
    }
    if (Date.now() > deadline) {
      logger.warn(
        `The catalog still lacks ${missing} of the ${entityRefs.length} demo entities; loading the demo data anyway`,
      );
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

/**
 * Demo only: when `serviceDeliveryDemo.measuredData` is true, generates 13 months of measured data
 * for the example organisation at start-up and sends it through the real ingest API, as an outside
 * tool would.
 */
export default createBackendModule({
  pluginId: 'service-delivery',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, auth, discovery, lifecycle }) {
        if (!config.getOptionalBoolean('serviceDeliveryDemo.measuredData')) {
          return;
        }
        const load = async () => {
          const entities = loadExampleEntities(
            config.getOptionalString('serviceDeliveryDemo.examplesDir'),
          );
          const data = generateMeasuredData({ entities, now: new Date() });
          // records for entities the catalog does not know are refused: wait for it to read them
          await waitForCatalog(
            [
              ...new Set(
                [
                  ...data.incidents,
                  ...data.sli,
                  ...data.costs,
                  ...data.capacity,
                  ...data.drTests,
                ].map(record => record.entityRef),
              ),
            ],
            { auth, discovery, logger },
          );
          const baseUrl = await discovery.getBaseUrl('service-delivery');
          // the generator reaches further back for DR tests than the retention keeps: leave out
          // what the ingest would refuse as older (a day's margin for the time since generating)
          const earliest =
            Date.now() -
            retentionMillis(
              config.getOptionalString('serviceDelivery.retention.keep') ??
                defaultRetention,
            ) +
            86_400_000;
          const kept = <T>(records: T[], instant: (record: T) => string) =>
            records.filter(record => Date.parse(instant(record)) >= earliest);
          const kinds = [
            ['incidents', kept(data.incidents, r => r.startedAt)],
            ['sli', kept(data.sli, r => r.bucketStart)],
            [
              'costs',
              kept(
                data.costs,
                r => `${r.periodStart.slice(0, 7)}-28T00:00:00Z`,
              ),
            ],
            ['capacity', kept(data.capacity, r => r.at)],
            ['dr-tests', kept(data.drTests, r => r.performedAt)],
            // after the incidents they name
            ['corrections', data.corrections ?? []],
            // a misspelt service's lines, which the backend holds unattributed
            ['costs', data.unattributedCosts ?? []],
          ] as const;
          for (const [kind, records] of kinds) {
            for (let i = 0; i < records.length; i += maxRecordsPerBatch) {
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'service-delivery',
              });
              const response = await fetch(`${baseUrl}/v1/ingest/${kind}`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${token}`,
                },
                body: JSON.stringify(records.slice(i, i + maxRecordsPerBatch)),
              });
              if (!response.ok) {
                throw new Error(
                  `Demo ${kind} were refused: ${response.status} ${(
                    await response.text()
                  ).slice(0, 500)}`,
                );
              }
            }
            logger.info(`Loaded ${records.length} demo ${kind} records`);
          }
        };
        // the catalog reads the examples only once the backend has started: load in the background
        lifecycle.addStartupHook(() => {
          load().catch(error =>
            logger.error(`Demo data could not be loaded: ${error}`),
          );
        });
      },
    });
  },
});
