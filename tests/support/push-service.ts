import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import os from "node:os";
import path from "node:path";

// A push service stand-in on localhost, for testing web push end to end
// without the internet: it speaks HTTPS (web-push only speaks HTTPS) with a
// self-signed certificate, checks the VAPID authorisation (RFC 8292) and
// decrypts the aes128gcm payload (RFC 8188, RFC 8291) with the keys of a
// subscription it handed out, exactly as a browser's push service and the
// browser together would.

export interface FakeDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** What the stand-in answers for this device: a status per attempt, the last one repeating. */
  answers: number[];
}

export interface ReceivedPush {
  device: string;
  status: number;
  /** The decrypted payload, or null when it could not be decrypted. */
  text: string | null;
  vapid: { valid: boolean; publicKey: string | null; claims: Record<string, unknown> | null };
  headers: Record<string, string | string[] | undefined>;
}

export interface PushServiceStandIn {
  certificate: string;
  /** host:port, for PUSH_ALLOWED_HOSTS. */
  host: string;
  received: ReceivedPush[];
  /** `slow`: the stand-in holds each push to this device until the test calls release(). */
  device(name: string, answers?: number[], options?: { slow?: boolean }): FakeDevice;
  /** Resolves once this many pushes (to any device, held or not) have arrived. */
  arrived(count: number): Promise<void>;
  /** Answers every push held so far; with stopHolding, slow devices answer at once from now on. */
  release(options?: { stopHolding?: boolean }): void;
  close(): Promise<void>;
}

function certificate(): { key: string; cert: string } {
  const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-push-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", path.join(directory, "key.pem"), "-out", path.join(directory, "cert.pem")],
      { stdio: "ignore" },
    );
    return { key: readFileSync(path.join(directory, "key.pem"), "utf8"), cert: readFileSync(path.join(directory, "cert.pem"), "utf8") };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", ikm, salt, info, length));
}

/** RFC 8291: the user agent's side of Message Encryption for Web Push. */
export function decryptAes128gcm(body: Buffer, receiver: crypto.ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + keyIdLength);
  const ciphertext = body.subarray(21 + keyIdLength);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const sharedSecret = receiver.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.getPublicKey(), senderPublicKey]);
  const ikm = hkdf(authSecret, sharedSecret, keyInfo, 32);
  const contentKey = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
  const decipher = crypto.createDecipheriv("aes-128-gcm", contentKey, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with a 0x02 delimiter followed by zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no final-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/** RFC 8292: `vapid t=<ES256 JWT>, k=<public key>`, signed by that key, for this push service's origin. */
export function checkVapid(header: string | undefined, audience: string): ReceivedPush["vapid"] {
  const invalid = { valid: false, publicKey: null, claims: null };
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) return invalid;
  const [, token, publicKey] = match as unknown as [string, string, string];
  const [head, payload, signature] = token.split(".");
  if (!head || !payload || !signature) return invalid;
  const raw = Buffer.from(publicKey, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) return invalid;
  const key = crypto.createPublicKey({
    key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const header_ = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  const signed = crypto.verify("sha256", Buffer.from(`${head}.${payload}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  const now = Date.now() / 1000;
  const exp = Number(claims.exp);
  const valid =
    header_.alg === "ES256" &&
    signed &&
    claims.aud === audience &&
    exp > now &&
    exp <= now + 24 * 3600 &&
    typeof claims.sub === "string" &&
    /^(mailto:|https:)/.test(claims.sub);
  return { valid, publicKey, claims };
}

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const { key, cert } = certificate();
  const devices = new Map<string, { ecdh: crypto.ECDH; auth: Buffer; answers: number[]; attempts: number; slow: boolean }>();
  const received: ReceivedPush[] = [];
  const held: (() => void)[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  let origin = "";
  let holding = true;
  const server: Server = createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const name = decodeURIComponent((request.url ?? "").replace(/^\/push\//, ""));
      const device = devices.get(name);
      if (request.method !== "POST" || !device) {
        response.writeHead(404).end();
        return;
      }
      const status = device.answers[Math.min(device.attempts, device.answers.length - 1)]!;
      device.attempts++;
      let text: string | null = null;
      try {
        if (request.headers["content-encoding"] === "aes128gcm") text = decryptAes128gcm(Buffer.concat(chunks), device.ecdh, device.auth);
      } catch {
        text = null;
      }
      received.push({ device: name, status, text, vapid: checkVapid(request.headers.authorization, origin), headers: request.headers });
      const answer = () => response.writeHead(status, status === 429 ? { "retry-after": "60" } : {}).end();
      if (device.slow && holding) held.push(answer);
      else answer();
      notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  origin = `https://localhost:${address.port}`;
  return {
    certificate: cert,
    host: `localhost:${address.port}`,
    received,
    arrived: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        notify();
      }),
    release(options = {}) {
      if (options.stopHolding) holding = false;
      for (const answer of held.splice(0)) answer();
    },
    device(name, answers = [201], options = {}) {
      const ecdh = crypto.createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      devices.set(name, { ecdh, auth, answers, attempts: 0, slow: options.slow ?? false });
      return { endpoint: `${origin}/push/${encodeURIComponent(name)}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") }, answers };
    },
    close: () =>
      new Promise((resolve) => {
        for (const answer of held.splice(0)) answer();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
