import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  RecordKind,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { RetractableKind } from '../../database/ServiceDeliveryStore';
import { writerOf } from '../../records/writers';
import { authorizeEach, mayReadCost } from '../callerScope';
import { RouteContext } from '../RouteContext';
import { auditQuery } from '../queryParameters';

const retractableKinds: RetractableKind[] = [
  'incidents',
  'costs',
  'dr-tests',
  'corrections',
];

/**
 * The audit trail and retraction of measured-data records:
 * - `GET /v1/audit?entityRef=&limit=&cursor=`: the writes of one entity's records, newest first,
 *   `limit` at a time (50 by default, 500 at most); `nextCursor` asks for the page after. Only for
 *   a caller who can read the entity in the catalog (404 otherwise); cost records' writes only
 *   with `service-delivery.cost.read` for it (`costsHidden` says when they were left out).
 * - `DELETE /v1/records/{incidents|costs|dr-tests|corrections}/{source}/{id}`: deletes the record, with
 *   `service-delivery.data.write` for its entity; the audit trail keeps the retraction and who
 *   made it, and the entity's figures are recomputed as after an ingest.
 */
export function registerRecordRoutes(router: Router, context: RouteContext) {
  const { httpAuth, permissions, catalog, store } = context;

  router.get('/v1/audit', async (req, res) => {
    const { entityRef, limit, cursor } = auditQuery(req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const costs = await mayReadCost(permissions, credentials, entityRef);
    const excludeKinds: RecordKind[] = costs ? [] : ['costs'];
    const page = await store.listAudit({
      entityRef,
      limit: limit + 1,
      before: cursor,
      excludeKinds,
    });
    const entries = page.slice(0, limit);
    res.json({
      entityRef,
      entries: entries.map(({ seq: _seq, entityRef: _ref, ...entry }) => entry),
      nextCursor:
        page.length > limit ? String(entries[entries.length - 1].seq) : null,
      ...(costs ? {} : { costsHidden: true }),
    });
  });

  router.delete('/v1/records/:kind/:source/:id', async (req, res) => {
    const { kind, source, id } = req.params;
    if (!retractableKinds.includes(kind as RetractableKind)) {
      throw new InputError(
        `Invalid record kind '${kind}': records are retracted by source and id, which ${retractableKinds.join(
          ', ',
        )} have; an SLI bucket or capacity sample is corrected by sending it again`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const record = { kind: kind as RetractableKind, source, id };
    const entityRef = await store.findRecordEntity(record);
    const notFound = new NotFoundError(
      `No ${kind} record with source '${source}' and id '${id}'`,
    );
    if (!entityRef) throw notFound;
    // a user who cannot read the entity learns nothing of its records
    if (
      (credentials.principal as { type?: string }).type === 'user' &&
      !(await catalog.getEntityByRef(entityRef, { credentials }))
    ) {
      throw notFound;
    }
    const allowed = await authorizeEach({
      permissions,
      permission: serviceDeliveryWritePermission,
      credentials,
      entityRefs: [entityRef],
    });
    if (!allowed.has(entityRef)) {
      throw new NotAllowedError(
        `Retracting a record of ${entityRef} needs the ${serviceDeliveryWritePermission.name} permission for it`,
      );
    }
    const retracted = await store.retract({
      ...record,
      entityRef,
      write: { writtenBy: writerOf(credentials), at: context.now() },
    });
    if (!retracted) throw notFound;
    res.json({ retracted: { ...record, entityRef } });
  });
}
