/**
 * Command-line tools for Service Delivery: the validator of `spec.serviceDelivery` in
 * catalog-info.yaml files, and the importer of finance cost exports.
 *
 * @packageDocumentation
 */

import { readTiers, validateFiles } from './validateFiles';

const usage = `Usage: service-delivery-validate [--config app-config.yaml] <catalog-info.yaml>...

Checks spec.serviceDelivery of every Component, System and Resource in the files (multi-document
YAML; \`$yaml\` references are followed). With --config, tiers are checked against the
serviceDelivery.tiers the app-config defines. Prints one \`file: path: message\` line per problem;
exits 1 when there are problems, 0 when every file is clean.`;

export async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      return 0;
    } else if (arg === '--config' || arg === '-c') {
      configFile = argv[++i];
      if (!configFile) {
        process.stderr.write(`--config needs a file\n${usage}\n`);
        return 2;
      }
    } else if (arg.startsWith('-')) {
      process.stderr.write(`Unknown option ${arg}\n${usage}\n`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }

  const config = configFile ? await readTiers(configFile) : { problems: [] };
  const { problems, entities } = await validateFiles(files, {
    tiers: 'tiers' in config ? config.tiers : undefined,
  });
  const all = [...config.problems, ...problems];
  for (const problem of all) {
    const where = problem.path ? `${problem.path}: ` : '';
    process.stdout.write(`${problem.file}: ${where}${problem.message}\n`);
  }
  process.stderr.write(
    `${files.length} file(s), ${entities} entit${
      entities === 1 ? 'y' : 'ies'
    } with serviceDelivery, ${all.length} problem(s)\n`,
  );
  return all.length > 0 ? 1 : 0;
}

export { validateFiles, readTiers } from './validateFiles';
export { importCosts, importCostsMain } from './importCosts';
export { gateMain } from './gate';
export { opensloMain } from './opensloCommand';
export { exportOpenSlo, importOpenSlo, openSloName } from './openslo';
export type { OpenSloDocument, OpenSloImport } from './openslo';
export type { CatalogFileEntity, DeclaringEntity } from './validateFiles';
export { readDeclaringEntities } from './validateFiles';
export type { ImportCostsOptions, ImportOutput } from './importCosts';
export { parseCsv, CsvError } from './csv';
export type { CsvRow } from './csv';
export { mapCostRows } from './focusCosts';
export type { CostColumns, MappedCosts, RowProblem } from './focusCosts';
export type { FileProblem } from './validateFiles';
