import { Readable } from 'node:stream';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  SERVICE_DELIVERY_SEARCH_TYPE,
  entityTabPath,
  type ServiceDeliverySearchFields,
  type Finding,
  type FindingsResponse,
  type OverviewResponse,
  type OverviewRow,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * A Service Delivery search result: an agreement of a service, or an open finding.
 *
 * @public
 */
export type ServiceDeliveryDocument = IndexableDocument &
  ServiceDeliverySearchFields;

/** The overview's and findings' largest page. */
const PAGE_SIZE = 1000;

/**
 * Answers worth asking again: a backend that has just started may not yet know the search plugin's
 * signing key (401), or be too busy (429, 5xx). One failed page would otherwise leave the index
 * without our documents until the next scheduled run.
 */
const TRANSIENT = [401, 429, 500, 502, 503, 504];
const RETRY_DELAYS_MS = [2_000, 10_000, 30_000];

/**
 * Collates the agreements of every service and the open findings, read from the Service Delivery
 * backend with the search plugin's own service credentials. Each document is shown only to those
 * who may read its entity in the catalog.
 *
 * @public
 */
export class ServiceDeliveryCollatorFactory implements DocumentCollatorFactory {
  readonly type = SERVICE_DELIVERY_SEARCH_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** the waits before asking a page again after a transient failure; 2, 10 and 30 s by default */
      retryDelaysMs?: number[];
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<ServiceDeliveryDocument> {
    const baseUrl = `${await this.options.discovery.getBaseUrl(
      'service-delivery',
    )}/v1`;
    const retryDelays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS;
    const get = async <T>(path: string): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        const { token } = await this.options.auth.getPluginRequestToken({
          onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
          targetPluginId: 'service-delivery',
        });
        const response = await fetch(`${baseUrl}/${path}`, {
          headers: { Authorization: `Bearer ${token}` },
        }).catch(error => error as Error);
        if (!(response instanceof Error) && response.ok) {
          return (await response.json()) as T;
        }
        const transient =
          response instanceof Error || TRANSIENT.includes(response.status);
        if (!transient || attempt >= retryDelays.length) {
          throw response instanceof Error
            ? response
            : await ResponseError.fromResponse(response);
        }
        this.options.logger.warn(
          `Service Delivery search: /${path} answered ${
            response instanceof Error ? response.message : response.status
          }; trying again in ${retryDelays[attempt] / 1000} s`,
        );
        await new Promise(resolve => setTimeout(resolve, retryDelays[attempt]));
      }
    };

    const rows = new Map<string, OverviewRow>();
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await get<OverviewResponse>(
        `overview?sort=name&order=asc&offset=${offset}&limit=${PAGE_SIZE}`,
      );
      for (const row of page.rows) {
        rows.set(row.entityRef, row);
        yield* agreementDocuments(row);
      }
      if (page.rows.length < PAGE_SIZE || rows.size >= page.total) break;
    }

    let findings = 0;
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await get<FindingsResponse>(
        `findings?offset=${offset}&limit=${PAGE_SIZE}`,
      );
      for (const finding of page.findings) {
        yield findingDocument(finding, rows.get(finding.entityRef));
      }
      findings += page.findings.length;
      if (page.findings.length < PAGE_SIZE || findings >= page.total) break;
    }
    this.options.logger.info(
      `Service Delivery search: indexed the agreements of ${rows.size} services and ${findings} findings`,
    );
  }
}

/**
 * Search engines key documents by location (Lunr keeps one document per location), and a tab holds
 * several agreements and findings: each gets its own fragment.
 */
function anchor(kind: string, name: string): string {
  return `${kind}-${encodeURIComponent(name)}`;
}

function serviceName(row: OverviewRow | undefined, entityRef: string) {
  return row?.title ?? row?.name ?? entityRef;
}

function agreementDocuments(row: OverviewRow): ServiceDeliveryDocument[] {
  const level = row.serviceLevel;
  if (!level) return [];
  const service = serviceName(row, row.entityRef);
  const location = row.links.sla ?? entityTabPath(row.entityRef, 'sla');
  return level.agreements.map(agreement => {
    const objectives = agreement.objectives
      .map(o => `${o.name} ${o.kind} target ${o.target}%`)
      .join(', ');
    return {
      title: `${service} ${agreement.type}: ${agreement.name}`,
      text: [
        `${agreement.type} ${agreement.name} of ${service} (${row.entityRef})`,
        agreement.customer ? `with ${agreement.customer}` : undefined,
        row.owner ? `provided by ${row.owner}.` : '.',
        objectives ? `Objectives: ${objectives}.` : undefined,
        `Status in ${agreement.period}: ${agreement.status}.`,
      ]
        .filter(Boolean)
        .join(' '),
      location: `${location}#${anchor('agreement', agreement.name)}`,
      documentKind: 'agreement',
      entityRef: row.entityRef,
      owner: row.owner,
      status: agreement.status,
      category: agreement.type,
      authorization: { resourceRef: row.entityRef },
    };
  });
}

function findingDocument(
  finding: Finding,
  row: OverviewRow | undefined,
): ServiceDeliveryDocument {
  const service = serviceName(row, finding.entityRef);
  // the message names other entities, or money, which a reader of this service may not be
  // allowed to see (search checks only that they may read the service): the result then says
  // where to look instead of repeating it
  const namesOthers = (finding.mentions ?? []).some(
    ref => ref !== finding.entityRef,
  );
  const namesMoney = finding.discipline === 'cost' || Boolean(finding.costOf);
  return {
    title: `${service}: ${finding.severity} ${finding.discipline} finding`,
    text:
      namesOthers || namesMoney
      ? `A ${finding.severity} ${finding.discipline} finding on ${service} (${finding.entityRef}); its tab tells what it is.`
      : finding.message,
    location: `${finding.link}#${anchor('finding', finding.id)}`,
    documentKind: 'finding',
    entityRef: finding.entityRef,
    owner: row?.owner ?? null,
    status: finding.severity,
    category: finding.discipline,
    authorization: { resourceRef: finding.entityRef },
  };
}
