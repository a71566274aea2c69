import path from "node:path";
import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Every route is known to the client up front: no /__manifest round-trips,
  // which an offline-first service worker could not answer after a deploy.
  routeDiscovery: { mode: "initial" },
  // With Referrer-Policy: no-referrer, browsers send "Origin: null" on plain
  // form posts (JavaScript off). server/security.ts has already refused
  // cross-site writes by Origin and Sec-Fetch-Site before React Router runs.
  allowedActionOrigins: ["null"],
  // The service worker is built over the finished client build (docs/decisions/0300).
  async buildEnd({ reactRouterConfig }) {
    const { buildServiceWorker } = await import("./app/sw/build.ts");
    const clientDirectory = path.join(reactRouterConfig.buildDirectory, "client");
    const { count, size } = await buildServiceWorker(clientDirectory);
    process.stdout.write(`service worker: ${count} files precached (${Math.round(size / 1024)} kB)\n`);
  },
} satisfies Config;
