/**
 * Why a request to Prometheus failed: `unreachable` (no answer, a timeout, a 5xx or 429: worth
 * retrying), `refused` (an answer such as 401 or 404 that retrying will not change), `query`
 * (Prometheus rejected the PromQL itself) or `tooLarge` (the answer exceeded the size limit: the
 * query selects too much).
 */
export type PrometheusFailure =
  | 'unreachable'
  | 'refused'
  | 'query'
  | 'tooLarge';

export class PrometheusError extends Error {
  constructor(message: string, readonly failure: PrometheusFailure) {
    super(message);
    this.name = 'PrometheusError';
  }
}

/** One series of a range query: its labels and its finite values by evaluation time (ms). */
export interface RangeSeries {
  labels: Record<string, string>;
  values: Map<number, number>;
}

type ApiResponse = {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      values?: Array<[number, string]>;
    }>;
  };
};

/** The part of the Prometheus HTTP API the provider needs, over native fetch. */
export class PrometheusClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      headers: Record<string, string>;
      timeoutMs: number;
      /** an answer's body is read up to this many bytes, and abandoned beyond */
      maxResponseBytes: number;
    },
  ) {}

  /** `query_range` evaluated at start, start + step, ... up to end (epoch seconds). */
  async queryRange(
    query: string,
    range: { start: number; end: number; step: number },
    signal?: AbortSignal,
  ): Promise<RangeSeries[]> {
    const url = `${this.options.baseUrl}/api/v1/query_range`;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      // POST keeps long queries out of URL length limits
      response = await fetch(url, {
        method: 'POST',
        headers: {
          ...this.options.headers,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          query,
          start: String(range.start),
          end: String(range.end),
          step: String(range.step),
        }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      const reason = timeout.aborted
        ? `no answer within ${this.options.timeoutMs / 1000}s`
        : describeNetworkError(error);
      throw new PrometheusError(`${url}: ${reason}`, 'unreachable');
    }

    const text = await this.readBody(response, url, timeout, signal);
    let body: ApiResponse | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }

    if (response.status === 400 || response.status === 422) {
      throw new PrometheusError(
        body?.error ?? `${response.status} ${response.statusText}`,
        'query',
      );
    }
    if (!response.ok) {
      const detail = body?.error ? `: ${body.error}` : '';
      throw new PrometheusError(
        `${url} answered ${response.status} ${response.statusText}${detail}`,
        response.status >= 500 || response.status === 429
          ? 'unreachable'
          : 'refused',
      );
    }
    if (body?.status !== 'success' || body.data?.resultType !== 'matrix') {
      throw new PrometheusError(
        `${url} answered something other than a Prometheus range-query result`,
        'refused',
      );
    }

    return (body.data.result ?? []).map(series => {
      const values = new Map<number, number>();
      for (const [time, value] of series.values ?? []) {
        const number = Number(value);
        if (Number.isFinite(number)) {
          values.set(Math.round(time * 1000), number);
        }
      }
      return { labels: series.metric ?? {}, values };
    });
  }

  /** The body as text, read as it streams in and abandoned once it exceeds the size limit. */
  private async readBody(
    response: Response,
    url: string,
    timeout: AbortSignal,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const limit = this.options.maxResponseBytes;
    const tooLarge = () =>
      new PrometheusError(
        `${url} answered more than the ${formatBytes(
          limit,
        )} an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
        'tooLarge',
      );
    if (Number(response.headers.get('content-length')) > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let received = 0;
    let text = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > limit) {
          await reader.cancel();
          throw tooLarge();
        }
        text += decoder.decode(value, { stream: true });
      }
    } catch (error) {
      if (error instanceof PrometheusError || signal?.aborted) throw error;
      throw new PrometheusError(
        `${url}: ${
          timeout.aborted
            ? `no whole answer within ${this.options.timeoutMs / 1000}s`
            : describeNetworkError(error)
        }`,
        'unreachable',
      );
    }
    return text + decoder.decode();
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.code ?? cause?.message ?? String(error);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`;
}
