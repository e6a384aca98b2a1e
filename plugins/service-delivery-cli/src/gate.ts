import {
  ChangeKind,
  GateResponse,
  canonicalEntityRef,
} from '@service-delivery/plugin-service-delivery-common';
import { ImportOutput } from './importCosts';

const usage = `Usage: service-delivery-gate [options] --change feature|fix <entityRef>

Asks the Service Delivery release gate whether the service may release a change now, under the
error-budget policies of its agreements (GET /api/service-delivery/v1/entities/{ref}/gate). Prints
the answer and its reasons; the backend records who asked.

Options:
  --url <url>       the Backstage backend (default http://localhost:7007)
  --token <token>   a Backstage token that can read the entity in the catalog
                    (default: the SERVICE_DELIVERY_TOKEN environment variable)
  --change <kind>   feature or fix (fixes pass a feature freeze)

The entity is written kind:namespace/name; the kind defaults to component, the namespace to default.
Exits 0 when the change is allowed, 1 when it is denied, 2 on a usage error or when there is no
answer.`;

/** The `service-delivery-gate` command. Resolves to the exit code. */
export async function gateMain(
  argv: string[],
  output: ImportOutput = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
  },
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let url = 'http://localhost:7007';
  let token = env.SERVICE_DELIVERY_TOKEN;
  let change: string | undefined;
  const refs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      output.out(usage);
      return 0;
    }
    if (arg === '--url' || arg === '--token' || arg === '--change') {
      const value = argv[++i];
      if (value === undefined) {
        output.err(`${arg}: it needs a value\n\n${usage}`);
        return 2;
      }
      if (arg === '--url') url = value;
      else if (arg === '--token') token = value;
      else change = value;
    } else if (arg.startsWith('-')) {
      output.err(`Unknown option ${arg}\n\n${usage}`);
      return 2;
    } else {
      refs.push(arg);
    }
  }
  if (change !== 'feature' && change !== 'fix') {
    output.err(
      `--change: ${
        change === undefined ? 'say' : `'${change}' is not a change kind; say`
      } feature or fix\n\n${usage}`,
    );
    return 2;
  }
  if (refs.length !== 1) {
    output.err(usage);
    return 2;
  }
  let entityRef: string;
  try {
    entityRef = canonicalEntityRef(refs[0]);
  } catch (error) {
    output.err(`${refs[0]}: ${(error as Error).message}`);
    return 2;
  }
  return askGate({ url, token, change, entityRef }, output);
}

async function askGate(
  options: {
    url: string;
    token: string | undefined;
    change: ChangeKind;
    entityRef: string;
  },
  output: ImportOutput,
): Promise<number> {
  const [kind, rest] = options.entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const address = `${options.url.replace(
    /\/+$/,
    '',
  )}/api/service-delivery/v1/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}/gate?change=${options.change}`;
  let status: number;
  let body: unknown;
  try {
    const response = await fetch(address, {
      headers: options.token
        ? { authorization: `Bearer ${options.token}` }
        : {},
    });
    status = response.status;
    const text = await response.text();
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  } catch (error) {
    output.err(`Could not reach ${options.url}: ${(error as Error).message}`);
    return 2;
  }
  if (status !== 200 || !isGateResponse(body)) {
    output.err(
      `The gate did not answer for ${
        options.entityRef
      } (HTTP ${status}): ${errorMessage(body)}`,
    );
    return 2;
  }
  const verdict = body.allow ? 'allowed' : 'denied';
  output.out(`${body.change} of ${body.entityRef}: ${verdict}`);
  for (const reason of body.reasons) output.out(`- ${reason}`);
  return body.allow ? 0 : 1;
}

function isGateResponse(body: unknown): body is GateResponse {
  return (
    !!body &&
    typeof body === 'object' &&
    typeof (body as GateResponse).allow === 'boolean' &&
    Array.isArray((body as GateResponse).reasons)
  );
}

function errorMessage(body: unknown): string {
  if (body && typeof body === 'object') {
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
  }
  return String(body).slice(0, 500);
}
