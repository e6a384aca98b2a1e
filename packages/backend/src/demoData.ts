import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  generateMeasuredData,
  loadExampleEntities,
} from '@service-delivery/example-data';
import { maxRecordsPerBatch } from '@service-delivery/plugin-service-delivery-common';

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
        lifecycle.addStartupHook(async () => {
          const entities = loadExampleEntities(
            config.getOptionalString('serviceDeliveryDemo.examplesDir'),
          );
          const data = generateMeasuredData({ entities, now: new Date() });
          const baseUrl = await discovery.getBaseUrl('service-delivery');
          const kinds = [
            ['incidents', data.incidents],
            ['sli', data.sli],
            ['costs', data.costs],
            ['capacity', data.capacity],
            ['dr-tests', data.drTests],
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
        });
      },
    });
  },
});
