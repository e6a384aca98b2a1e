import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RELATION_CUSTOMER_OF,
  RELATION_HAS_CUSTOMER,
  RELATION_HAS_PROVIDER,
  RELATION_PROVIDER_OF,
  ValidationMode,
  isServiceDeliveryEntityKind,
  validateEntityServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';

type AgreementParties = { customer?: unknown; provider?: unknown };

/**
 * Validates `spec.serviceDelivery` and emits the relations of its agreements.
 *
 * In `warn` mode an entity with problems is ingested unchanged and the problems are logged (the
 * backend serves them with the entity); in `strict` mode they become processing errors, which keeps
 * the entity out of the catalog (or at its last good version) until they are fixed.
 *
 * @public
 */
export class ServiceDeliveryEntitiesProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      logger: LoggerService;
      validation: ValidationMode;
      tiers: string[];
    },
  ) {}

  getProcessorName(): string {
    return 'ServiceDeliveryEntitiesProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isServiceDeliveryEntityKind(entity.kind)) {
      return entity;
    }
    const serviceDelivery = entity.spec?.serviceDelivery;
    if (serviceDelivery === undefined) {
      return entity;
    }

    const entityRef = stringifyEntityRef(entity);
    const problems = validateEntityServiceDelivery(entity, {
      tiers: this.options.tiers,
    });
    for (const problem of problems) {
      const message = `${entityRef}: ${problem.path}: ${problem.message}`;
      if (this.options.validation === 'strict') {
        emit(processingResult.inputError(location, message));
      } else {
        this.options.logger.warn(
          `Invalid service-delivery metadata: ${message}`,
        );
      }
    }

    this.emitAgreementRelations(entity, emit);
    return entity;
  }

  private emitAgreementRelations(entity: Entity, emit: CatalogProcessorEmit) {
    const serviceDelivery = entity.spec?.serviceDelivery as
      | { agreements?: unknown }
      | undefined;
    const agreements = Array.isArray(serviceDelivery?.agreements)
      ? (serviceDelivery!.agreements as AgreementParties[])
      : [];
    const self = getCompoundEntityRef(entity);
    const context = { defaultKind: 'group', defaultNamespace: self.namespace };
    const seen = new Set<string>();

    const relate = (party: unknown, forward: string, reverse: string) => {
      if (typeof party !== 'string' || party.length === 0) return;
      let target;
      try {
        target = parseEntityRef(party, context);
      } catch {
        return; // reported by the validator
      }
      const key = `${forward}:${stringifyEntityRef(target)}`;
      if (seen.has(key)) return;
      seen.add(key);
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    };

    for (const agreement of agreements) {
      if (!agreement || typeof agreement !== 'object') continue;
      relate(agreement.customer, RELATION_HAS_CUSTOMER, RELATION_CUSTOMER_OF);
      relate(
        agreement.provider ?? entity.spec?.owner,
        RELATION_HAS_PROVIDER,
        RELATION_PROVIDER_OF,
      );
    }
  }
}
