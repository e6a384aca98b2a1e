import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Fails, saying how to fix it, when the machine lacks Prometheus. */
export function requirePrometheus(): void {
  for (const binary of ['prometheus', 'promtool']) {
    const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) {
      throw new Error(
        `These tests run a real Prometheus server, but '${binary}' is not installed. ` +
          `Install Debian's prometheus package: apt-get install -y prometheus (scripts/check.sh installs it when run as root).`,
      );
    }
  }
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real Prometheus on a loopback port, its TSDB filled beforehand from OpenMetrics text with
 * `promtool tsdb create-blocks-from openmetrics`, so what it answers is known and needs no
 * scraping. It can be stopped and started again on the same port and storage.
 */
export class PrometheusServer {
  private process: ChildProcess | undefined;
  private output = '';

  static async create(openMetrics: string): Promise<PrometheusServer> {
    requirePrometheus();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-prometheus-'));
    const input = path.join(dir, 'metrics.om');
    const storage = path.join(dir, 'data');
    await fs.writeFile(input, openMetrics);
    const blocks = spawnSync(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, storage],
      { encoding: 'utf8' },
    );
    if (blocks.status !== 0) {
      throw new Error(
        `promtool could not create TSDB blocks: ${
          blocks.stderr || blocks.error
        }`,
      );
    }
    const config = path.join(dir, 'prometheus.yml');
    // nothing to scrape: every sample comes from the blocks
    await fs.writeFile(config, 'global:\n  scrape_interval: 1m\n');
    return new PrometheusServer(dir, config, storage, await freeLoopbackPort());
  }

  private constructor(
    private readonly dir: string,
    private readonly config: string,
    private readonly storage: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(
      'prometheus',
      [
        `--config.file=${this.config}`,
        `--storage.tsdb.path=${this.storage}`,
        // retention counts back from the newest block, and the blocks reach into the future
        '--storage.tsdb.retention.time=10y',
        `--web.listen-address=127.0.0.1:${this.port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', chunk => (this.output += chunk));
    child.stderr!.on('data', chunk => (this.output += chunk));
    this.process = child;

    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        break;
      }
      try {
        const response = await fetch(`${this.url}/-/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`Prometheus did not become ready:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** An instant query's values (one per series), for comparing with what the provider stored. */
  async query(expression: string, atMs: number): Promise<number[]> {
    const response = await fetch(`${this.url}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({
        query: expression,
        time: String(atMs / 1000),
      }),
    });
    const body = await response.json();
    if (body.status !== 'success') {
      throw new Error(`Prometheus refused ${expression}: ${body.error}`);
    }
    return body.data.result.map((series: { value: [number, string] }) =>
      Number(series.value[1]),
    );
  }

  async dispose(): Promise<void> {
    await this.stop();
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
