import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Clock } from "#app/clock.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import type { Database } from "#db/schema.ts";

/** One current warning for the demo ambassador's wijk, so the start page shows what a warning looks like. */
export async function seedDemoWarnings(trx: Transaction<Database>, clock: Clock, input: { municipalityId: string; municipalitySlug: string; coordinatorId: string }): Promise<void> {
  const id = randomUUID();
  const now = clock.now();
  await trx
    .insertInto("warnings")
    .values({
      id,
      municipality_id: input.municipalityId,
      title: "Nepsms over een pakketje dat niet bezorgd kon worden",
      body: "Bewoners in Escamp krijgen een sms met een link om ‘verzendkosten’ te betalen. Niet op de link klikken; wie al betaalde, belt direct de bank.",
      phenomenon: "phishing",
      flow_id: "phishing",
      expires_on: new Date(now.getTime() + 14 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
      created_by: input.coordinatorId,
      created_at: now.toISOString(),
    })
    .execute();
  await trx.insertInto("warning_wijken").values([{ warning_id: id, wijk_id: wijkId(input.municipalitySlug, "Moerwijk") }]).execute();
}
