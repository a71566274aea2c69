import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import type { SignalTable } from "#db/tables/signals.ts";
import { addDays } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import { signalStatuses, type InboxPeriod, type InboxQueue, type InboxSort, type SignalStatus } from "./options.ts";
import type { Assignee } from "./ownership.server.ts";
import { caseTitlesFor, listItem, nameMaps, staffScope, type Names, type SignalListItem } from "./reading.server.ts";
import { freeTextMatchAny, resolveTerms, searchCondition, searchTerms, type TermMatches } from "./search.server.ts";
import { today } from "./submitting.server.ts";
import { workflowSide } from "./workflow.ts";

// The staff inbox: filters that combine (search, status, phenomenon, wijk or
// stadsdeel, organisation, assignee, urgency, period, queue, case), counts per
// status for the filter, and keyset pagination: "next page" continues after the
// last row shown, so a page is as fast at row 900,000 as at row 1 and a signal
// arriving meanwhile never shifts a row onto two pages. Police see only signals
// addressed to politie. Every listing is audited (without the search words).

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content">;

export interface InboxFilters {
  search?: string | undefined;
  phenomenon?: string | undefined;
  wijkId?: string | undefined;
  stadsdeelId?: string | undefined;
  organisationId?: string | undefined;
  assignee?: Assignee | undefined;
  urgency?: SignalTable["urgency"] | undefined;
  status?: SignalStatus | undefined;
  period?: InboxPeriod | undefined;
  queue?: InboxQueue | undefined;
  sort?: InboxSort | undefined;
  caseId?: string | undefined;
}

export const INBOX_PAGE_SIZE = 50;

const openStatuses = signalStatuses.filter((status) => status !== "handled");

/**
 * At most this many signals fit the filter: the page is found through the
 * filter's own conditions and sorted, rather than by walking the order's index
 * until a page of matches turns up (which, for a rare match, is every signal).
 */
export const FEW_MATCHES = 20_000;

const periodWeeks: Record<InboxPeriod, number | null> = { week: 0, "4w": 3, "13w": 12, all: null };

type Eb = ExpressionBuilder<Database, "signals">;
export type Cursor = (string | number)[];

/** One key of an order: the expression, its direction, and its value for a row (for the cursor). */
interface SortKey {
  expression: (eb: Eb) => Expression<string | number>;
  direction: "asc" | "desc";
  value: (row: SignalTable) => string | number;
  /** A 0/1 rank rather than a column's text. */
  rank?: true;
}

// The two ranks are written out as literal SQL, constants and all: each
// database uses its expression index (db/migrations/0240) only for the very
// expression the index was made with, and a bound parameter is not the same.
const urgentOpen = () => sql<number>`(case when signals.urgency = 'urgent' and signals.status <> 'handled' then 0 else 1 end)`;
const openFirst = () => sql<number>`(case when signals.status <> 'handled' then 0 else 1 end)`;
const key = (column: "received_at" | "id", direction: "asc" | "desc"): SortKey => ({ expression: (eb) => eb.ref(`signals.${column}`), direction, value: (row) => row[column] });
/** Signals stored before deadlines existed have none: last, on both dialects (they order nulls differently). */
const NO_DEADLINE = "9999-12-31T00:00:00.000Z";

export const sortKeys: Record<InboxSort, SortKey[]> = {
  // Urgent open signals first, then newest first.
  urgent: [
    { expression: urgentOpen, direction: "asc", rank: true, value: (row) => (row.urgency === "urgent" && row.status !== "handled" ? 0 : 1) },
    key("received_at", "desc"),
    key("id", "asc"),
  ],
  // Open work by deadline (the most overdue first); handled signals after it.
  due: [
    { expression: openFirst, direction: "asc", rank: true, value: (row) => (row.status !== "handled" ? 0 : 1) },
    { expression: () => sql<string>`(coalesce(signals.due_at, '${sql.raw(NO_DEADLINE)}'))`, direction: "asc", value: (row) => row.due_at ?? NO_DEADLINE },
    key("received_at", "asc"),
    key("id", "asc"),
  ],
  oldest: [key("received_at", "asc"), key("id", "asc")],
  newest: [key("received_at", "desc"), key("id", "asc")],
};

/** The cursor in the URL: the last row's sort values, as base64url JSON. */
export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** A cursor that does not fit the order (tampered, or from another order) reads as "from the start". */
export function decodeCursor(value: string | undefined, sort: InboxSort): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    const keys = sortKeys[sort];
    if (!Array.isArray(parsed) || parsed.length !== keys.length) return null;
    const fits = parsed.every((v, i) => (typeof v === "number" ? i === 0 && (v === 0 || v === 1) && keys.length > 2 : typeof v === "string" && v.length <= 100));
    return fits ? (parsed as Cursor) : null;
  } catch {
    return null;
  }
}

/** Rows after the cursor in the order's lexicographic sense. */
function afterCursor(eb: Eb, keys: SortKey[], cursor: Cursor): Expression<SqlBool> {
  return eb.or(
    keys.map((k, i) =>
      eb.and([
        ...keys.slice(0, i).map((earlier, j) => eb(earlier.expression(eb), "=", cursor[j]!)),
        eb(k.expression(eb), k.direction === "asc" ? ">" : "<", cursor[i]!),
      ]),
    ),
  );
}

type SignalQuery<O> = SelectQueryBuilder<Database, "signals", O>;

/** The search words with the structured names each can mean. */
function termMatches(services: Pick<Services, "content">, names: Names, filters: InboxFilters): TermMatches[] {
  const terms = searchTerms(filters.search);
  if (!terms.length) return [];
  return resolveTerms(terms, {
    phenomena: services.content.phenomena,
    wijken: names.areas.flatMap((s) => s.wijken.map((w) => ({ id: w.id, name: w.name, stadsdeelName: s.name }))),
    organisations: names.organisations.map((o) => ({ id: o.id, name: o.name })),
  });
}

/**
 * The conditions on columns the signals and their kept per-status counts
 * both have (what the police may see, phenomenon, wijk or stadsdeel,
 * urgency): written once, applied to either table. No values: nothing fits.
 */
function keptConditions(viewer: Viewer, names: Names, filters: InboxFilters): { column: "recipients" | "phenomenon" | "wijk_id" | "urgency"; values: string[] }[] {
  const conditions: { column: "recipients" | "phenomenon" | "wijk_id" | "urgency"; values: string[] }[] = [];
  if (staffScope(viewer)?.kind === "police") conditions.push({ column: "recipients", values: ["politie", "both"] });
  if (filters.phenomenon) conditions.push({ column: "phenomenon", values: [filters.phenomenon] });
  if (filters.wijkId) conditions.push({ column: "wijk_id", values: [filters.wijkId] });
  if (filters.stadsdeelId) conditions.push({ column: "wijk_id", values: names.areas.find((s) => s.id === filters.stadsdeelId)?.wijken.map((w) => w.id) ?? [] });
  if (filters.urgency) conditions.push({ column: "urgency", values: [filters.urgency] });
  return conditions;
}

/** The filters as conditions, shared by the rows, the counts and bulk actions. */
function filtered<O>(services: Services, viewer: Viewer, names: Names, filters: InboxFilters, query: SignalQuery<O>, options: { withStatus: boolean }): SignalQuery<O> {
  let q = query.where("signals.municipality_id", "=", viewer.municipalityId);
  for (const { column, values } of keptConditions(viewer, names, filters)) {
    q = values.length ? q.where(`signals.${column}`, "in", values) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (filters.organisationId) q = q.where("signals.organisation_id", "=", filters.organisationId);
  if (options.withStatus && filters.status) q = q.where("signals.status", "=", filters.status);
  if (filters.caseId) q = q.where("signals.case_id", "=", filters.caseId);
  const assignee = filters.assignee;
  if (assignee?.kind === "person") q = q.where("signals.assigned_to", "=", assignee.userId);
  if (assignee?.kind === "team") q = q.where("signals.assigned_team", "=", assignee.team);
  if (assignee?.kind === "nobody") q = q.where("signals.assigned_team", "is", null).where("signals.assigned_to", "is", null);
  if (filters.queue) {
    const team = workflowSide(viewer);
    // A queue is what is still to be done: open work only.
    // "Not handled", written as the open statuses: an index can find those, not an inequality.
    q = q.where("signals.status", "in", openStatuses);
    if (filters.queue === "mine") q = q.where("signals.assigned_to", "=", viewer.id);
    if (filters.queue === "team") q = q.where("signals.assigned_team", "=", team);
    if (filters.queue === "forwarded") q = q.where("signals.status", "=", "forwarded_to_police");
    if (filters.queue === "unassigned") q = q.where("signals.assigned_to", "is", null).where((eb) => eb.or([eb("signals.assigned_team", "is", null), eb("signals.assigned_team", "=", team)]));
  }
  const weeks = periodWeeks[filters.period ?? "all"];
  // ISO weeks sort as text ("2026-W09" < "2026-W10" < "2027-W01").
  if (weeks !== null) q = q.where("signals.iso_week", ">=", isoWeekOf(addDays(today(services), -7 * weeks)));
  const matches = termMatches(services, names, filters);
  if (matches.length) q = q.where((eb) => searchCondition(services.db, eb, matches));
  return q;
}

/**
 * One page's rows (and one more, to know whether a next page exists) in the
 * order's sense, after the cursor. With `few` (at most FEW_MATCHES fit the
 * filter, which the counts already told) the database is kept from the
 * order's index: its planner often cannot know that a match is rare (a status
 * SQLite's statistics rate as common, a word PostgreSQL's full-text estimate
 * guesses at 2 % of the signals) and would walk that index from the start,
 * past every signal. The first key is then written so that no index matches
 * it, with the same values and order.
 */
export function inboxRowsQuery(services: Services, viewer: Viewer, names: Names, filters: InboxFilters, cursor: Cursor | null, options: { few?: boolean } = {}) {
  const keys = sortKeys[filters.sort ?? "urgent"];
  let query = filtered(services, viewer, names, filters, services.db.selectFrom("signals").selectAll("signals"), { withStatus: true });
  if (cursor) query = query.where((eb) => afterCursor(eb, keys, cursor));
  const unindexed = options.few === true;
  keys.forEach((k, i) => {
    query = query.orderBy((eb) => {
      if (!unindexed || i > 0) return k.expression(eb);
      const expression = k.expression(eb);
      return k.rank ? sql`${expression} + 0` : sql`${expression} || ''`;
    }, k.direction);
  });
  return query.limit(INBOX_PAGE_SIZE + 1);
}

/**
 * Whether signal_status_counts groups by everything the filter asks (the status
 * aside, which the counts leave out). Search words count through it too unless
 * one names an organisation (see statusCounts).
 */
function countedByTable(filters: InboxFilters, matches: TermMatches[]): boolean {
  return (
    !filters.organisationId &&
    !filters.assignee &&
    !filters.queue &&
    !filters.caseId &&
    periodWeeks[filters.period ?? "all"] === null &&
    matches.every((m) => m.organisations.length === 0)
  );
}

/** A word's structured meanings (phenomenon or wijk) as a condition on the given columns; never true without any. */
function structuredMatch(m: TermMatches, phenomenon: Expression<string>, wijk: Expression<string>): Expression<SqlBool> {
  const alternatives: Expression<SqlBool>[] = [];
  if (m.phenomena.length) alternatives.push(sql<SqlBool>`${phenomenon} in (${sql.join(m.phenomena)})`);
  if (m.wijken.length) alternatives.push(sql<SqlBool>`${wijk} in (${sql.join(m.wijken)})`);
  return alternatives.length ? sql<SqlBool>`(${sql.join(alternatives, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/**
 * How many signals fit the filter per status (the status filter aside). With
 * only filters that signal_status_counts groups by (db/migrations/0241) the
 * counts come from there — a few hundred rows however many signals there are;
 * otherwise the signals are counted. Both give the same figures
 * (tests/integration/inbox-scale.test.ts compares them).
 */
export async function statusCounts(services: Services, viewer: Viewer, names: Names, filters: InboxFilters, options: { fromTable?: boolean } = {}): Promise<{ status: SignalStatus; count: number }[]> {
  const matches = termMatches(services, names, filters);
  /** Signals counted one by one, per status, under every filter but the status. */
  const countingSignals = () =>
    filtered(services, viewer, names, filters, services.db.selectFrom("signals").select((eb) => ["signals.status", eb.fn.countAll<number>().as("count")]), { withStatus: false });
  if (options.fromTable ?? countedByTable(filters, matches)) {
    let q = services.db
      .selectFrom("signal_status_counts")
      .select((eb) => ["status", eb.fn.sum<number>("signals").as("count")])
      .where("municipality_id", "=", viewer.municipalityId);
    for (const { column, values } of keptConditions(viewer, names, filters)) {
      q = values.length ? q.where(column, "in", values) : q.where(sql<SqlBool>`1 = 0`);
    }
    if (!matches.length) return q.groupBy("status").execute();
    // With search words, a signal fits when each word is found in its free text or its structured
    // names. Those found by the names alone (every word a phenomenon or wijk of the signal) are
    // summed from the table; the others have a word in their free text, so they are among the
    // few the full-text index finds, and are counted one by one.
    const byNames = q.where(sql<SqlBool>`${sql.join(matches.map((m) => structuredMatch(m, sql.ref("phenomenon"), sql.ref("wijk_id"))), sql` and `)}`);
    const byText = countingSignals()
      .where(freeTextMatchAny(services.db, matches.map((m) => m.term)))
      .where(sql<SqlBool>`not (${sql.join(matches.map((m) => structuredMatch(m, sql.ref("signals.phenomenon"), sql.ref("signals.wijk_id"))), sql` and `)})`)
      .groupBy("signals.status");
    const sums = new Map<SignalStatus, number>();
    for (const row of [...(await byNames.groupBy("status").execute()), ...(await byText.execute())]) sums.set(row.status, (sums.get(row.status) ?? 0) + Number(row.count));
    return [...sums].map(([status, count]) => ({ status, count }));
  }
  return countingSignals().groupBy("signals.status").execute();
}

export interface InboxPage {
  rows: SignalListItem[];
  /** The cursor for the next page; null on the last page. */
  next: string | null;
  /** Whether this page continues an earlier one (a link back to the first page then). */
  continued: boolean;
  /** How many signals fit the filter, in all, and per status (the status filter aside). */
  total: number;
  byStatus: Record<SignalStatus, number>;
}

/**
 * One page of the inbox for the filters, after the cursor (the `na` in the URL),
 * with the counts for the filter. Null for someone without an inbox.
 */
export async function listInbox(services: Services, viewer: Viewer, filters: InboxFilters, after?: string): Promise<InboxPage | null> {
  const scope = staffScope(viewer);
  if (!scope) return null;
  const sort = filters.sort ?? "urgent";
  const keys = sortKeys[sort];
  const cursor = decodeCursor(after, sort);
  const names = await nameMaps(services, viewer.municipalityId);

  // The counts first: how many fit decides how the page is best found.
  const counts = await statusCounts(services, viewer, names, filters);
  const byStatus = Object.fromEntries(signalStatuses.map((s) => [s, 0])) as Record<SignalStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.count);
  const total = filters.status ? byStatus[filters.status] : Object.values(byStatus).reduce((a, b) => a + b, 0);
  const rows = await inboxRowsQuery(services, viewer, names, filters, cursor, { few: total <= FEW_MATCHES }).execute();
  const visible = rows.slice(0, INBOX_PAGE_SIZE);
  const last = visible.at(-1);
  const cases = await caseTitlesFor(services, visible);
  await recordAudit(services, {
    actor: viewer,
    action: "signal.list_viewed",
    details: {
      count: visible.length,
      continued: cursor !== null,
      // Whether words were searched, not which: a search box may get a name typed into it.
      searched: searchTerms(filters.search).length > 0,
      phenomenon: filters.phenomenon ?? null,
      wijk: filters.wijkId ?? null,
      stadsdeel: filters.stadsdeelId ?? null,
      organisation: filters.organisationId ?? null,
      assignee: filters.assignee ? (filters.assignee.kind === "person" ? `person:${filters.assignee.userId}` : filters.assignee.kind === "team" ? `team:${filters.assignee.team}` : "nobody") : null,
      urgency: filters.urgency ?? null,
      status: filters.status ?? null,
      period: filters.period ?? null,
      queue: filters.queue ?? null,
      sort,
      case: filters.caseId ?? null,
    },
  });
  return {
    rows: visible.map((row) => listItem(row, names, cases)),
    next: rows.length > INBOX_PAGE_SIZE && last ? encodeCursor(keys.map((k) => k.value(last))) : null,
    continued: cursor !== null,
    total,
    byStatus,
  };
}
