import { NotFoundError } from '@backstage/errors';
import {
  CostRecord,
  IngestErrorResponse,
  RecordKind,
  isRecordKind,
  recordKinds,
  validateRecords,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { costCurrencyProblems } from '../../disciplines/costCurrency';
import { RouteContext } from '../RouteContext';
import { authorizeIngest } from '../ingestAuthorization';
import {
  recordValidationOptions,
  storeBatch,
  writableRecordProblems,
} from '../../records/recordWrites';

/** POST /v1/ingest/{kind}: a batch validated whole and stored in one transaction. */
export function registerIngestRoutes(router: Router, context: RouteContext) {
  const { httpAuth, permissions, logger } = context;

  router.post('/v1/ingest/:kind', async (req, res) => {
    const kind = req.params.kind;
    if (!isRecordKind(kind)) {
      throw new NotFoundError(
        `Unknown record kind '${kind}': expected one of ${recordKinds.join(
          ', ',
        )}`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const authorization = await authorizeIngest(permissions, credentials);

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
    problems.push(...(entities?.problems ?? []));
    const refusal =
      problems.length === 0
        ? await authorization.refusal(kind, records)
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
    const stored = await storeBatch(context.store, kind, records, {
      credentials,
      at: now,
      entityUids: entities?.uids,
    });
    if ('problems' in stored) {
      res.status(400).json({
        error: `The ${kind} batch was rejected: ${stored.problems.length} record(s) belong to other entities; nothing was stored`,
        problems: stored.problems,
      } satisfies IngestErrorResponse);
      return;
    }
    const { outcome } = stored;
    logger.info(
      `Ingested ${records.length} ${kind} record(s): ${outcome.accepted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged`,
    );
    res.json(outcome);
  });
}
