import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AvailabilityResponse,
  CapacityResponse,
  ContinuityResponse,
  CorrectionRecord,
  CostCoverageResponse,
  CostResponse,
  EntityServiceDeliveryResponse,
  ImpactResponse,
  SlaResponse,
  FindingsResponse,
  GateDecisionsResponse,
  IngestResponse,
  OverviewResponse,
  SlaReportResponse,
  UnattributedCostsResponse,
} from '@service-delivery/plugin-service-delivery-common';
import {
  FindingsQuery,
  OverviewQuery,
  SlaReportQuery,
  queryParams,
} from './overviewQuery';
import { operations } from './openapi.generated';
import {
  CapacityWhatIf,
  CostRange,
  PeriodSpec,
  ServiceDeliveryApi,
} from './ServiceDeliveryApi';

/**
 * What an operation of the backend's OpenAPI document takes in its query string (the types are
 * generated from plugins/service-delivery-backend/src/schema/openapi.yaml): a query built with
 * `satisfies QueryOf<…>` fails to compile when it names a parameter the document does not.
 */
type QueryOf<Id extends keyof operations> = NonNullable<
  operations[Id]['parameters']['query']
>;

/**
 * Talks to the Service Delivery backend at `/api/service-delivery/v1`.
 *
 * @public
 */
export class ServiceDeliveryClient implements ServiceDeliveryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntity(
    entityRef: CompoundEntityRef,
  ): Promise<EntityServiceDeliveryResponse> {
    return this.get(entityPath(entityRef));
  }

  async getSla(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<SlaResponse> {
    return this.get(`${entityPath(entityRef)}/sla`, {
      period,
    } satisfies QueryOf<'getSla'>);
  }

  async getAvailability(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<AvailabilityResponse> {
    return this.get(`${entityPath(entityRef)}/availability`, {
      period,
    } satisfies QueryOf<'getAvailability'>);
  }

  async getContinuity(
    entityRef: CompoundEntityRef,
  ): Promise<ContinuityResponse> {
    return this.get(`${entityPath(entityRef)}/continuity`);
  }

  async getImpact(entityRef: CompoundEntityRef): Promise<ImpactResponse> {
    return this.get(`${entityPath(entityRef)}/impact`);
  }

  async addCorrection(correction: CorrectionRecord): Promise<IngestResponse> {
    const response = await this.send('POST', 'ingest/corrections', [
      correction,
    ]);
    return (await response.json()) as IngestResponse;
  }

  async removeCorrection(correction: {
    source: string;
    id: string;
  }): Promise<void> {
    await this.send(
      'DELETE',
      ['records', 'corrections', correction.source, correction.id]
        .map(part => encodeURIComponent(part))
        .join('/'),
    );
  }

  async getGateDecisions(
    entityRef: CompoundEntityRef,
    options: { limit?: number } = {},
  ): Promise<GateDecisionsResponse> {
    return this.get(`${entityPath(entityRef)}/gate/decisions`, {
      limit: options.limit?.toString(),
    });
  }

  async getCost(
    entityRef: CompoundEntityRef,
    range: CostRange = {},
  ): Promise<CostResponse> {
    return this.get(`${entityPath(entityRef)}/cost`, {
      from: range.from,
      to: range.to,
      months: range.months?.toString(),
    } satisfies QueryOf<'getCost'>);
  }

  async getCostFocusCsv(
    entityRef: CompoundEntityRef,
    options: CostRange & { view?: 'showback' | 'chargeback' } = {},
  ): Promise<string> {
    const response = await this.request(
      `${entityPath(entityRef)}/cost/focus.csv`,
      {
        from: options.from,
        to: options.to,
        months: options.months?.toString(),
        view: options.view,
      } satisfies QueryOf<'getCostFocusCsv'>,
    );
    return response.text();
  }

  async getCapacity(
    entityRef: CompoundEntityRef,
    whatIf: CapacityWhatIf = {},
  ): Promise<CapacityResponse> {
    return this.get(`${entityPath(entityRef)}/capacity`, {
      growth: whatIf.growth?.toString(),
      capacityChange: whatIf.capacityChange,
      window: whatIf.window,
    } satisfies QueryOf<'getCapacity'>);
  }

  async getCostCoverage(
    query: {
      month?: string;
      owner?: string[];
      system?: string[];
      domain?: string[];
    } = {},
  ): Promise<CostCoverageResponse> {
    const join = (refs?: string[]) =>
      refs?.length ? refs.join(',') : undefined;
    return this.get('cost/coverage', {
      month: query.month,
      owner: join(query.owner),
      system: join(query.system),
      domain: join(query.domain),
    });
  }

  async getUnattributedCosts(
    month?: string,
  ): Promise<UnattributedCostsResponse> {
    return this.get('cost/unattributed', { month });
  }

  async getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    return this.get('overview', queryParams(query));
  }

  async getFindings(query: FindingsQuery = {}): Promise<FindingsResponse> {
    return this.get('findings', queryParams(query));
  }

  async getSlaReport(query: SlaReportQuery): Promise<SlaReportResponse> {
    return this.get('reports/sla', queryParams(query));
  }

  async getCsv(
    of: 'overview' | 'sla-report',
    query: OverviewQuery | SlaReportQuery,
  ): Promise<string> {
    const response = await this.request(
      of === 'overview' ? 'overview.csv' : 'reports/sla.csv',
      queryParams(query),
    );
    return response.text();
  }

  private async get<T>(
    path: string,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    return (await (await this.request(path, query)).json()) as T;
  }

  private async send(
    method: 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('service-delivery');
    const response = await this.fetchApi.fetch(`${baseUrl}/v1/${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      // an ingest refusal names each problem's field: say them rather than the raw body
      const refused = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (Array.isArray(refused?.problems) && refused.problems.length > 0) {
        throw new Error(
          (refused.problems as Array<{ path: string; message: string }>)
            .map(
              problem => `${problem.path || 'the record'} ${problem.message}`,
            )
            .join('; '),
        );
      }
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async request(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('service-delivery');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) {
        params.set(key, value);
      }
    }
    const search = params.toString();
    const url = `${baseUrl}/v1/${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `entities/{kind}/{namespace}/{name}`, the way the backend routes take an entity. */
function entityPath(entityRef: CompoundEntityRef): string {
  const kind = entityRef.kind.toLocaleLowerCase('en-US');
  const namespace = entityRef.namespace || 'default';
  return ['entities', kind, namespace, entityRef.name]
    .map(part => encodeURIComponent(part))
    .join('/');
}
