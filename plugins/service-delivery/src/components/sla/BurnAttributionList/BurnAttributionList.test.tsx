import { screen, within } from '@testing-library/react';
import { SlaResponse } from '@service-delivery/plugin-service-delivery-common';
import { paymentsEntity, slaResponse } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { SlaContent } from '../SlaContent';

/** The fixture's October, still running, with its objectives' burn attributed to dependencies. */
function withAttribution(measuredUntil: string): SlaResponse {
  const [agreement] = slaResponse.agreements;
  const [availability, successRate] = agreement.objectives;
  return {
    ...slaResponse,
    period: { ...slaResponse.period, measuredUntil },
    agreements: [
      {
        ...agreement,
        period: '2026-10',
        objectives: [
          {
            ...availability,
            burnAttribution: {
              unit: 'seconds',
              dependencies: [
                {
                  entityRef: 'component:default/message-bus',
                  share: 0.62,
                  seconds: 1004.4,
                },
                {
                  group: ['resource:default/db-a', 'resource:default/db-b'],
                  share: 0.1,
                  seconds: 162,
                },
              ],
              unexplained: { share: 0.28, seconds: 453.6 },
              exact: true,
            },
          },
          {
            ...successRate,
            burnAttribution: {
              unit: 'events',
              dependencies: [
                {
                  entityRef: 'component:default/message-bus',
                  share: { low: 0.2, high: 0.35 },
                  events: { low: 948, high: 1660 },
                },
              ],
              unexplained: {
                share: { low: 0.65, high: 0.8 },
                events: { low: 3082, high: 3794 },
              },
              exact: false,
            },
          },
        ],
      },
    ],
  };
}

async function renderAttribution(response: SlaResponse) {
  const api = mockServiceDeliveryApi({
    getSla: jest.fn().mockResolvedValue(response),
  });
  await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
  await screen.findByText('retail-sla');
  return screen.queryByRole('region', {
    name: 'Budget burned during dependency outages',
  });
}

function objectivePart(section: HTMLElement, name: string) {
  return within(
    section.querySelector(`[data-objective="${name}"]`) as HTMLElement,
  );
}

describe('BurnAttributionList on the SLA tab', () => {
  it('says, per objective, how much of the running month’s budget burned during each dependency’s outages', async () => {
    const section = await renderAttribution(
      withAttribution('2026-10-20T12:00:00.000Z'),
    );
    expect(section).not.toBeNull();

    const availability = objectivePart(section!, 'availability');
    expect(
      availability.getByText(
        "62% of this month's budget burned during message-bus outages",
      ),
    ).toBeInTheDocument();
    expect(availability.getByText('(16m 44s)')).toBeInTheDocument();
    expect(
      availability.getByText(
        "10% of this month's budget burned during any of db-a, db-b outages",
      ),
    ).toBeInTheDocument();
    expect(
      availability.getByText('28% burned while no dependency was out'),
    ).toBeInTheDocument();
    expect(availability.queryByText(/^Bounds/)).not.toBeInTheDocument();

    // bucketed objectives are only known within bounds, and say so
    const successRate = objectivePart(section!, 'success-rate');
    expect(
      successRate.getByText(
        "between 20% and 35% of this month's budget burned during message-bus outages",
      ),
    ).toBeInTheDocument();
    expect(
      successRate.getByText('(between 948 and 1,660 events)'),
    ).toBeInTheDocument();
    expect(
      successRate.getByText(
        'between 65% and 80% burned while no dependency was out',
      ),
    ).toBeInTheDocument();
    expect(successRate.getByText(/^Bounds/)).toBeInTheDocument();
  });

  it('names a period that is over by its label', async () => {
    const section = await renderAttribution(
      withAttribution(slaResponse.period.end),
    );
    expect(
      within(section!).getByText(
        '62% of the 2026-10 budget burned during message-bus outages',
      ),
    ).toBeInTheDocument();
  });

  it('is not shown when no objective has an attribution', async () => {
    expect(await renderAttribution(slaResponse)).toBeNull();
  });
});
