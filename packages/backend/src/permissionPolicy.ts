import { createBackendModule } from '@backstage/backend-plugin-api';
import { coreServices } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { serviceDeliveryCostReadPermission } from '@service-delivery/plugin-service-delivery-common';

/**
 * The demo's policy: everything is allowed, except that cost data is readable only by members of
 * the groups listed under `permission.demo.costReaders` (all users when the list is absent).
 */
class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly costReaders: string[] | undefined) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      request.permission.name === serviceDeliveryCostReadPermission.name &&
      this.costReaders
    ) {
      const refs = user?.info.ownershipEntityRefs ?? [];
      const allowed = refs.some(ref => this.costReaders!.includes(ref));
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'service-delivery-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new DemoPermissionPolicy(
            config.getOptionalStringArray('permission.demo.costReaders'),
          ),
        );
      },
    });
  },
});
