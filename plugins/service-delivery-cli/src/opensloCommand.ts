import { validateEntityServiceDelivery } from '@service-delivery/plugin-service-delivery-common';
import { promises as fs } from 'fs';
import yaml from 'yaml';
import { ImportOutput } from './importCosts';
import { exportOpenSlo, importOpenSlo } from './openslo';
import { readDeclaringEntities } from './validateFiles';

const usage = `Usage: service-delivery-openslo export [--out <file>] <catalog-info.yaml>...
       service-delivery-openslo import <openslo.yaml>...

export  writes OpenSLO v1 documents for the agreements declared under spec.serviceDelivery: a
        Service per entity, an SLO per objective (its SLI inline: the Prometheus queries, or the
        ingest API as the source), and the burn-rate alerts as AlertPolicies. What OpenSLO has no
        field for (agreement type, parties, dates, support targets) rides in SLO annotations.
import  turns OpenSLO v1 files (Services, SLOs, SLIs) into spec.serviceDelivery snippets, one per
        service, checked with the same validator as the catalog; SLOs that cannot be carried over
        are named with the reason.

Exits 0 when everything was carried over, 1 on problems, 2 on a usage error.`;

const standardOutput: ImportOutput = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

/** `service-delivery-openslo`: export to, or import from, OpenSLO v1. */
export async function opensloMain(
  argv: string[],
  output: ImportOutput = standardOutput,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    output.out(usage);
    return 0;
  }
  let outFile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' || rest[i] === '-o') {
      outFile = rest[++i];
      if (!outFile) {
        output.err(`--out needs a file\n${usage}`);
        return 2;
      }
    } else if (rest[i].startsWith('-')) {
      output.err(`Unknown option ${rest[i]}\n${usage}`);
      return 2;
    } else {
      files.push(rest[i]);
    }
  }
  if ((command !== 'export' && command !== 'import') || files.length === 0) {
    output.err(usage);
    return 2;
  }

  if (command === 'export') {
    const { entities, problems } = await readDeclaringEntities(files);
    for (const p of problems) output.err(`${p.file}: ${p.path}: ${p.message}`);
    const documents = exportOpenSlo(entities.map(e => e.entity));
    const text = documents
      .map(document => yaml.stringify(document, { lineWidth: 0 }))
      .join('---\n');
    if (outFile) {
      await fs.writeFile(outFile, text);
      output.err(`Wrote ${documents.length} OpenSLO documents to ${outFile}`);
    } else {
      output.out(text.trimEnd());
    }
    return problems.length > 0 ? 1 : 0;
  }

  const documents: unknown[] = [];
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      output.err(`${file}: cannot be read: ${error}`);
      failed = true;
      continue;
    }
    for (const document of yaml.parseAllDocuments(text)) {
      if ('errors' in document && document.errors.length > 0) {
        output.err(`${file}: is not valid YAML: ${document.errors[0].message}`);
        failed = true;
        continue;
      }
      documents.push(document.toJSON());
    }
  }
  const imported = importOpenSlo(documents);
  for (const p of imported.problems) output.err(`${p.document}: ${p.message}`);
  for (const service of imported.services) {
    const problems = validateEntityServiceDelivery({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'imported' },
      spec: { serviceDelivery: service.serviceDelivery as any },
    });
    for (const p of problems) {
      output.err(`${service.entity}: ${p.path}: ${p.message}`);
    }
    failed ||= problems.length > 0;
    output.out(
      `# ${service.entity}\n${yaml.stringify(
        { spec: { serviceDelivery: service.serviceDelivery } },
        { lineWidth: 0 },
      )}---`,
    );
  }
  return failed || imported.problems.length > 0 ? 1 : 0;
}
