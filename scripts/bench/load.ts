import { readFileSync } from "node:fs";
import autocannon from "autocannon";

// One load run with autocannon; refuses to report a run with errors or
// unexpected statuses (a fast failure is not throughput).

export interface LoadResult {
  requestsPerSecond: number;
  /** CPU time (user + system) the server process spent per request, in ms: steadier than requests/s on a shared machine. */
  cpuMsPerRequest?: number;
  p50: number;
  p99: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  /** The server's process id, to read its CPU time (Linux /proc) around the run. */
  pid?: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A fresh body per request (e.g. a new idempotency key). */
  body?: () => string;
  /** Headers that change per request (e.g. whose session sends it). */
  perRequestHeaders?: () => Record<string, string>;
  connections: number;
  seconds: number;
  expectStatus: (status: number) => boolean;
}

/** User + system CPU time of a process so far, in ms (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    // After the command: state is field 3, utime 14 and stime 15 (in clock ticks, 100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export async function runLoad(label: string, options: LoadOptions): Promise<LoadResult> {
  const unexpected = new Map<number, number>();
  const cpuBefore = cpuMsOf(options.pid);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    requests: [
      {
        method: options.method ?? "GET",
        ...(options.body || options.perRequestHeaders
          ? {
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                ...(options.body ? { body: options.body() } : {}),
                ...(options.perRequestHeaders
                  ? { headers: { ...(request.headers as Record<string, string> | undefined), ...options.perRequestHeaders() } }
                  : {}),
              }),
            }
          : {}),
        onResponse: (status: number) => {
          if (!options.expectStatus(status)) unexpected.set(status, (unexpected.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  if (result.errors || result.timeouts || unexpected.size) {
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, unexpected statuses ${JSON.stringify(Object.fromEntries(unexpected))}`,
    );
  }
  if (!result.requests.total) throw new Error(`${label}: no requests completed`);
  const cpuAfter = cpuMsOf(options.pid);
  const cpuMsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / result.requests.total : undefined;
  return { requestsPerSecond: result.requests.average, cpuMsPerRequest, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}

export interface Comparison {
  app: LoadResult;
  bare: LoadResult;
  rounds: number;
}

/**
 * The app and its bare baseline measured in alternation, round after round,
 * so that whatever else the machine is doing falls on both alike; each figure
 * is the median over the rounds.
 */
export async function compareWithBaseline(
  label: string,
  app: LoadOptions,
  bare: LoadOptions,
  rounds: number,
  onRound: (message: string) => void,
): Promise<Comparison> {
  const appResults: LoadResult[] = [];
  const bareResults: LoadResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    appResults.push(await runLoad(`${label} (app)`, app));
    bareResults.push(await runLoad(`${label} (bare)`, bare));
    onRound(
      `${label} round ${round}/${rounds}: app ${appResults.at(-1)!.requestsPerSecond.toFixed(0)} req/s, bare ${bareResults.at(-1)!.requestsPerSecond.toFixed(0)} req/s`,
    );
  }
  return { app: medianOf(appResults), bare: medianOf(bareResults), rounds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOf(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    cpuMsPerRequest: results.every((r) => r.cpuMsPerRequest !== undefined) ? median(results.map((r) => r.cpuMsPerRequest!)) : undefined,
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
  };
}
