import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, type AgentOptions } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

// A push subscription names a URL the server will connect to when it sends a
// warning, and anyone with an account can post one. Unchecked, that makes the
// server a proxy into its own network (SSRF). So an endpoint is accepted only
// on the push services browsers use (by host name, on the default port), never
// as an IP literal; and when a push is sent, the host name must still be
// allowed and may not resolve to a loopback, private or otherwise internal
// address — checked on the address the connection really uses, so a DNS
// answer that changes after the check cannot slip past it.
// See docs/decisions/0720.

/** The push services of Chrome/Edge/Opera/Samsung (FCM), Firefox, Safari and Windows. */
export const BROWSER_PUSH_SERVICES = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com"] as const;

export interface PushEndpointPolicy {
  /** Host patterns accepted besides the browsers' (PUSH_ALLOWED_HOSTS): "host", "*.domain", optionally ":port". */
  allowedHosts: readonly string[];
  /** Tests only (refused in production): the host may resolve to loopback or private addresses. */
  allowPrivateNetwork: boolean;
}

export type EndpointRefusal = "not_a_url" | "not_https" | "credentials" | "ip_literal" | "host_not_allowed";

/** Why this endpoint is not accepted, or null when it is. */
export function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy): EndpointRefusal | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "not_a_url";
  }
  if (url.protocol !== "https:") return "not_https";
  if (url.username || url.password) return "credentials";
  const host = hostOf(url);
  if (isIP(host)) return "ip_literal";
  const port = url.port;
  const patterns = [...BROWSER_PUSH_SERVICES, ...policy.allowedHosts];
  return patterns.some((pattern) => hostMatches(pattern, host, port)) ? null : "host_not_allowed";
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
}

function hostMatches(pattern: string, host: string, port: string): boolean {
  const [name = "", patternPort = ""] = pattern.toLowerCase().split(":");
  // The default port unless the pattern names another.
  if (port !== patternPort && !(port === "" && patternPort === "443")) return false;
  if (name.startsWith("*.")) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
  return host === name;
}

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are checked against the IPv4 rules by BlockList itself;
// a rule for ::ffff:0:0/96 would match every IPv4 address too.
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** Whether an address is loopback, private, link-local or otherwise not on the public internet. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, "ipv4");
  if (family !== 6) return true;
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits.
  const nat64 = /^64:ff9b::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (nat64) {
    const value = (parseInt(nat64[1]!, 16) << 16) | parseInt(nat64[2]!, 16);
    return internal.check([24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join("."), "ipv4");
  }
  const dotted = /^64:ff9b::(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return internal.check(dotted[1]!, "ipv4");
  // ::ffff:a.b.c.d and the rest.
  return internal.check(address, "ipv6");
}

export class InternalAddressError extends Error {
  readonly code = "EPUSHINTERNAL";
  constructor(host: string) {
    super(`push endpoint host ${host} resolves to an internal address; refused`);
  }
}

/** A DNS lookup for the HTTPS agent that refuses internal addresses unless the policy allows them. */
export function guardedLookup(policy: Pick<PushEndpointPolicy, "allowPrivateNetwork">): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, "", 0);
        return;
      }
      const list = addresses as LookupAddress[];
      const usable = policy.allowPrivateNetwork ? list : list.filter((entry) => !isInternalAddress(entry.address));
      // One internal answer among public ones is refused too: the resolver is not to be trusted then.
      if (usable.length === 0 || usable.length !== list.length) {
        callback(new InternalAddressError(hostname), "", 0);
        return;
      }
      if (options.all) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
      else callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** The HTTPS agent pushes are sent with: its lookup refuses internal addresses. */
export function pushAgent(policy: PushEndpointPolicy, tls: Pick<AgentOptions, "ca"> = {}): Agent {
  return new Agent({ ...tls, keepAlive: true, maxSockets: 8, lookup: guardedLookup(policy) });
}
