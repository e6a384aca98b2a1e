import { Agreement } from '@service-delivery/plugin-service-delivery-common';
import { objectivesOf } from './declared';

describe('objectivesOf', () => {
  it('leaves out objectives whose target cannot be measured against', () => {
    const agreement = {
      name: 'checkout',
      type: 'SLA',
      objectives: [
        { name: 'up', kind: 'availability', target: 99.9 },
        { name: 'all', kind: 'availability', target: 100 },
        { name: 'over', kind: 'availability', target: 150 },
        { name: 'zero', kind: 'availability', target: 0 },
        { name: 'text', kind: 'availability', target: '99.9' },
        null,
      ],
    } as unknown as Agreement;
    expect(objectivesOf(agreement).map(o => o.name)).toEqual(['up', 'all']);
  });
});
