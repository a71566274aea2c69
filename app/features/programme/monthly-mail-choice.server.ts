import type { AppServices } from "#app/services.server.ts";

// Who chose to receive the monthly overview by e-mail (opt-in, per person).
// Kept apart from overview-mail.server.ts, which needs the translations.

type Services = Pick<AppServices, "db" | "clock">;

export async function isSubscribedToMonthlyMail(services: Services, userId: string): Promise<boolean> {
  return (await services.db.selectFrom("monthly_overview_subscribers").select("user_id").where("user_id", "=", userId).executeTakeFirst()) !== undefined;
}

/** Turns the monthly e-mail on or off for this person; repeating either changes nothing. */
export async function setMonthlyMail(services: Services, userId: string, on: boolean): Promise<void> {
  if (on) {
    await services.db
      .insertInto("monthly_overview_subscribers")
      .values({ user_id: userId, created_at: services.clock.now().toISOString() })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
  } else {
    await services.db.deleteFrom("monthly_overview_subscribers").where("user_id", "=", userId).execute();
  }
}

