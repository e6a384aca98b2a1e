import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  serviceDeliveryCostReadPermission,
  serviceDeliveryUnattributedCostReadPermission,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';
import { DemoPermissionPolicy } from './permissionPolicy';

const member = (...groups: string[]): PolicyQueryUser => ({
  info: {
    userEntityRef: 'user:development/guest',
    ownershipEntityRefs: ['user:development/guest', ...groups],
  },
  credentials: {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:development/guest' },
  },
});
const payments = member('group:default/payments');
const finance = member('group:default/finance');

const ownedBy = (user: PolicyQueryUser) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims: user.info.ownershipEntityRefs },
});

describe('the demo permission policy', () => {
  const policy = new DemoPermissionPolicy();

  it.each([
    { permission: serviceDeliveryWritePermission },
    { permission: serviceDeliveryCostReadPermission },
  ])(
    "lets a team use $permission.name only on the entities it owns, through the catalog's isEntityOwner",
    async ({ permission }) => {
      expect(await policy.handle({ permission }, payments)).toEqual({
        result: 'CONDITIONAL',
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: ownedBy(payments),
      });
    },
  );

  it('lets only finance and admins read the cost lines held unattributed', async () => {
    const permission = serviceDeliveryUnattributedCostReadPermission;
    expect(await policy.handle({ permission }, finance)).toEqual({
      result: 'ALLOW',
    });
    expect(
      await policy.handle({ permission }, member('group:default/admins')),
    ).toEqual({ result: 'ALLOW' });
    expect(await policy.handle({ permission }, payments)).toEqual({
      result: 'DENY',
    });
  });

  it('lets finance read every cost, but write only for what it owns', async () => {
    expect(
      await policy.handle(
        { permission: serviceDeliveryCostReadPermission },
        finance,
      ),
    ).toEqual({ result: 'ALLOW' });
    expect(
      await policy.handle(
        { permission: serviceDeliveryWritePermission },
        finance,
      ),
    ).toMatchObject({ result: 'CONDITIONAL', conditions: ownedBy(finance) });
  });

  it('lets everyone read the catalog, and allows what it does not know', async () => {
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        payments,
      ),
    ).toEqual({ result: 'ALLOW' });
    expect(
      await policy.handle(
        {
          permission: createPermission({ name: 'other.thing', attributes: {} }),
        },
        payments,
      ),
    ).toEqual({ result: 'ALLOW' });
  });

  it('with readOwnOnly, lets a user read only what their teams own, and the organisation', async () => {
    const own = new DemoPermissionPolicy({ readOwnOnly: true });
    expect(
      await own.handle({ permission: catalogEntityReadPermission }, payments),
    ).toEqual({
      result: 'CONDITIONAL',
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          ownedBy(payments),
          {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['User', 'Group'] },
          },
        ],
      },
    });
  });

  it('with costReaders, lets only their members read cost, of every entity', async () => {
    const readers = new DemoPermissionPolicy({
      costReaders: ['group:default/Finance'],
    });
    expect(
      await readers.handle(
        { permission: serviceDeliveryCostReadPermission },
        finance,
      ),
    ).toEqual({ result: 'ALLOW' });
    // not even the cost of payments' own services (the e2e's cost-permission case)
    expect(
      await readers.handle(
        { permission: serviceDeliveryCostReadPermission },
        payments,
      ),
    ).toEqual({ result: 'DENY' });
  });
});
