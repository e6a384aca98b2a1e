import { NotFoundError } from '@backstage/errors';
import {
  CostRecord,
  IngestErrorResponse,
  RecordKind,
  isRecordKind,
  recordKinds,
  validateRecords,
} from '@service-delivery/plugin-service-delivery-common';
import { RequestHandler, Response, Router } from 'express';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { IngestTraffic } from '../../overview/IngestTraffic';
import { costCurrencyProblems } from '../../disciplines/costCurrency';
import { RouteContext } from '../RouteContext';
import { authorizeIngest } from '../ingestAuthorization';
import { IngestOutcome } from '../../database/ServiceDeliveryStore';
import {
  recordValidationOptions,
  storeBatch,
  storeCostBatch,
  writableRecordProblems,
} from '../../records/recordWrites';

type IngestCaller = {
  credentials: BackstageCredentials;
  authorization: Awaited<ReturnType<typeof authorizeIngest>>;
};

/**
 * Runs before an ingest's body is read: the caller is authenticated and a caller the policy refuses
 * for every entity is answered 403 without its body being read. The request counts as ingest
 * traffic, which the overview's refresh waits for, from its start; a refused one stops counting with
 * its answer, so a caller who may not write cannot slow the refresh by keeping a request open.
 */
export function authorizeIngestsFirst(
  context: RouteContext,
  traffic?: Pick<IngestTraffic, 'begin'>,
): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/ingest/')) {
      next();
      return;
    }
    // counted from now, so that the refresh does not compute rows while the caller is
    // authorised; a refused caller's answer comes before its body is read, and ends the count
    if (traffic) res.on('close', traffic.begin());
    (async () => {
      const credentials = await context.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const authorization = await authorizeIngest(
        context.permissions,
        credentials,
      );
      res.locals.ingestCaller = {
        credentials,
        authorization,
      } satisfies IngestCaller;
    })().then(() => next(), next);
  };
}

function ingestCaller(res: Response): IngestCaller {
  const caller = res.locals.ingestCaller as IngestCaller | undefined;
  if (!caller) {
    throw new Error('Ingest routes need authorizeIngestsFirst ahead of them');
  }
  return caller;
}

/** POST /v1/ingest/{kind}: a batch validated whole and stored in one transaction. */
export function registerIngestRoutes(router: Router, context: RouteContext) {
  const { logger } = context;

  router.post('/v1/ingest/:kind', async (req, res) => {
    const kind = req.params.kind;
    if (!isRecordKind(kind)) {
      throw new NotFoundError(
        `Unknown record kind '${kind}': expected one of ${recordKinds.join(
          ', ',
        )}`,
      );
    }
    const { credentials, authorization } = ingestCaller(res);

    const now = context.now();
    const { records, problems } = validateRecords(
      kind as RecordKind,
      req.body,
      recordValidationOptions(context.settings, now),
    );
    if (kind === 'costs' && problems.length === 0) {
      problems.push(
        ...(await costCurrencyProblems(records as CostRecord[], {
          currencies: context.costCurrencies,
          credentials,
          settings: context.settings,
        })),
      );
    }
    const entities =
      problems.length === 0
        ? await writableRecordProblems(context, records, credentials)
        : undefined;
    // a cost line for an entity the catalog does not know is held unattributed, when the caller
    // may write for every entity; anyone else is told the entity is unknown
    const unattributedRefs =
      kind === 'costs' && authorization.everyEntity && entities
        ? entities.unknownToCatalog
        : new Set<string>();
    problems.push(
      ...(entities?.problems ?? []).filter(
        problem =>
          !unattributedRefs.has(
            (records[problem.index] as { entityRef: string }).entityRef,
          ),
      ),
    );
    const refusal =
      problems.length === 0
        ? await authorization.refusal(
            kind,
            (records as Array<{ entityRef: string }>).filter(
              record => !unattributedRefs.has(record.entityRef),
            ),
          )
        : undefined;
    if (refusal) {
      res.status(403).json(refusal);
      return;
    }
    if (problems.length > 0) {
      const body: IngestErrorResponse = {
        error: `The ${kind} batch was rejected: ${problems.length} problem(s); nothing was stored`,
        problems,
      };
      res.status(400).json(body);
      return;
    }
    const write = { credentials, at: now, entityUids: entities?.uids };
    const stored =
      kind === 'costs'
        ? await storeCostBatch(
            context.store,
            records as CostRecord[],
            unattributedRefs,
            write,
          )
        : await storeBatch(context.store, kind as RecordKind, records, write);
    if ('problems' in stored) {
      res.status(400).json({
        error: `The ${kind} batch was rejected: ${stored.problems.length} record(s) belong to other entities; nothing was stored`,
        problems: stored.problems,
      } satisfies IngestErrorResponse);
      return;
    }
    const outcome: IngestOutcome & { unattributed?: IngestOutcome } =
      stored.outcome;
    logger.info(
      `Ingested ${records.length} ${kind} record(s): ${outcome.accepted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged`,
    );
    if (outcome.unattributed) {
      const held = [...unattributedRefs].sort();
      if (held.length > 0) {
        logger.info(
          `Held cost lines of ${held.length} entities the catalog does not know as unattributed`,
        );
      }
      res.json({
        ...outcome,
        unattributed: { ...outcome.unattributed, entityRefs: held },
      });
      return;
    }
    res.json(outcome);
  });
}
