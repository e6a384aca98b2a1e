import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@service-delivery/plugin-catalog-backend-module-service-delivery'),
);

backend.add(import('@backstage/plugin-permission-backend'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@service-delivery/plugin-service-delivery-backend'));
backend.add(
  import('@service-delivery/plugin-service-delivery-backend-module-prometheus'),
);

backend.add(import('@backstage/plugin-search-backend'));
// on PostgreSQL the index lives in the database; on SQLite the module stands aside for Lunr, which
// holds every document in memory
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(
  import('@service-delivery/plugin-search-backend-module-service-delivery'),
);

backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import(
    '@service-delivery/plugin-tech-insights-backend-module-service-delivery'
  ),
);

/**
 * Guest sign-in, the demo's permission policy and its generated data exist only where
 * `serviceDeliveryDemo.enabled` is true (app-config.yaml). Anywhere else the backend installs the
 * production policy, and sign-in needs a real provider module.
 */
backend.add(
  createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      if (config.getOptionalBoolean('serviceDeliveryDemo.enabled')) {
        yield import('@backstage/plugin-auth-backend-module-guest-provider');
        yield import('./permissionPolicy');
        yield import('./demoData');
      } else {
        yield import('./productionPermissionPolicy');
      }
    },
  }),
);

backend.start();
