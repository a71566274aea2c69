import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Every route is known to the client up front: no /__manifest round-trips,
  // which an offline-first service worker could not answer after a deploy.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
