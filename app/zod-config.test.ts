import { describe, expect, it } from "vitest";
import "./zod-config.ts";
import { config, z } from "zod";

describe("zod configured without importing zod", () => {
  it("is jitless as zod itself sees it", () => {
    expect(config().jitless).toBe(true);
  });

  it("never probes for eval when schemas are built and used", () => {
    const original = globalThis.Function;
    let probed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        probed += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      const schema = z.object({ name: z.string(), count: z.number() });
      expect(schema.parse({ name: "a", count: 1 })).toEqual({ name: "a", count: 1 });
    } finally {
      globalThis.Function = original;
    }
    expect(probed).toBe(0);
  });
});
