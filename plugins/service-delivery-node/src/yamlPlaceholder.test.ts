import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  maxYamlPlaceholderBytes,
  parseYamlPlaceholder,
  readYamlPlaceholderFile,
  YamlPlaceholderError,
} from './yamlPlaceholder';

describe('readYamlPlaceholderFile', () => {
  let root: string;
  let catalogFile: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-yaml-placeholder-'));
    const catalog = path.join(root, 'catalog');
    await fs.mkdir(path.join(catalog, 'sd'), { recursive: true });
    catalogFile = path.join(catalog, 'catalog-info.yaml');
    const files: Record<string, string> = {
      'secret.yaml': 'password: hunter2\n',
      'catalog/catalog-info.yaml':
        'serviceDelivery: { $yaml: ./service-delivery.yaml }\n',
      'catalog/service-delivery.yaml': 'tier: tier-1\n',
      'catalog/sd/split.yaml': 'continuity: { rto: 1h }\n',
      'catalog/two.yaml': 'tier: tier-1\n---\ntier: tier-2\n',
      'catalog/empty.yaml': '',
      'catalog/broken.yaml': 'tier: [tier-1\n',
      // exactly the limit, and one byte more
      'catalog/exact.yaml': `tier: ${'x'.repeat(
        maxYamlPlaceholderBytes - 7,
      )}\n`,
      'catalog/large.yaml': `tier: ${'x'.repeat(
        maxYamlPlaceholderBytes - 6,
      )}\n`,
    };
    for (const [name, content] of Object.entries(files)) {
      await fs.writeFile(path.join(root, name), content);
    }
    await fs.symlink('../secret.yaml', path.join(catalog, 'link-out.yaml'));
    await fs.symlink('sd/split.yaml', path.join(catalog, 'link-in.yaml'));
    await fs.symlink('..', path.join(catalog, 'up'), 'dir');
    await fs.symlink(root, path.join(catalog, 'sd', 'root'), 'dir');
    await fs.symlink('catalog', path.join(root, 'alias'), 'dir');
    await fs.symlink('missing.yaml', path.join(catalog, 'dangling.yaml'));
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  /** The message of the error reading `reference` fails with; it never names the server's folders. */
  async function failure(reference: string, from = catalogFile) {
    const error = await readYamlPlaceholderFile(from, reference).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(YamlPlaceholderError);
    expect(error.message).not.toContain(root);
    expect(error.message).not.toContain(os.tmpdir());
    return error.message;
  }

  it('reads the one document of a file beside or below the catalog file', async () => {
    await expect(
      readYamlPlaceholderFile(catalogFile, './service-delivery.yaml'),
    ).resolves.toEqual({ tier: 'tier-1' });
    await expect(
      readYamlPlaceholderFile(catalogFile, 'sd/split.yaml'),
    ).resolves.toEqual({ continuity: { rto: '1h' } });
    await expect(
      readYamlPlaceholderFile(catalogFile, 'sd/../service-delivery.yaml'),
    ).resolves.toEqual({ tier: 'tier-1' });
  });

  it('follows a symbolic link that stays inside the folder', async () => {
    await expect(
      readYamlPlaceholderFile(catalogFile, './link-in.yaml'),
    ).resolves.toEqual({ continuity: { rto: '1h' } });
  });

  it('reads beside a catalog file reached through a linked folder', async () => {
    await expect(
      readYamlPlaceholderFile(
        path.join(root, 'alias', 'catalog-info.yaml'),
        './service-delivery.yaml',
      ),
    ).resolves.toEqual({ tier: 'tier-1' });
  });

  it('refuses a path out of the folder, written relative or absolute', async () => {
    const outside =
      '../secret.yaml is outside the folder of the catalog file; a $yaml file must be in that folder or below it';
    expect(await failure('../secret.yaml')).toBe(outside);
    expect(await failure('sd/../../secret.yaml')).toBe(outside);
    expect(await failure(path.join(root, 'secret.yaml'))).toBe(outside);
  });

  it('refuses a symbolic link out of the folder, to a file or through a folder', async () => {
    expect(await failure('./link-out.yaml')).toBe(
      'link-out.yaml leads outside the folder of the catalog file through a symbolic link; a $yaml file must be in that folder or below it',
    );
    expect(await failure('up/secret.yaml')).toBe(
      `${path.join(
        'up',
        'secret.yaml',
      )} leads outside the folder of the catalog file through a symbolic link; a $yaml file must be in that folder or below it`,
    );
    expect(await failure('sd/root/secret.yaml')).toContain(
      'leads outside the folder of the catalog file',
    );
  });

  it('reads a file of exactly 256 KiB and refuses one byte more, saying so', async () => {
    expect((await fs.stat(path.join(root, 'catalog/exact.yaml'))).size).toBe(
      256 * 1024,
    );
    await expect(
      readYamlPlaceholderFile(catalogFile, 'exact.yaml'),
    ).resolves.toEqual({ tier: 'x'.repeat(maxYamlPlaceholderBytes - 7) });
    expect(await failure('large.yaml')).toBe(
      'large.yaml is larger than 256 KiB, the most a $yaml file may hold (it holds 262145 bytes)',
    );
  });

  it('names a missing file, a dangling link and a folder relative to the catalog file', async () => {
    expect(await failure('sd/missing.yaml')).toBe(
      `cannot read ${path.join('sd', 'missing.yaml')}: it does not exist`,
    );
    expect(await failure('dangling.yaml')).toBe(
      'cannot read dangling.yaml: it does not exist',
    );
    expect(await failure('sd')).toBe('sd is not a file');
    expect(await failure('.')).toBe('. is not a file');
  });

  it('names a file of several documents, of none, or of broken YAML', async () => {
    expect(await failure('two.yaml')).toBe(
      'two.yaml must hold exactly one YAML document (found 2)',
    );
    expect(await failure('empty.yaml')).toBe(
      'empty.yaml must hold exactly one YAML document (found 0)',
    );
    expect(await failure('broken.yaml')).toMatch(
      /^broken\.yaml is not valid YAML: /,
    );
  });

  if (process.platform !== 'win32') {
    it('refuses a named pipe at once instead of waiting for a writer', async () => {
      execFileSync('mkfifo', [path.join(root, 'catalog', 'pipe.yaml')]);
      expect(await failure('pipe.yaml')).toBe('pipe.yaml is not a file');
    });
  }
});

describe('parseYamlPlaceholder', () => {
  it('reads one document and refuses more than 256 KiB', () => {
    expect(parseYamlPlaceholder(Buffer.from('tier: tier-1\n'), 'x')).toEqual({
      tier: 'tier-1',
    });
    expect(() =>
      parseYamlPlaceholder(
        Buffer.alloc(maxYamlPlaceholderBytes + 1, 0x20),
        'https://example.com/sd.yaml',
      ),
    ).toThrow(
      'https://example.com/sd.yaml is larger than 256 KiB, the most a $yaml file may hold (it holds 262145 bytes)',
    );
  });
});
