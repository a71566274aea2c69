import { describe, expect, it } from "vitest";
import { createBackgroundTasks } from "./background-tasks.server.ts";
import { createLogger } from "./log.server.ts";

function capture() {
  const lines: string[] = [];
  const log = createLogger("debug", (line) => lines.push(line));
  const last = () => JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  return { lines, log, last };
}

describe("the logger never throws and never loses the line", () => {
  it("writes a BigInt (a row count from Kysely) as a string", () => {
    const { log, last } = capture();
    expect(() => log.info("retention task done", { erased: 12n, nested: { rows: [1n, 2n] } })).not.toThrow();
    expect(last()).toMatchObject({ level: "info", message: "retention task done", erased: "12", nested: { rows: ["1", "2"] } });
  });

  it("writes a circular value as [Circular], and a value seen twice (not circular) in full", () => {
    const { log, last } = capture();
    const node: Record<string, unknown> = { name: "a" };
    node.self = node;
    const shared = { id: 1 };
    log.warn("loop", { node, pair: [shared, shared] });
    expect(last()).toMatchObject({ message: "loop", node: { name: "a", self: "[Circular]" }, pair: [{ id: 1 }, { id: 1 }] });
  });

  it("keeps an error's cause chain, code and AggregateError's errors; a circular cause ends", () => {
    const { log, last } = capture();
    const root = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const error = new Error("could not claim pushes", { cause: root });
    log.error("push queue failed", { error });
    expect(last()).toMatchObject({
      level: "error",
      error: { name: "Error", message: "could not claim pushes", cause: { message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED" } },
    });
    expect((last().error as { stack: string }).stack).toContain("could not claim pushes");

    const looped = new Error("outer");
    (looped as { cause?: unknown }).cause = looped;
    log.error("looped", { error: looped, many: new AggregateError([new Error("one"), new Error("two")], "both") });
    expect(last()).toMatchObject({ error: { message: "outer", cause: "[Circular]" }, many: { message: "both", errors: [{ message: "one" }, { message: "two" }] } });
  });

  it("does not let a field overwrite time, level or message", () => {
    const { log, last } = capture();
    log.info("signal received", { level: "error", message: "forged", time: "1970-01-01T00:00:00.000Z", wijk: "moerwijk" });
    const entry = last();
    expect(entry.level).toBe("info");
    expect(entry.message).toBe("signal received");
    expect(entry.time).not.toBe("1970-01-01T00:00:00.000Z");
    expect(entry).toMatchObject({ "field.level": "error", "field.message": "forged", "field.time": "1970-01-01T00:00:00.000Z", wijk: "moerwijk" });
    // time, level and message are the first three keys, so a reader of the raw line sees them first.
    expect(Object.keys(entry).slice(0, 3)).toEqual(["time", "level", "message"]);
  });

  it("survives getters, toJSON and proxies that throw, and odd values", () => {
    const { log, last, lines } = capture();
    const hostile = {
      get secret(): string {
        throw new Error("no");
      },
    };
    const badJson = { toJSON: () => { throw new Error("toJSON broke"); } };
    const trap = new Proxy({}, { ownKeys: () => { throw new Error("trap"); } });
    log.info("odd", { hostile, badJson, trap, fn: function named() {}, sym: Symbol("s"), nan: Number.NaN, when: new Date(0), bytes: new Uint8Array(3), map: new Map([["a", 1n]]), set: new Set([1]), nothing: undefined });
    expect(lines).toHaveLength(1);
    expect(last()).toMatchObject({
      message: "odd",
      hostile: { secret: "[unreadable: Error: no]" },
      badJson: "[unloggable: Error: toJSON broke]",
      fn: "[function named]",
      sym: "Symbol(s)",
      nan: "NaN",
      when: "1970-01-01T00:00:00.000Z",
      bytes: "[Uint8Array 3 bytes]",
      map: { a: "1" },
      set: [1],
      nothing: null,
    });
    expect(JSON.stringify(last().trap)).toContain("trap");
  });

  it("bounds deep and wide values", () => {
    const { log, last } = capture();
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 50; i++) {
      const next = {};
      deep.next = next;
      deep = next;
    }
    log.info("deep", { top, wide: Array.from({ length: 500 }, (_, i) => i), long: "x".repeat(50_000) });
    expect(JSON.stringify(last().top)).toContain("[too deep]");
    expect((last().wide as unknown[]).at(-1)).toBe("[400 more]");
    expect((last().long as string).length).toBeLessThan(10_010);
  });

  it("a failing background task whose error holds a BigInt and a cycle is logged, not an unhandled rejection", async () => {
    const { log, last } = capture();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const tasks = createBackgroundTasks(log);
      // What a driver may reject with: not always an Error, sometimes a row count inside.
      const reason: Record<string, unknown> = { numUpdatedRows: 3n };
      reason.self = reason;
      tasks.run("count referral", () => Promise.reject(reason));
      await tasks.settled();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(last()).toMatchObject({ level: "warn", message: "background task failed", task: "count referral", error: { numUpdatedRows: "3", self: "[Circular]" } });
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
