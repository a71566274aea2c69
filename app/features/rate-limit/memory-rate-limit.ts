import { createHmac } from "node:crypto";

// A sliding-window counter kept in memory only. For limits on residents'
// requests (the referral counter): privacy rule 3 forbids storing anything
// about them, so nothing of this reaches the database and it is gone at
// restart. Keys are HMACs of the client address even here, so a heap dump
// shows no addresses. Per process: with several instances each counts alone.

export class MemoryRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly secret: string;
  private lastSweep = 0;

  constructor(options: { limit: number; windowMs: number; secret: string }) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.secret = options.secret;
  }

  /** Counts a hit for the key; false when the key is over its limit (the hit is then not counted). */
  take(key: string, now: number): boolean {
    this.sweep(now);
    const id = createHmac("sha256", this.secret).update(key).digest("base64url");
    const recent = (this.hits.get(id) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(id, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(id, recent);
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [id, times] of this.hits) {
      if (times.every((time) => time <= now - this.windowMs)) this.hits.delete(id);
    }
  }
}
