import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
// the action is tested against the real plugin: its router, permissions and store
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import serviceDeliveryPlugin from '@service-delivery/plugin-service-delivery-backend';
import { createServiceDeliveryGateAction } from './gate';

jest.setTimeout(60_000);

/*
 * Now is 2026-11-23T12:00Z. checkout's retail-sla allows 0.1 % of November's 2,592,000 s = 2,592 s
 * down; a 36-minute outage (2,160 s) leaves 432 s = 16.67 % of the budget, below the policy's 25 %:
 * features are frozen, fixes pass.
 */
const now = Date.parse('2026-11-23T12:00:00Z');

// the clock stands still at `now` (the current period's figures move every second); timers run
jest.useFakeTimers({
  now,
  doNotFake: [
    'nextTick',
    'setImmediate',
    'clearImmediate',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'hrtime',
    'performance',
  ],
});

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: {
      serviceHours: { schedule: '24x7' },
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
          ],
          errorBudgetPolicy: [
            { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
          ],
        },
      ],
    },
  },
};

const frozen =
  'retail-sla/availability has 16.67% of its error budget left, below the 25% of its policy: features are frozen';

describe('service-delivery:gate', () => {
  let baseUrl: string;
  const user = mockCredentials.user('user:default/jane');

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        serviceDeliveryPlugin,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    baseUrl = `http://localhost:${port}/api/service-delivery`;
    const ingest = await fetch(`${baseUrl}/v1/ingest/incidents`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header('user:default/jane'),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify([
        {
          id: 'NOV',
          source: 'pagerduty',
          entityRef: 'component:default/checkout',
          title: 'Checkout down',
          priority: 'P1',
          impact: 'full',
          startedAt: '2026-11-10T10:00:00Z',
          resolvedAt: '2026-11-10T10:36:00Z',
        },
      ]),
    });
    if (ingest.status !== 200) {
      throw new Error(`ingest failed: ${await ingest.text()}`);
    }
  });

  // the token the plugin is called with: the initiator's, as Backstage's auth service makes it
  const getPluginRequestToken = jest.fn(
    async (options: { onBehalfOf: any; targetPluginId: string }) => ({
      token: mockCredentials.user.token(
        options.onBehalfOf.principal.userEntityRef,
      ),
    }),
  );
  const action = () =>
    createServiceDeliveryGateAction({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: { ...mockServices.auth(), getPluginRequestToken } as any,
    });

  const contextFor = (input: Record<string, unknown>) => ({
    ...createMockActionContext({ input: input as any }),
    getInitiatorCredentials: async () => user,
  });

  it('fails the step when the policy freezes the change, with the reasons', async () => {
    const ctx = contextFor({
      entityRef: 'checkout',
      change: 'feature',
    });
    await expect(action().handler(ctx)).rejects.toThrow(
      `The release gate denies this feature of component:default/checkout: ${frozen}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('allow', false);
    expect(ctx.output).toHaveBeenCalledWith('reasons', [frozen]);
    expect(ctx.output).toHaveBeenCalledWith(
      'evaluatedAt',
      '2026-11-23T12:00:00.000Z',
    );
  });

  it('lets a fix through a feature freeze', async () => {
    const ctx = contextFor({
      entityRef: 'component:default/checkout',
      change: 'fix',
    });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allow', true);
    expect(ctx.output).toHaveBeenCalledWith('reasons', [
      `${frozen} (fixes are exempt)`,
    ]);
  });

  it('only reports a denial when failOnDeny is false', async () => {
    const ctx = contextFor({
      entityRef: 'checkout',
      change: 'feature',
      failOnDeny: false,
    });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allow', false);
  });

  it('asks on behalf of the user who runs the template, who is recorded', async () => {
    expect(getPluginRequestToken).toHaveBeenCalledWith({
      onBehalfOf: user,
      targetPluginId: 'service-delivery',
    });
    const decisions = await fetch(
      `${baseUrl}/v1/entities/component/default/checkout/gate/decisions`,
      { headers: { Authorization: mockCredentials.user.header() } },
    ).then(r => r.json());
    expect(
      decisions.decisions.map((d: any) => [d.change, d.allow, d.requestedBy]),
    ).toEqual([
      ['feature', false, 'user:default/jane'],
      ['fix', true, 'user:default/jane'],
      ['feature', false, 'user:default/jane'],
    ]);
  });

  it('names the entity the gate cannot answer for', async () => {
    await expect(
      action().handler(
        contextFor({ entityRef: 'component:default/nowhere', change: 'fix' }),
      ),
    ).rejects.toThrow(
      /^The release gate of component:default\/nowhere did not answer \(404\): /,
    );
  });

  it('refuses an entity reference that is not one', async () => {
    await expect(
      action().handler(
        contextFor({ entityRef: 'component:default/', change: 'fix' }),
      ),
    ).rejects.toThrow(/^Invalid input 'entityRef': /);
  });
});
