import { serviceCreditState } from './serviceCredits';

describe('serviceCreditState', () => {
  const terms = '5% of the monthly fee per 0.1% below target';

  it('owes credits for a breach once the period is over, and holds them pending while it runs', () => {
    expect(
      serviceCreditState({ status: 'breached', periodOver: true, terms }),
    ).toBe('owed');
    expect(
      serviceCreditState({ status: 'breached', periodOver: false, terms }),
    ).toBe('pending');
  });

  it('owes nothing without a breach or without credit terms', () => {
    expect(
      serviceCreditState({ status: 'at-risk', periodOver: true, terms }),
    ).toBe('none');
    expect(serviceCreditState({ status: 'met', periodOver: true, terms })).toBe(
      'none',
    );
    expect(serviceCreditState({ status: 'breached', periodOver: true })).toBe(
      'none',
    );
  });
});
