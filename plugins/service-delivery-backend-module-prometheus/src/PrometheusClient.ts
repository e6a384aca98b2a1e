/**
 * Why a request to Prometheus failed: `unreachable` (no answer, a timeout, a 5xx or 429: worth
 * retrying), `refused` (an answer such as 401 or 404 that retrying will not change) or `query`
 * (Prometheus rejected the PromQL itself).
 */
export type PrometheusFailure = 'unreachable' | 'refused' | 'query';

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

    const text = await response.text();
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
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.code ?? cause?.message ?? String(error);
}
