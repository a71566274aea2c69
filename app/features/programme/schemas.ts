import { z } from "zod";

// Query and form schemas of the programme pages.

export const monthlyQuerySchema = z.object({ maand: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined) });
export const monthlyMailFormSchema = z.object({ mail: z.enum(["aan", "uit"]) });

/** What the researchers' export can be: the figures as CSV, the referral visits per help flow as CSV ("bereik"), the codebook as a CSV of its own, or xlsx with all three as sheets. */
export const exportFormats = ["csv", "bereik", "codeboek", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportQuerySchema = z.object({ formaat: z.enum(exportFormats) });
