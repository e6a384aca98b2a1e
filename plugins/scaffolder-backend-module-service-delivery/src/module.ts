import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createServiceDeliveryGateAction } from './actions/gate';

/**
 * Adds the `service-delivery:gate` action to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleServiceDelivery = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'service-delivery',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createServiceDeliveryGateAction({ discovery, auth }),
        );
      },
    });
  },
});
