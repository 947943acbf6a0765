/**
 * Read-side queries over the case read model for lists: the case list, the inbox and a business's
 * case history. Each takes a `TCaseScope`, the SQL form of `canSeeCase` (api/auth.ts): the unit's
 * cases for unit-wide roles, the team's for the others, none for a user with neither.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { searchTerms } from '../../domain/business.js';
import type { Database } from '../schema.js';
import type { CaseFileRow } from '../tables/cases.table.js';
import { afterCursor, cappedTotal, containsPattern, cutPage, encodeRowCursor, TOTAL_CAP, type TPage, type TPageRequest, type TSortSql } from './paging.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Which cases a user may see: those of `unitId`, and of `teamId` unless `unitWide`. */
export interface TCaseScope {
  unitId: string;
  unitWide: boolean;
  teamId: string | null;
}

export interface TCaseFilter {
  status?: 'OPEN' | 'CLOSED' | undefined;
  /** A step currently open in the case. */
  step?: string | undefined;
  teamId?: string | undefined;
  /** A user assigned to one of the case's open steps. */
  assigneeId?: string | undefined;
  overdue?: boolean | undefined;
  deadlineFrom?: Date | undefined;
  deadlineTo?: Date | undefined;
  procedureId?: string | undefined;
  businessId?: string | undefined;
  kind?: string | undefined;
  /** Words that must all appear in the case's search document: its number, title, steps' data, business's name and tax code. */
  q?: string | undefined;
}

export const CASE_SORTS = ['openedAt', 'nextDeadlineAt', 'caseNumber'] as const;
export type TCaseSort = (typeof CASE_SORTS)[number];

const CASE_SORT_SQL: Record<TCaseSort, TSortSql> = {
  openedAt: { expr: sql`case_file.opened_at`, type: sql.raw('timestamptz') },
  // Cases without a deadline (closed, or waiting for an event) come after every dated one.
  nextDeadlineAt: { expr: sql`coalesce(case_file.next_deadline_at, 'infinity'::timestamptz)`, type: sql.raw('timestamptz') },
  caseNumber: { expr: sql`case_file.case_id`, type: sql.raw('text') },
};

/** The columns of a case in a list (`TCaseSummaryRow`): the case list and a business's history both read them. */
const SUMMARY_COLUMNS = [
  'case_file.case_id',
  'case_file.kind',
  'case_file.procedure_id',
  'case_file.procedure_version',
  'case_file.status',
  'case_file.overdue',
  'case_file.team_id',
  'case_file.title',
  'case_file.parent_case_id',
  'case_file.opened_at',
  'case_file.closed_at',
] as const;

/** A case in a list, as the read model holds it; api/views/case.ts makes the API's view of it. */
export type TCaseSummaryRow = Pick<CaseFileRow, 'case_id' | 'kind' | 'procedure_id' | 'procedure_version' | 'status' | 'overdue' | 'team_id' | 'title' | 'parent_case_id' | 'opened_at' | 'closed_at'>;

/** A row of the case list: the summary, where it stands, and the business it is about (if any). */
export type TCaseListRow = TCaseSummaryRow &
  Pick<CaseFileRow, 'close_outcome' | 'current_steps' | 'next_deadline_at'> & { business_id: string | null; business_name: string | null; business_tax_code: string | null };

/** A case in a business's history: the summary, how it closed, and its snapshot (for its fines). */
export type TBusinessCaseRow = TCaseSummaryRow & Pick<CaseFileRow, 'close_outcome' | 'snapshot'>;

function scoped(db: Q, scope: TCaseScope) {
  let q = db
    .selectFrom('case_file')
    .leftJoin('business', (j) => j.onRef('business.id', '=', 'case_file.business_id').onRef('business.unit_id', '=', 'case_file.unit_id'))
    .where('case_file.unit_id', '=', scope.unitId);
  if (!scope.unitWide) q = scope.teamId === null ? q.where(sql<boolean>`false`) : q.where('case_file.team_id', '=', scope.teamId);
  return q;
}

/** One page of the cases the scope may see, filtered and sorted, with the total (capped at `TOTAL_CAP`). */
export async function listCases(db: Q, scope: TCaseScope, f: TCaseFilter, page: TPageRequest<TCaseSort>): Promise<TPage<TCaseListRow>> {
  let q = scoped(db, scope);
  if (f.status) q = q.where('case_file.status', '=', f.status);
  if (f.step) q = q.where(sql<boolean>`case_file.current_steps @> array[${f.step}]::text[]`);
  if (f.teamId) q = q.where('case_file.team_id', '=', f.teamId);
  if (f.assigneeId) {
    const assignee = f.assigneeId;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('case_task').select('case_task.step_id').whereRef('case_task.case_id', '=', 'case_file.case_id').where('case_task.assignee_id', '=', assignee)),
    );
  }
  if (f.overdue !== undefined) q = q.where('case_file.overdue', '=', f.overdue);
  if (f.deadlineFrom) q = q.where('case_file.next_deadline_at', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('case_file.next_deadline_at', '<=', f.deadlineTo);
  if (f.procedureId) q = q.where('case_file.procedure_id', '=', f.procedureId);
  if (f.businessId) q = q.where('case_file.business_id', '=', f.businessId);
  if (f.kind) q = q.where('case_file.kind', '=', f.kind);
  // One document per case (docs/adr/0170): each word is one trigram index condition on one column.
  for (const term of searchTerms(f.q)) q = q.where('case_file.search_doc', 'like', containsPattern(term));

  const sort = CASE_SORT_SQL[page.sort];
  const dir = sql.raw(page.order);
  // At most TOTAL_CAP + 1 rows are counted: an exact count over a million cases scans them all.
  // They are the first ones in the list's own order, which the list's index gives: the planner
  // then reads them as it reads the page, not by a scan of the table it guesses will stop early.
  // A search counts its matches as the search index finds them (in order, it would walk the list).
  // The count is a part of the page's statement (an uncorrelated subquery, run once: one round
  // trip, docs/adr/0180); only an empty page, which carries no row to hold it, is counted apart.
  const counting = q.select(sql<number>`1`.as('one'));
  const counted = db
    .selectFrom((searchTerms(f.q).length ? counting : counting.orderBy(sql`${sort.expr} ${dir}`).orderBy(sql`case_file.case_id ${dir}`)).limit(TOTAL_CAP + 1).as('capped'))
    .select((eb) => eb.fn.countAll<string>().as('n'));
  let rows = q
    .select([
      ...SUMMARY_COLUMNS,
      'case_file.close_outcome',
      'case_file.current_steps',
      'case_file.next_deadline_at',
      'business.id as business_id',
      'business.name as business_name',
      'business.tax_code as business_tax_code',
    ])
    .select(sql<string>`${sort.expr}::text`.as('sort_value'))
    .select(counted.as('capped_total'));
  if (page.after) rows = rows.where(afterCursor(sort, sql`case_file.case_id`, page.order, page.after));
  const found = await rows
    .orderBy(sql`${sort.expr} ${dir}`)
    .orderBy(sql`case_file.case_id ${dir}`)
    .limit(page.limit + 1)
    .execute();
  const total = found[0]?.capped_total ?? (await counted.executeTakeFirstOrThrow()).n;
  const { rows: items, nextCursor } = cutPage(found, page, (r) => ({ value: r.sort_value, id: r.case_id }));
  return { items: items.map(({ sort_value: _, capped_total: _t, ...row }) => row), ...cappedTotal(total), nextCursor };
}

/** The ids of every open case, of every unit (for a change that concerns them all, like the calendar). */
export async function openCaseIds(db: Q): Promise<string[]> {
  const rows = await db.selectFrom('case_file').select('case_id').where('status', '=', 'OPEN').execute();
  return rows.map((r) => r.case_id);
}

/** Cases about a business that the scope may see, newest first, with their fine totals. */
export async function casesOfBusiness(db: Q, scope: TCaseScope, businessId: string): Promise<TBusinessCaseRow[]> {
  return scoped(db, scope)
    .where('case_file.business_id', '=', businessId)
    .select([...SUMMARY_COLUMNS, 'case_file.close_outcome', 'case_file.snapshot'])
    .orderBy('case_file.opened_at', 'desc')
    .orderBy('case_file.case_id', 'desc')
    .limit(500)
    .execute();
}

/** What a task list shows of an open step and its case. */
const TASK_WITH_CASE_COLUMNS = [
  't.case_id',
  't.step_id',
  't.title',
  't.roles',
  't.team_id',
  't.assignee_id',
  't.opened_at',
  't.due_at',
  't.overdue',
  't.paused',
  'f.title as case_title',
  'f.kind',
  'f.procedure_id',
  'f.procedure_version',
] as const;

/** The open steps of a unit's cases with what a task list shows of their case (the inbox, the team's workload). */
export function tasksWithTheirCase(db: Q, unitId: string) {
  return db.selectFrom('case_task as t').innerJoin('case_file as f', 'f.case_id', 't.case_id').select(TASK_WITH_CASE_COLUMNS).where('f.unit_id', '=', unitId);
}

/** The inbox's urgency filters: past the deadline, or due within the inbox's working days. */
type TInboxUrgency = 'overdue' | 'soon';

/** Whose open steps the inbox lists, filtered how, and which page of them. */
export interface TInboxQuery {
  roles: string[];
  /** Only the steps assigned to this user ("my tasks"). */
  assigneeId?: string | undefined;
  kind?: string | undefined;
  /** Only the steps nobody has taken. */
  unassigned?: boolean | undefined;
  urgency?: TInboxUrgency | undefined;
  /** Words that must all appear in the case's search document (a word like `A5` may be the step). */
  q?: string | undefined;
  /** Now, and the end of "due soon" (domain/calendar.ts `dueSoonUntil`). */
  now: Date;
  soonUntil: Date;
  limit: number;
  /** The values of the last row of the page before (`decodeRowCursor(…, INBOX_CURSOR, 4)`). */
  after?: readonly string[] | undefined;
}

/** The inbox's cursors' tag (db/repositories/paging.ts `encodeRowCursor`). */
export const INBOX_CURSOR = 'inbox';

/** Counts of the inbox as the page head shows them, each counted up to `TOTAL_CAP`. */
interface TInboxSummary {
  total: number;
  totalCapped: boolean;
  overdue: number;
  overdueCapped: boolean;
  soon: number;
  soonCapped: boolean;
}

// A step without a deadline comes after every dated one; the same expression is indexed
// (case_task_unit_due, case_task_team_due), so the keyset is a plain row comparison.
const DUE_SORT = sql`coalesce(t.due_at, 'infinity'::timestamptz)`;
const STEP_ID = /^[a-z]{1,2}\d{1,2}$/;

/**
 * Open steps for a user, a page at a time: those of the user's roles in the scope's cases (filtered
 * by the task's own unit and team, as indexed), soonest deadline first, then the oldest, with the
 * filters applied in SQL before the page is cut; and the inbox's counts, each capped.
 */
export async function listInbox(db: Q, scope: TCaseScope, who: TInboxQuery) {
  const empty = { total: 0, totalCapped: false, overdue: 0, overdueCapped: false, soon: 0, soonCapped: false };
  if (!who.roles.length || (!scope.unitWide && scope.teamId === null)) return { tasks: [], nextCursor: null, summary: empty };
  // The counts read the tasks alone: what they filter on is in the inbox index (an index-only scan).
  let base = db
    .selectFrom('case_task as t')
    .where('t.unit_id', '=', scope.unitId)
    .where((eb) => eb.or(who.roles.map((r) => eb(eb.val(r), '=', eb.fn.any('t.roles')))));
  if (!scope.unitWide) base = base.where('t.team_id', '=', scope.teamId ?? '');
  if (who.assigneeId) base = base.where('t.assignee_id', '=', who.assigneeId);
  // The page head's counts: of the whole inbox (my tasks, or my team's or unit's), not of the filters.
  const overdue = sql<boolean>`not t.paused and (t.overdue or t.due_at < ${who.now})`;
  // On the indexed expression, so that "due soon" is a range of the index.
  const soon = sql<boolean>`not t.paused and not t.overdue and ${DUE_SORT} >= ${who.now} and ${DUE_SORT} <= ${who.soonUntil}`;

  let q = base.innerJoin('case_file as f', 'f.case_id', 't.case_id');
  if (who.kind) q = q.where('f.kind', '=', who.kind);
  if (who.unassigned) q = q.where('t.assignee_id', 'is', null);
  if (who.urgency) q = q.where(who.urgency === 'overdue' ? overdue : soon);
  for (const term of searchTerms(who.q)) {
    const pattern = containsPattern(term);
    q = STEP_ID.test(term) ? q.where((eb) => eb.or([eb('f.search_doc', 'like', pattern), eb('t.step_id', '=', term.toUpperCase())])) : q.where('f.search_doc', 'like', pattern);
  }
  if (who.after) {
    const [due, opened, caseId, stepId] = who.after;
    q = q.where(sql<boolean>`(${DUE_SORT}, t.opened_at, t.case_id, t.step_id) > (cast(${due} as timestamptz), cast(${opened} as timestamptz), ${caseId}, ${stepId})`);
  }

  const capped = (cond?: RawBuilder<boolean>) =>
    db
      .selectFrom(
        (cond ? base.where(cond) : base)
          .select(sql<number>`1`.as('one'))
          // In the inbox's order, as listCases counts (its index, not a guess at an early stop).
          .orderBy(DUE_SORT)
          .orderBy('t.opened_at')
          .orderBy('t.case_id')
          .orderBy('t.step_id')
          .limit(TOTAL_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'));
  // The counts are parts of the page's statement (uncorrelated subqueries, each run once: one round
  // trip, docs/adr/0180); only an empty page, which carries no row to hold them, is counted apart.
  const counts = [capped().as('all_n'), capped(overdue).as('late_n'), capped(soon).as('near_n')] as const;
  const found = await q
    .select(TASK_WITH_CASE_COLUMNS)
    .select([sql<string>`${DUE_SORT}::text`.as('due_sort'), sql<string>`t.opened_at::text`.as('opened_sort')])
    .select(counts)
    .orderBy(DUE_SORT)
    .orderBy('t.opened_at')
    .orderBy('t.case_id')
    .orderBy('t.step_id')
    .limit(who.limit + 1)
    .execute();
  const counted = found[0] ?? (await db.selectNoFrom(counts).executeTakeFirstOrThrow());
  const [all, late, near] = [cappedTotal(counted.all_n ?? 0), cappedTotal(counted.late_n ?? 0), cappedTotal(counted.near_n ?? 0)];
  const rows = found.slice(0, who.limit);
  const last = rows.at(-1);
  return {
    tasks: rows.map(({ due_sort: _d, opened_sort: _o, all_n: _a, late_n: _l, near_n: _n, ...row }) => row),
    nextCursor: found.length > who.limit && last ? encodeRowCursor(INBOX_CURSOR, [last.due_sort, last.opened_sort, last.case_id, last.step_id]) : null,
    summary: {
      total: all.total,
      totalCapped: all.totalCapped,
      overdue: late.total,
      overdueCapped: late.totalCapped,
      soon: near.total,
      soonCapped: near.totalCapped,
    } satisfies TInboxSummary,
  };
}
