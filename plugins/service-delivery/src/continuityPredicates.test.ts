import {
  apiEntity,
  messageBusEntity,
  webBankingEntity,
} from './__testUtils__/continuityFixtures';
import { isBlastRadiusAvailable, isContinuityAvailable } from './predicates';

describe('continuity predicates', () => {
  it('offers the blast radius on every component, resource and system', () => {
    expect(isBlastRadiusAvailable(webBankingEntity)).toBe(true);
    expect(isBlastRadiusAvailable(messageBusEntity)).toBe(true);
    expect(
      isBlastRadiusAvailable({ ...messageBusEntity, kind: 'System' }),
    ).toBe(true);
    expect(isBlastRadiusAvailable(apiEntity)).toBe(false);
    expect(isBlastRadiusAvailable({ ...apiEntity, kind: 'Group' })).toBe(false);
  });

  it('offers the continuity figures only where continuity is declared', () => {
    expect(isContinuityAvailable(webBankingEntity)).toBe(true);
    expect(isContinuityAvailable(messageBusEntity)).toBe(false);
  });
});
