import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { checkoutEntity } from './__testUtils__/costFixtures';
import { paymentsEntity } from './__testUtils__/fixtures';
import serviceDeliveryPlugin from './alpha';

describe('service-delivery alpha plugin: cost and capacity', () => {
  it.each([
    ['entity-content:service-delivery/cost', '/cost'],
    ['entity-content:service-delivery/capacity', '/capacity'],
  ] as const)('%s mounts at %s and shows only where declared', (id, path) => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(id),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(checkoutEntity)).toBe(true);
    expect(filter?.(paymentsEntity)).toBe(false);
  });
});
