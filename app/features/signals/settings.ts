import { z } from "zod";

// The signal settings' choices and form schema, shared by the page and the server module.

export const wallIndicatorAudiences = ["none", "gemeente", "police", "both"] as const;
export type WallIndicatorAudience = (typeof wallIndicatorAudiences)[number];

export const TARGET_DAYS_MAX = 30;

const days = (requiredKey: string) =>
  z.coerce
    .number<string>({ error: requiredKey })
    .int("signals:settings.error.whole_days")
    .min(1, "signals:settings.error.at_least_one")
    .max(TARGET_DAYS_MAX, "signals:settings.error.at_most");

export const signalSettingsSchema = z
  .object({
    urgent: z.string().trim().min(1, "signals:settings.error.days_required").pipe(days("signals:settings.error.days_required")),
    normal: z.string().trim().min(1, "signals:settings.error.days_required").pipe(days("signals:settings.error.days_required")),
    wall: z.enum(wallIndicatorAudiences, { error: "errors.invalid_choice" }),
  })
  .superRefine((value, ctx) => {
    if (value.urgent > value.normal) ctx.addIssue({ code: "custom", path: ["urgent"], message: "signals:settings.error.urgent_longer" });
  });

