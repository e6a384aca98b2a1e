import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ReactElement } from 'react';
import { ServiceDeliveryApi, serviceDeliveryApiRef } from '../api';

/** A ServiceDeliveryApi whose methods are jest mocks, answering with the given values. */
export function mockServiceDeliveryApi(
  overrides: Partial<ServiceDeliveryApi> = {},
): jest.Mocked<ServiceDeliveryApi> {
  return {
    getEntity: jest.fn(),
    getSla: jest.fn(),
    getAvailability: jest.fn(),
    getContinuity: jest.fn(),
    getImpact: jest.fn(),
    getGateDecisions: jest.fn().mockResolvedValue({ decisions: [] }),
    getCost: jest.fn(),
    getCostFocusCsv: jest.fn(),
    getCapacity: jest.fn(),
    getOverview: jest.fn(),
    getFindings: jest.fn(),
    getSlaReport: jest.fn(),
    getCsv: jest.fn(),
    getCostCoverage: jest.fn().mockResolvedValue({
      month: '2026-11',
      scope: 'organisation',
      coverage: [],
      unattributed: null,
    }),
    getUnattributedCosts: jest
      .fn()
      .mockResolvedValue({ month: '2026-11', totals: [], lines: [] }),
    ...overrides,
  } as jest.Mocked<ServiceDeliveryApi>;
}

/** Renders an entity page element in a test app, with the entity and the API in place. */
export function renderForEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    api: ServiceDeliveryApi;
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider apis={[[serviceDeliveryApiRef, options.api]]}>
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

/** The text of the empty-state guide titled `title`: its explanation and code, as one string. */
export function guideText(title: string): string {
  return (
    screen.getByRole('region', { name: title }).textContent ?? ''
  ).replace(/\s+/g, ' ');
}
