import { z } from "zod";

// Query schemas of the questionnaire pages.

export const resultsQuerySchema = z.object({ groep: z.string().max(60).optional().catch(undefined) });
