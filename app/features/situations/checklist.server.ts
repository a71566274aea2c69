import { z } from "zod";
import { ContentError, readContentJson } from "#app/features/content/content.server.ts";

// The mayor's approach in an acute situation (content/situations/checklist.json):
// steps, whom to call, and the powers that exist, each described as a fact with
// its legal basis. Staff read Wijkwijs in Dutch or English, so the items are in
// both. Read and checked once when the server starts, like the other content,
// and passed as services.situationChecklist: a broken file stops the start
// with the field named.

const translated = z.object({ nl: z.string().trim().min(1), en: z.string().trim().min(1) });

export const checklistFileSchema = z.object({
  $comment: z.string().optional(),
  items: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/, "ids are lower-case words joined by hyphens"),
        kind: z.enum(["step", "call", "power"]),
        title: translated,
        text: translated,
        legalBasis: z.string().trim().min(1).optional(),
      }),
    )
    .min(1)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "checklist ids must be unique")
    .refine((items) => items.filter((i) => i.kind === "power").every((i) => i.legalBasis), "every power names its legal basis"),
});

export type ChecklistItem = z.infer<typeof checklistFileSchema>["items"][number];

const FILE = "content/situations/checklist.json";

/** Checks the checklist, or throws a ContentError naming every problem by file and field. */
export function validateChecklist(data: unknown): ChecklistItem[] {
  const result = checklistFileSchema.safeParse(data);
  if (!result.success) throw new ContentError(result.error.issues.map((issue) => ({ file: FILE, field: issue.path.join("."), message: issue.message })));
  return result.data.items;
}

/** Reads and checks content/situations/checklist.json (at start, into services). */
export async function loadChecklist(contentDirectory: string): Promise<ChecklistItem[]> {
  return validateChecklist(await readContentJson(contentDirectory, "situations/checklist.json"));
}

export function checklistItem(checklist: readonly ChecklistItem[], id: string): ChecklistItem | undefined {
  return checklist.find((item) => item.id === id);
}

export interface ChecklistItemView {
  id: string;
  kind: ChecklistItem["kind"];
  title: string;
  text: string;
  legalBasis: string | null;
}

export function checklistView(checklist: readonly ChecklistItem[], language: string): ChecklistItemView[] {
  const lang = language === "nl" ? "nl" : "en";
  return checklist.map((item) => ({ id: item.id, kind: item.kind, title: item.title[lang], text: item.text[lang], legalBasis: item.legalBasis ?? null }));
}
