import { z } from "zod";

// Query and form schemas of the programme pages.

export const monthlyQuerySchema = z.object({ maand: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined) });
export const monthlyMailFormSchema = z.object({ mail: z.enum(["aan", "uit"]) });

/** What the researchers' export can be: CSV, its codebook as a CSV of its own, or xlsx with both as sheets. */
export const exportFormats = ["csv", "codeboek", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportQuerySchema = z.object({ formaat: z.enum(exportFormats) });
