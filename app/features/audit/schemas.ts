import { z } from "zod";

// Query schemas of the audit pages.

export const auditQuerySchema = z.object({
  actie: z.string().max(100).regex(/^[a-z_.]*$/).optional().catch(undefined),
  voor: z.coerce.number().int().positive().optional().catch(undefined),
});
