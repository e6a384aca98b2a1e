import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { compositeView, periodComposites } from './availability';

const settings = readServiceDeliverySettings(new ConfigReader({}));

function component(name: string, availability: number, dependsOn: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
      dependsOn,
      serviceDelivery: {
        agreements: [
          {
            name: 'sla',
            period: 'month',
            objectives: [
              { name: 'up', kind: 'availability', target: availability },
            ],
          },
        ],
      },
    },
  } as Entity;
}

const ref = (name: string) => `component:default/${name}`;

/**
 * A root agreeing to 99.99 % over seven dependencies of 99.0 %, 99.1 % … 99.6 %: its ceiling is far
 * below the target, and the dependencies limit it in that order (the least available most).
 */
function sevenDependencies() {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const entities = new Map<string, Entity>([
    [
      ref('root'),
      component(
        'root',
        99.99,
        names.map(n => ref(n)),
      ),
    ],
    ...names.map(
      (name, index) =>
        [ref(name), component(name, 99 + index / 10, [])] as [string, Entity],
    ),
  ]);
  return periodComposites({
    entityOf: r => entities.get(r),
    edgesOf: r => {
      const entity = entities.get(r);
      return {
        dependsOn: (entity?.spec?.dependsOn as string[] | undefined) ?? [],
        redundancy: [],
      };
    },
    incidents: () => undefined,
    period: { start: 0, end: 30 * 86_400_000, elapsedEnd: 86_400_000 },
    settings,
  });
}

describe('compositeView', () => {
  it('names as many limiting dependencies as asked, most limiting first, however often asked', () => {
    const composites = sevenDependencies();
    const view = (limits?: number) =>
      compositeView({
        composites,
        root: ref('root'),
        target: 99.99,
        hasDependencies: true,
        limits,
      });
    const names = (limits?: number) =>
      view(limits).limitingDependencies.map(d => d.entityRef);

    // 0.99 × 0.991 × … × 0.996 = 0.9520 (the root's own 99.99 % is not part of its ceiling)
    expect(view(2).achievable).toBeCloseTo(95.2004, 3);
    expect(view(2).feasibility).toBe('unachievable');
    expect(names(2)).toEqual([ref('a'), ref('b')]);
    // asked for more after fewer: not the shorter list kept from before
    expect(names(5)).toEqual(['a', 'b', 'c', 'd', 'e'].map(ref));
    expect(names(3)).toEqual(['a', 'b', 'c'].map(ref));
    // the Availability tab ranks every one
    expect(names()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(ref));
    expect(names(5)).toEqual(['a', 'b', 'c', 'd', 'e'].map(ref));
  });

  it('names none when the target is within reach, and only the ceiling is worked out', () => {
    const composites = sevenDependencies();
    const view = compositeView({
      composites,
      root: ref('root'),
      target: 95,
      hasDependencies: true,
      limits: 5,
    });
    expect(view.feasibility).toBe('achievable');
    expect(view.limitingDependencies).toEqual([]);
  });
});
