import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  serviceDeliveryCostReadPermission,
  serviceDeliveryUnattributedCostReadPermission,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * An example policy for a production installation, installed by `index.ts` whenever
 * `serviceDeliveryDemo.enabled` is not true. Adapt it to your organisation.
 *
 * - A team writes measured data for, and reads the cost of, the entities it owns: a conditional
 *   decision on the catalog's `isEntityOwner` rule, so the backend asks the catalog per entity.
 * - Members of the groups in `permission.serviceDelivery.costReaders` (such as finance) read the
 *   cost of every entity, and they alone the cost lines held unattributed.
 * - Everything else, including `catalog.entity.read`, is allowed: everyone sees what the catalog
 *   lets them see. Replace that rule with your catalog's own if some entities are confidential.
 *
 * Outside tools that ingest with a static token are service principals: the permission framework
 * does not ask a policy about them; their `accessRestrictions` in app-config limit them instead.
 */
export class ProductionPermissionPolicy implements PermissionPolicy {
  private readonly costReaders: Set<string>;

  constructor(options: { costReaders: string[] }) {
    this.costReaders = new Set(options.costReaders.map(r => r.toLowerCase()));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    // the cost lines no entity is known for are read by the cost readers only
    const isCostRead =
      permission.name === serviceDeliveryCostReadPermission.name ||
      permission.name === serviceDeliveryUnattributedCostReadPermission.name;
    const isWrite = permission.name === serviceDeliveryWritePermission.name;
    if (!isCostRead && !isWrite) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (
      isCostRead &&
      claims.some(claim => this.costReaders.has(claim.toLowerCase()))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    // a check without an entity cannot tell ownership: only the cost readers pass it
    return { result: AuthorizeResult.DENY };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'service-delivery-production-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new ProductionPermissionPolicy({
            costReaders:
              config.getOptionalStringArray(
                'permission.serviceDelivery.costReaders',
              ) ?? [],
          }),
        );
      },
    });
  },
});
