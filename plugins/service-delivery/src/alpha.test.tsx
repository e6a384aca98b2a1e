import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { paymentsEntity, undeclaredEntity } from './__testUtils__/fixtures';
import serviceDeliveryPlugin from './alpha';

describe('service-delivery alpha plugin', () => {
  it('is the service-delivery plugin', () => {
    expect(serviceDeliveryPlugin.pluginId).toBe('service-delivery');
  });

  it.each([
    ['entity-content:service-delivery/sla', '/sla'],
    ['entity-content:service-delivery/availability', '/availability'],
  ] as const)('%s mounts at %s and shows only where declared', (id, path) => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(id),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsEntity)).toBe(true);
    expect(filter?.(undeclaredEntity)).toBe(false);
  });

  it('offers the summary card on entities with service-delivery metadata', () => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(
        'entity-card:service-delivery/summary',
      ),
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(undeclaredEntity)).toBe(true);
    expect(filter?.({ ...undeclaredEntity, spec: { type: 'service' } })).toBe(
      false,
    );
  });
});
