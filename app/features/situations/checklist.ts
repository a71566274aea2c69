import { z } from "zod";
import checklistFile from "#content/situations/checklist.json" with { type: "json" };

// The mayor's approach in an acute situation (content/situations/checklist.json):
// steps, whom to call, and the powers that exist, each described as a fact with
// its legal basis. Staff read Wijkwijs in Dutch or English, so the items are in
// both. Checked when the server starts, like the other content: a broken file
// stops the start with the field named.

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

export function parseChecklist(data: unknown): ChecklistItem[] {
  const result = checklistFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`content/situations/checklist.json: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  }
  return result.data.items;
}

export const checklist: readonly ChecklistItem[] = parseChecklist(checklistFile);

export function checklistItem(id: string): ChecklistItem | undefined {
  return checklist.find((item) => item.id === id);
}

export interface ChecklistItemView {
  id: string;
  kind: ChecklistItem["kind"];
  title: string;
  text: string;
  legalBasis: string | null;
}

export function checklistView(language: string): ChecklistItemView[] {
  const lang = language === "nl" ? "nl" : "en";
  return checklist.map((item) => ({ id: item.id, kind: item.kind, title: item.title[lang], text: item.text[lang], legalBasis: item.legalBasis ?? null }));
}
