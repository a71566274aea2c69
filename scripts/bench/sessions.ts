import { randomUUID } from "node:crypto";
import { loadConfig } from "#app/config.server.ts";
import { hashPassword } from "#app/features/auth/password.server.ts";
import { createSession } from "#app/features/auth/session.server.ts";
import { createLogger } from "#app/log.server.ts";
import { createServices } from "#server/services.ts";

// Sessions for the benchmark, written straight into the app's database: many
// ambassadors of the demo library (so that each stays inside the hourly
// signal limit, as real ones do) and the demo coordinator past the second
// factor (the dashboard asks for it).

export async function createBenchSessions(databaseUrl: string, ambassadors: number): Promise<{ ambassadorTokens: string[]; coordinatorToken: string }> {
  const services = await createServices(loadConfig({ DATABASE_URL: databaseUrl, DEMO_DATA: "false", LOG_LEVEL: "warn" }), { log: createLogger("warn") });
  try {
    const { db, municipality, clock } = services;
    const library = await db.selectFrom("organisations").select("id").where("code", "=", "bieb-moerwijk").executeTakeFirstOrThrow();
    const passwordHash = await hashPassword(randomUUID());
    const now = clock.now().toISOString();
    const ambassadorTokens: string[] = [];
    for (let n = 0; n < ambassadors; n++) {
      const id = randomUUID();
      await db
        .insertInto("users")
        .values({
          id,
          municipality_id: municipality.id,
          email: `bench-${n}-${id.slice(0, 8)}@bench.wijkwijs.invalid`,
          display_name: `Bench ${n}`,
          password_hash: passwordHash,
          role: "ambassador",
          organisation_id: library.id,
          language: null,
          created_at: now,
          last_active_at: null,
          deactivated_at: null,
        })
        .execute();
      ambassadorTokens.push((await createSession(services, { id, role: "ambassador" }, "bench")).token);
    }
    const coordinator = await db.selectFrom("users").select(["id", "role"]).where("email", "=", "coordinator@demo.wijkwijs.nl").executeTakeFirstOrThrow();
    const coordinatorToken = (await createSession(services, coordinator, "bench", { secondFactor: true })).token;
    return { ambassadorTokens, coordinatorToken };
  } finally {
    await services.db.destroy();
  }
}
