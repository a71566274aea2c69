import { describe, expect, it } from "vitest";
import { sendInTurn, sendOutcome } from "./device-store.ts";

describe("what an outbox does with the server's answer", () => {
  it("drops a stored entry, stops at a lost session, keeps a refusal, and tries the rest again later", () => {
    expect([200, 201, 204].map(sendOutcome)).toEqual(["sent", "sent", "sent"]);
    expect(sendOutcome(401)).toBe("unauthenticated");
    expect([400, 403, 404, 409, 413, 422].map(sendOutcome)).toEqual(Array(6).fill("refused"));
    expect([408, 429, 500, 502, 503, 302].map(sendOutcome)).toEqual(Array(6).fill("later"));
  });
});

describe("sending an outbox in turn", () => {
  const run = async (answers: (number | "offline")[]) => {
    const seen: string[] = [];
    const stopped = await sendInTurn(
      answers.map((answer, index) => ({ index, answer })),
      async ({ answer }) => (answer === "offline" ? Promise.reject(new TypeError("Failed to fetch")) : new Response(null, { status: answer })),
      { sent: async ({ index }) => void seen.push(`sent ${index}`), refused: async ({ index }) => void seen.push(`refused ${index}`) },
    );
    return { stopped, seen };
  };

  it("hands stored and refused entries to their handlers and goes on", async () => {
    expect(await run([200, 422, 201])).toEqual({ stopped: null, seen: ["sent 0", "refused 1", "sent 2"] });
  });

  it("stops at the first lost connection, lost session or server error, leaving the rest", async () => {
    expect(await run([200, "offline", 200])).toEqual({ stopped: "offline", seen: ["sent 0"] });
    expect(await run([401, 200])).toEqual({ stopped: "unauthenticated", seen: [] });
    expect(await run([200, 503, 200])).toEqual({ stopped: "server", seen: ["sent 0"] });
    expect(await run([429, 200])).toEqual({ stopped: "server", seen: [] });
  });
});
