import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  IngestErrorResponse,
  RecordProblem,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';
import { authorizeEach } from './callerScope';

const PERMISSION = serviceDeliveryWritePermission.name;

/**
 * Authorises writing measured data, in two steps. Before the body is read, a caller the policy
 * refuses for every entity is answered 403 at once, and one it allows for every entity passes;
 * when the policy's answer depends on the entity, `recordsRefused` checks the records once read.
 */
export async function authorizeIngest(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<{
  /**
   * Whether the caller may write data for every entity: only such a caller's cost lines for
   * entities the catalog does not know are held unattributed (the others are refused).
   */
  everyEntity: boolean;
  /** 403's answer naming every record the caller may not write; undefined when all may be */
  refusal(
    kind: string,
    records: ReadonlyArray<{ entityRef: string }>,
  ): Promise<IngestErrorResponse | undefined>;
}> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: serviceDeliveryWritePermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.DENY) {
    throw new NotAllowedError(
      `Writing service-delivery data needs the ${PERMISSION} permission`,
    );
  }
  if (decision.result === AuthorizeResult.ALLOW) {
    return { everyEntity: true, refusal: async () => undefined };
  }
  return {
    everyEntity: false,
    // the distinct entities of the batch in one batch of checks; each record of a refused one named
    async refusal(kind, records) {
      const allowed = await authorizeEach({
        permissions,
        permission: serviceDeliveryWritePermission,
        credentials,
        entityRefs: records.map(record => record.entityRef),
      });
      const problems: RecordProblem[] = records.flatMap((record, index) =>
        allowed.has(record.entityRef)
          ? []
          : [
              {
                index,
                path: 'entityRef',
                message: `the ${PERMISSION} permission does not allow writing data for ${record.entityRef}`,
              },
            ],
      );
      if (problems.length === 0) return undefined;
      return {
        error: `The ${kind} batch was refused: ${problems.length} record(s) name entities the caller may not write data for; nothing was stored`,
        problems,
      };
    },
  };
}
