import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  apiEntity,
  messageBusEntity,
  webBankingEntity,
} from './__testUtils__/continuityFixtures';
import serviceDeliveryPlugin from './alpha';

describe('service-delivery alpha plugin: continuity', () => {
  it('mounts the Continuity tab for declared continuity and for any component, resource or system', () => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(
        'entity-content:service-delivery/continuity',
      ),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/continuity');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(webBankingEntity)).toBe(true);
    expect(filter?.(messageBusEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);
  });
});
