import { describe, expect, it } from "vitest";
import { checkPushEndpoint, guardedLookup, isInternalAddress } from "./push-endpoint.server.ts";

const policy = { allowedHosts: [], allowPrivateNetwork: false };

describe("push endpoints", () => {
  it.each([
    "https://fcm.googleapis.com/fcm/send/abc",
    "https://updates.push.services.mozilla.com/wpush/v2/abc",
    "https://web.push.apple.com/QGx",
    "https://api.push.apple.com/3/device/x",
    "https://wns2-par02p.notify.windows.com/w/?token=abc",
    "https://FCM.googleapis.com./fcm/send/abc",
    "https://fcm.googleapis.com:443/fcm/send/abc",
  ])("accepts the browsers' push service %s", (endpoint) => {
    expect(checkPushEndpoint(endpoint, policy)).toBeNull();
  });

  it.each([
    ["http://fcm.googleapis.com/fcm/send/abc", "not_https"],
    ["https://127.0.0.1/push", "ip_literal"],
    ["https://[::1]/push", "ip_literal"],
    ["https://[::ffff:7f00:1]/push", "ip_literal"],
    ["https://2130706433/push", "ip_literal"],
    ["https://0x7f.1/push", "ip_literal"],
    ["https://169.254.169.254/latest/meta-data", "ip_literal"],
    ["https://evil.example/push", "host_not_allowed"],
    ["https://fcm.googleapis.com.evil.example/x", "host_not_allowed"],
    ["https://evilfcm.googleapis.com/x", "host_not_allowed"],
    ["https://push.apple.com/x", "host_not_allowed"],
    ["https://xnotify.windows.com/x", "host_not_allowed"],
    ["https://fcm.googleapis.com:8443/x", "host_not_allowed"],
    ["https://localhost/push", "host_not_allowed"],
    ["https://user:pw@fcm.googleapis.com/x", "credentials"],
    ["not a url", "not_a_url"],
  ])("refuses %s (%s)", (endpoint, reason) => {
    expect(checkPushEndpoint(endpoint, policy)).toBe(reason);
  });

  it("accepts configured hosts, with their port only", () => {
    const configured = { allowedHosts: ["push.example.nl", "*.push.example.org", "localhost:8443"], allowPrivateNetwork: true };
    expect(checkPushEndpoint("https://push.example.nl/x", configured)).toBeNull();
    expect(checkPushEndpoint("https://a.b.push.example.org/x", configured)).toBeNull();
    expect(checkPushEndpoint("https://push.example.org/x", configured)).toBe("host_not_allowed");
    expect(checkPushEndpoint("https://localhost:8443/x", configured)).toBeNull();
    expect(checkPushEndpoint("https://localhost/x", configured)).toBe("host_not_allowed");
    expect(checkPushEndpoint("https://localhost:8444/x", configured)).toBe("host_not_allowed");
  });

  it.each([
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "2002:7f00:1::", "2001:db8::1", "not-an-address",
  ])("%s is internal", (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(["142.250.179.170", "2a00:1450:400e:80f::200a", "63.245.208.0", "64:ff9b::8efa:b3aa", "172.32.0.1", "11.0.0.1"])("%s is public", (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it("the lookup refuses a name that resolves to loopback, unless private addresses are allowed (tests)", async () => {
    const resolve = (allowPrivateNetwork: boolean) =>
      new Promise<string>((done) =>
        guardedLookup({ allowPrivateNetwork })("localhost", { family: 4 }, (error, address) => done(error ? `error: ${(error as Error).message}` : String(address))),
      );
    expect(await resolve(false)).toMatch(/^error: push endpoint host localhost resolves to an internal address/);
    expect(await resolve(true)).toBe("127.0.0.1");
  });
});
