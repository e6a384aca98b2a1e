import { createPermission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  serviceDeliveryCostReadPermission,
  serviceDeliveryUnattributedCostReadPermission,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';
import { ProductionPermissionPolicy } from './productionPermissionPolicy';

const member = (...ownershipEntityRefs: string[]): PolicyQueryUser => ({
  info: { userEntityRef: 'user:default/alice', ownershipEntityRefs },
  credentials: {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/alice' },
  },
});

const policy = new ProductionPermissionPolicy({
  costReaders: ['group:default/Finance'],
});

describe('the production permission policy', () => {
  it.each([
    { permission: serviceDeliveryWritePermission },
    { permission: serviceDeliveryCostReadPermission },
  ])(
    '$permission.name is allowed on the entities the caller’s groups own, asked of the catalog',
    async ({ permission }) => {
      expect(
        await policy.handle(
          { permission },
          member('user:default/alice', 'group:default/payments'),
        ),
      ).toEqual({
        result: 'CONDITIONAL',
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/alice', 'group:default/payments'],
          },
        },
      });
    },
  );

  it('lets the cost readers read every cost, but not write data', async () => {
    const finance = member('user:default/alice', 'group:default/finance');
    expect(
      await policy.handle(
        { permission: serviceDeliveryCostReadPermission },
        finance,
      ),
    ).toEqual({ result: 'ALLOW' });
    expect(
      (
        await policy.handle(
          { permission: serviceDeliveryWritePermission },
          finance,
        )
      ).result,
    ).toBe('CONDITIONAL');
  });

  it('lets only the cost readers read the cost lines held unattributed', async () => {
    const permission = serviceDeliveryUnattributedCostReadPermission;
    expect(
      await policy.handle(
        { permission },
        member('user:default/alice', 'group:default/finance'),
      ),
    ).toEqual({ result: 'ALLOW' });
    expect(
      await policy.handle({ permission }, member('group:default/payments')),
    ).toEqual({ result: 'DENY' });
  });

  it('denies a service-delivery check that names no entity to everyone but the cost readers', async () => {
    const basicCostRead = createPermission({
      name: serviceDeliveryCostReadPermission.name,
      attributes: { action: 'read' },
    });
    expect(
      await policy.handle(
        { permission: basicCostRead },
        member('group:default/payments'),
      ),
    ).toEqual({ result: 'DENY' });
    expect(
      await policy.handle(
        { permission: basicCostRead },
        member('group:default/finance'),
      ),
    ).toEqual({ result: 'ALLOW' });
  });

  it('leaves what the catalog shows to the catalog', async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect(await policy.handle({ permission: catalogRead }, member())).toEqual({
      result: 'ALLOW',
    });
  });
});
