import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

// What a page makes the browser download from our build: every script,
// module preload and stylesheet the served HTML names, read from build/client
// and compressed as a server or CDN would send it.

export interface Payload {
  jsGzip: number;
  jsBrotli: number;
  cssGzip: number;
  cssBrotli: number;
  files: number;
}

export function assetsOf(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) found.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0])?.[1];
    if (href) found.add(href);
  }
  for (const match of html.matchAll(/import\("([^"]+\.js)"\)/g)) found.add(match[1]!);
  return [...found].filter((url) => url.startsWith("/"));
}

export function payloadOf(html: string, clientDirectory: string): Payload {
  const payload: Payload = { jsGzip: 0, jsBrotli: 0, cssGzip: 0, cssBrotli: 0, files: 0 };
  for (const url of assetsOf(html)) {
    const file = path.join(clientDirectory, decodeURIComponent(url.split("?")[0]!));
    const bytes = readFileSync(file);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes).length;
    if (file.endsWith(".js")) {
      payload.jsGzip += gzip;
      payload.jsBrotli += brotli;
    } else if (file.endsWith(".css")) {
      payload.cssGzip += gzip;
      payload.cssBrotli += brotli;
    } else continue;
    payload.files += 1;
  }
  return payload;
}
