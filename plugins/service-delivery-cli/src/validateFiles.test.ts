import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { main } from './index';
import { validateFiles } from './validateFiles';

const examples = path.resolve(__dirname, '../../../examples');

async function writeFiles(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-validate-'));
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

const component = (name: string, serviceDelivery: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: group:payments
  serviceDelivery:
${serviceDelivery
  .trim()
  .split('\n')
  .map(line => `    ${line}`)
  .join('\n')}
`;

describe('validateFiles', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: any) => output.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('passes every file of the examples, with the tiers of app-config', async () => {
    const files = (await fs.readdir(examples))
      .filter(f => f.endsWith('.yaml'))
      .map(f => path.join(examples, f));
    const code = await main([
      '--config',
      path.resolve(examples, '../app-config.yaml'),
      ...files,
    ]);
    expect(output).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports each problem of a multi-document file as file: path: message and exits 1', async () => {
    const dir = await writeFiles({
      'catalog-info.yaml': [
        component(
          'checkout',
          `
agreements:
  - name: retail
    type: SLO
    period: month
    objectives:
      - { name: availability, kind: availability, target: 100.5 }`,
        ),
        component('ledger', 'continuity: { rto: soon }'),
        component('fine', 'tier: tier-1'),
      ].join('---\n'),
    });
    const file = path.join(dir, 'catalog-info.yaml');
    const code = await main([file]);
    expect(code).toBe(1);
    expect(output.join('')).toContain(
      `${file}: component:checkout: spec.serviceDelivery.agreements[0].type: must be one of SLA, OLA, UC`,
    );
    expect(output.join('')).toContain(
      `${file}: component:checkout: spec.serviceDelivery.agreements[0].objectives[0].target:`,
    );
    expect(output.join('')).toContain(
      `${file}: component:ledger: spec.serviceDelivery.continuity.rto:`,
    );
    expect(output.join('')).not.toContain('component:fine');
  });

  it('checks tiers only against a given config', async () => {
    const dir = await writeFiles({
      'a.yaml': component('a', 'tier: platinum'),
      'app-config.yaml':
        'serviceDelivery:\n  tiers:\n    gold: { availability: 99.9 }\n',
    });
    const withoutConfig = await validateFiles([path.join(dir, 'a.yaml')]);
    expect(withoutConfig.problems).toEqual([]);
    const code = await main([
      '--config',
      path.join(dir, 'app-config.yaml'),
      path.join(dir, 'a.yaml'),
    ]);
    expect(code).toBe(1);
    expect(output.join('')).toMatch(
      /a\.yaml: component:a: spec\.serviceDelivery\.tier: .*platinum.*gold/,
    );
  });

  it('follows $yaml references relative to the file', async () => {
    const dir = await writeFiles({
      'catalog-info.yaml': component('split', '$yaml: ./sd/split.yaml'),
      'sd/split.yaml': 'continuity:\n  rto: 2 hours\n',
    });
    const { problems } = await validateFiles([
      path.join(dir, 'catalog-info.yaml'),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'component:split: spec.serviceDelivery.continuity.rto',
      }),
    ]);
  });

  it('resolves $yaml as the catalog does: inside the folder by real path, at most 256 KiB', async () => {
    const dir = await writeFiles({
      'secret.yaml': 'tier: tier-1\n',
      'team/catalog-info.yaml': [
        component('up', '$yaml: ../secret.yaml'),
        component('linked', '$yaml: ./linked.yaml'),
        component('large', '$yaml: ./large.yaml'),
        component('missing', '$yaml: ./sd/missing.yaml'),
        component('remote', '$yaml: https://example.com/sd.yaml'),
      ].join('---\n'),
      'team/large.yaml': `tier: ${'x'.repeat(256 * 1024)}\n`,
    });
    await fs.symlink('../secret.yaml', path.join(dir, 'team', 'linked.yaml'));
    const file = path.join(dir, 'team', 'catalog-info.yaml');
    const { problems } = await validateFiles([file]);
    const at = (name: string) =>
      `component:${name}: spec.serviceDelivery.$yaml`;
    expect(problems).toEqual([
      {
        file,
        path: at('up'),
        message:
          '../secret.yaml is outside the folder of the catalog file; a $yaml file must be in that folder or below it',
      },
      {
        file,
        path: at('linked'),
        message:
          'linked.yaml leads outside the folder of the catalog file through a symbolic link; a $yaml file must be in that folder or below it',
      },
      {
        file,
        path: at('large'),
        message: `large.yaml is larger than 256 KiB, the most a $yaml file may hold (it holds ${
          256 * 1024 + 7
        } bytes)`,
      },
      {
        file,
        path: at('missing'),
        message: `cannot read ${path.join(
          'sd',
          'missing.yaml',
        )}: it does not exist`,
      },
      {
        file,
        path: at('remote'),
        message:
          'names a URL, which only the catalog reads; validate that file on its own',
      },
    ]);
  });

  it('names unreadable files and broken YAML', async () => {
    const dir = await writeFiles({ 'broken.yaml': 'kind: [unclosed\n' });
    const { problems } = await validateFiles([
      path.join(dir, 'broken.yaml'),
      path.join(dir, 'missing.yaml'),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, 'broken.yaml'),
        message: expect.stringContaining('is not valid YAML'),
      }),
      expect.objectContaining({
        file: path.join(dir, 'missing.yaml'),
        message: expect.stringContaining('cannot be read'),
      }),
    ]);
  });

  it('answers usage errors with exit code 2', async () => {
    expect(await main([])).toBe(2);
    expect(await main(['--bogus', 'x.yaml'])).toBe(2);
  });
});
