/**
 * The Northwind Bank demo organisation (examples/) and data for it:
 *
 * - `loadExampleEntities(dir?)` reads the examples' catalog YAML (following `all.yaml`'s Location
 *   targets, resolving `$yaml` placeholders);
 * - `generateMeasuredData({ entities, now, months, seed })` makes deterministic incidents, SLI
 *   counts, costs, capacity samples and DR tests in the shapes of DESIGN §3;
 * - `generateOrganisation({ services, seed })` makes a synthetic organisation for benchmarks.
 *
 * @packageDocumentation
 */

export {
  loadExampleEntities,
  readEntityFile,
  entityRefOf,
  defaultExamplesDir,
} from './entities';
export type { LoadOptions } from './entities';
export { generateMeasuredData } from './measured';
export type { GenerateMeasuredDataOptions } from './measured';
export { DEMO_PLANS, randomPlan } from './plans';
export type { EntityPlan } from './plans';
export { DEFAULT_TIERS } from './declared';
export type { TierPolicy } from './declared';
export { generateOrganisation } from './organisation';
export type { GenerateOrganisationOptions } from './organisation';
export { mulberry32, hashString, Random } from './random';
export type {
  EntityLike,
  Priority,
  Impact,
  IncidentRecord,
  SliRecord,
  CostCategory,
  CostRecord,
  CapacityRecord,
  DrTestRecord,
  CorrectionRecord,
  MeasuredData,
} from './types';
