import { request as httpRequest, createServer, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";

// A reverse proxy in front of one or more app instances, for testing the app
// as it is deployed: it behaves like nginx's default `proxy_pass
// http://<upstream>` — the Host header becomes the upstream's address, the
// client's address is appended to X-Forwarded-For ($proxy_add_x_forwarded_for),
// no X-Forwarded-Proto or X-Forwarded-Host is added — and it spreads requests
// over the instances in turn.

export interface ForwardingProxy {
  url: string;
  /** Which instance (index into the targets) answered each request, in order. */
  servedBy: number[];
  close(): Promise<void>;
}

export interface ForwardingProxyOptions {
  /**
   * The client address the proxy appends to X-Forwarded-For; default the
   * socket's. Lets a test play several clients from one machine.
   */
  clientAddress?: (request: IncomingMessage) => string;
}

export async function startForwardingProxy(targets: readonly string[], options: ForwardingProxyOptions = {}): Promise<ForwardingProxy> {
  const servedBy: number[] = [];
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    const target = new URL(targets[index]!);
    const headers = { ...incoming.headers };
    headers.host = target.host;
    const client = options.clientAddress?.(incoming) ?? incoming.socket.remoteAddress ?? "unknown";
    const forwarded = incoming.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${[forwarded].flat().join(", ")}, ${client}` : client;
    delete headers.connection;
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers, agent: false },
      (response) => {
        servedBy.push(index);
        outgoing.writeHead(response.statusCode ?? 502, response.statusMessage, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    servedBy,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are — a method fetch() refuses (TRACE), a request
 * target in absolute form, no Host or a broken one — and reads the answer
 * until the server closes (send "Connection: close" or HTTP/1.0).
 */
export function rawHttp(url: string, text: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = raw.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}
