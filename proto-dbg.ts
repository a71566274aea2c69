import { createTestServices } from "#tests/support/test-services.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { readYearCounts } from "#app/features/publication/publication.server.ts";
import { auditPublication, SHOWN, SMALL } from "#app/features/publication/lp-audit.ts";
import { buildStructure, fillValues } from "#app/features/publication/structure.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { phenomenonIds } from "#app/features/phenomena/phenomena.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { publishedWeeksOfYear } from "#app/features/publication/counting.ts";

const services = await createTestServices("sqlite");
await seedDemo(services);
await new Promise((r) => setTimeout(r, 1000));
const m = services.municipality.id;
const weeks = publishedWeeksOfYear(2025, "2025-W52");
const areas = await listAreas(services, m);
const orgs = await listOrganisations(services, m, { includeArchived: true });
const counts = await readYearCounts(services, m, weeks);
const orgWeeks = await services.db.selectFrom("signal_organisation_weeks").selectAll().where("iso_week", ">=", weeks[0]!).where("iso_week", "<=", "2025-W52").execute();
const input = { areas: { stadsdelen: areas.map((sd) => ({ id: sd.id, wijken: sd.wijken.map((w) => w.id) })) }, phenomena: [...phenomenonIds], facets: { channel: signalChannels, target_group: targetGroups, urgency: signalUrgencies }, organisations: orgs.map((o) => o.id), weeks, weeksInYear: 52 };
const s = buildStructure(input as any);
const values = fillValues(s, input as any, counts, orgWeeks.map((r) => ({ organisation: r.organisation_id, week: r.iso_week, signals: Number(r.signals) })));
// consistency
let bad = 0;
for (const r of s.relations) { const sum = r.parts.reduce((a, p) => a + values[p]!, 0); if (sum !== values[r.parent]) { if (bad++ < 5) console.log("inconsistent", s.keys[r.parent], values[r.parent], sum, r.parts.map((p) => s.keys[p]).slice(0, 3)); } }
console.log("cells", s.keys.length, "relations", s.relations.length, "inconsistent", bad, "signals", counts.length);
import { protectStructure } from "#app/features/publication/protect.ts";
const t0 = Date.now(); const st = await protectStructure({ values, relations: s.relations, threshold: 5, describe: (c) => s.keys[c]! }); console.log("protected", Date.now() - t0, "hidden", st.filter((x) => x === 2).length);
const states = new Uint8Array(values.length);
let small = 0;
for (let i = 0; i < values.length; i++) if (values[i]! > 0 && values[i]! < 5) { states[i] = SMALL; small++; }
console.log("small", small);
const f = await auditPublication({ states, shownValue: (c) => values[c]!, relations: s.relations, threshold: 5 });
console.log("findings", f.length);
for (const x of f.slice(0, 15)) console.log(s.keys[x.cell], values[x.cell], x.low, x.high);
process.exit(0);
