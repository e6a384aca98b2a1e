import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { yamlPlaceholderResolver } from './yamlPlaceholderResolver';

describe('yamlPlaceholderResolver', () => {
  let root: string;
  let catalogFile: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-yaml-resolver-'));
    await fs.mkdir(path.join(root, 'catalog'));
    catalogFile = path.join(root, 'catalog', 'catalog-info.yaml');
    await fs.writeFile(catalogFile, '');
    await fs.writeFile(
      path.join(root, 'catalog', 'service-delivery.yaml'),
      'tier: tier-1\n',
    );
    await fs.writeFile(path.join(root, 'secret.yaml'), 'password: hunter2\n');
    await fs.symlink(
      '../secret.yaml',
      path.join(root, 'catalog', 'service-delivery-link.yaml'),
    );
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const params = (
    value: unknown,
    baseUrl: string,
    read = jest.fn(),
    emit = jest.fn(),
  ) => ({
    key: 'yaml',
    value: value as any,
    baseUrl,
    read,
    resolveUrl: (url: string, base: string) => new URL(url, base).toString(),
    emit,
  });

  it('inlines a file beside a local catalog file', async () => {
    const read = jest.fn();
    await expect(
      yamlPlaceholderResolver(
        params('./service-delivery.yaml', catalogFile, read),
      ),
    ).resolves.toEqual({ tier: 'tier-1' });
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a symbolic link out of the folder, naming it relative to the catalog file', async () => {
    const error = await yamlPlaceholderResolver(
      params('./service-delivery-link.yaml', catalogFile),
    ).catch(e => e);
    expect(error.message).toBe(
      'Placeholder $yaml: service-delivery-link.yaml leads outside the folder of the catalog file through a symbolic link; a $yaml file must be in that folder or below it',
    );
    expect(error.message).not.toContain(root);
  });

  it('refuses a path out of the folder', async () => {
    await expect(
      yamlPlaceholderResolver(params('../secret.yaml', catalogFile)),
    ).rejects.toThrow(
      'Placeholder $yaml: ../secret.yaml is outside the folder of the catalog file',
    );
  });

  it('reads a URL beside a remote catalog file, at most 256 KiB of it', async () => {
    const emit = jest.fn();
    const small = jest.fn().mockResolvedValue(Buffer.from('tier: tier-2\n'));
    await expect(
      yamlPlaceholderResolver(
        params(
          './sd.yaml',
          'https://git.example.com/payments/catalog-info.yaml',
          small,
          emit,
        ),
      ),
    ).resolves.toEqual({ tier: 'tier-2' });
    expect(small).toHaveBeenCalledWith(
      'https://git.example.com/payments/sd.yaml',
    );
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'refresh',
        key: 'url:https://git.example.com/payments/sd.yaml',
      }),
    );

    const large = jest
      .fn()
      .mockResolvedValue(Buffer.alloc(256 * 1024 + 1, 0x20));
    await expect(
      yamlPlaceholderResolver(
        params(
          './sd.yaml',
          'https://git.example.com/payments/catalog-info.yaml',
          large,
        ),
      ),
    ).rejects.toThrow(
      'Placeholder $yaml: https://git.example.com/payments/sd.yaml is larger than 256 KiB, the most a $yaml file may hold (it holds 262145 bytes)',
    );
  });

  it('expects a string', async () => {
    await expect(
      yamlPlaceholderResolver(params({ path: 'x' }, catalogFile)),
    ).rejects.toThrow('Placeholder $yaml expected a string');
  });
});
