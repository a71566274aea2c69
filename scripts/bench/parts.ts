// The parts of `npm run bench`, each measured on its own and written to its
// own sections of docs/benchmarks.md:
//   ingest     signal ingest beside a bare node:http loop        (~1 min)
//   flow       a resident flow page beside a bare renderToString (~1 min)
//   pages      payload per route type, the scripts a browser fetches for the
//              ambassador home, Lighthouse                      (~2 min)
//   dashboard  the dashboard at 10k/100k/1M signals              (the long one)
//   scale      dashboard, inbox, search and cases at 1M signals through the
//              production build, on SQLite and PostgreSQL        (~15 min)
// `npm run bench` measures all; `npm run bench -- --only flow,pages` some.

export const PARTS = ["ingest", "flow", "pages", "dashboard", "scale"] as const;
export type Part = (typeof PARTS)[number];

export function isPart(value: string): value is Part {
  return (PARTS as readonly string[]).includes(value);
}

export function parseParts(args: readonly string[]): Set<Part> {
  const chosen: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--only") chosen.push(...(args[++i] ?? "").split(","));
    else if (arg.startsWith("--only=")) chosen.push(...arg.slice("--only=".length).split(","));
    else throw new Error(`npm run bench: unknown argument "${arg}". Use --only with some of: ${PARTS.join(", ")}.`);
  }
  const names = chosen.map((name) => name.trim()).filter(Boolean);
  if (!names.length) return new Set(PARTS);
  const unknown = names.filter((name) => !isPart(name));
  if (unknown.length) throw new Error(`npm run bench: no part called ${unknown.join(", ")}. Parts: ${PARTS.join(", ")}.`);
  return new Set(names as Part[]);
}
