/*
 * The benchmark's baseline: this repository's backend without any Service Delivery plugin — only
 * Backstage's app, auth (guest provider), catalog (with its logs module, as packages/backend has
 * it) and permission backends, with an allow-all policy, and the Search (with its PostgreSQL engine)
 * and Tech Insights backends that packages/backend installs to host our modules, without those
 * modules (an app that has Search and Tech Insights already). Not the notifications and signals
 * backends: our plugin needs them, so they count as ours. bench/run.js starts it with the same node
 * transform, configs, catalog and entities as the real backend, to compare resident memory.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

const allowAllPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-allow-all-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle() {
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(allowAllPolicy);
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.start();
