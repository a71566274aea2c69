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
} satisfies Config;
