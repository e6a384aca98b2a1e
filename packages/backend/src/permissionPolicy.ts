import { createBackendModule } from '@backstage/backend-plugin-api';
import { coreServices } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  RESOURCE_TYPE_CATALOG_ENTITY,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
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

/** The demo organisation's finance group: it reads every service's cost. */
export const DEMO_FINANCE_GROUP = 'group:default/finance';

/** Administrators: with finance, they read the cost lines no service is known for. */
export const DEMO_ADMIN_GROUP = 'group:default/admins';

export type DemoPolicyOptions = {
  /**
   * `permission.demo.costReaders`: when set, only members of these groups read cost (of every
   * entity), nobody else any. When absent, finance reads every cost and a team its own entities'.
   */
  costReaders?: string[];
  /** `permission.demo.readOwnOnly`: a user reads in the catalog only what their teams own. */
  readOwnOnly?: boolean;
};

/**
 * The demo's policy, with the catalog's conditions so that each decision is made per entity:
 *
 * - a team writes measured data only for the entities it owns (`isEntityOwner` on the user's
 *   ownership references);
 * - a team reads the cost of the entities it owns, and members of finance read every cost — or,
 *   with `permission.demo.costReaders`, only the members of those groups read cost;
 * - only finance and admins read the cost lines held unattributed;
 * - the catalog is readable by everyone, or with `permission.demo.readOwnOnly` a user reads only
 *   the entities their teams own, and the users and groups of the organisation;
 * - everything else is allowed.
 *
 * Service principals (the demo data loader, the static ingest token) are not decided here: the
 * permission framework allows them, within the `accessRestrictions` of their token.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  private readonly costReaders?: Set<string>;

  constructor(private readonly options: DemoPolicyOptions = {}) {
    this.costReaders =
      options.costReaders &&
      new Set(options.costReaders.map(ref => ref.toLocaleLowerCase('en-US')));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user?.info.ownershipEntityRefs ?? [];
    const isMember = (groups: ReadonlySet<string>) =>
      claims.some(ref => groups.has(ref.toLocaleLowerCase('en-US')));
    const ownEntities = () =>
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
        ? createCatalogConditionalDecision(
            permission,
            catalogConditions.isEntityOwner({ claims }),
          )
        : ({ result: AuthorizeResult.DENY } as PolicyDecision);

    if (isPermission(permission, catalogEntityReadPermission)) {
      if (!this.options.readOwnOnly) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims }),
          catalogConditions.isEntityKind({ kinds: ['User', 'Group'] }),
        ],
      });
    }
    if (isPermission(permission, serviceDeliveryCostReadPermission)) {
      if (this.costReaders) {
        return {
          result: isMember(this.costReaders)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      }
      if (isMember(new Set([DEMO_FINANCE_GROUP]))) {
        return { result: AuthorizeResult.ALLOW };
      }
      return ownEntities();
    }
    if (isPermission(permission, serviceDeliveryWritePermission)) {
      return ownEntities();
    }
    if (
      isPermission(permission, serviceDeliveryUnattributedCostReadPermission)
    ) {
      return {
        result: isMember(new Set([DEMO_FINANCE_GROUP, DEMO_ADMIN_GROUP]))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
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
          new DemoPermissionPolicy({
            costReaders: config.getOptionalStringArray(
              'permission.demo.costReaders',
            ),
            readOwnOnly:
              config.getOptionalBoolean('permission.demo.readOwnOnly') ?? false,
          }),
        );
      },
    });
  },
});
