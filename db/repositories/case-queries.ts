/**
 * Read-side queries over the case read model for lists: the case list, the inbox and a business's
 * case history. Each takes a `TCaseScope`, the SQL form of `canSeeCase` (api/auth.ts): the unit's
 * cases for unit-wide roles, the team's for the others, none for a user with neither.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { searchTerms } from '../../domain/business.js';
import type { Database } from '../schema.js';
import type { CaseFileRow } from '../tables/cases.table.js';
import { afterCursor, containsPattern, cutPage, type TPage, type TPageRequest, type TSortSql } from './paging.js';

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
  /** Words that must all appear in the business's name or tax code, or in the case number. */
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

/** One page of the cases the scope may see, filtered and sorted, with the total. */
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
  for (const term of searchTerms(f.q)) {
    const pattern = containsPattern(term);
    q = q.where((eb) => eb.or([eb('case_file.search_text', 'like', pattern), eb('business.search_text', 'like', pattern)]));
  }

  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const sort = CASE_SORT_SQL[page.sort];
  const dir = sql.raw(page.order);
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
    .select(sql<string>`${sort.expr}::text`.as('sort_value'));
  if (page.after) rows = rows.where(afterCursor(sort, sql`case_file.case_id`, page.order, page.after));
  const found = await rows
    .orderBy(sql`${sort.expr} ${dir}`)
    .orderBy(sql`case_file.case_id ${dir}`)
    .limit(page.limit + 1)
    .execute();
  const { rows: items, nextCursor } = cutPage(found, page, (r) => ({ value: r.sort_value, id: r.case_id }));
  return { items: items.map(({ sort_value: _, ...row }) => row), total, nextCursor };
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

/** The open steps of a unit's cases with what a task list shows of their case (the inbox, the team's workload). */
export function tasksWithTheirCase(db: Q, unitId: string) {
  return db
    .selectFrom('case_task as t')
    .innerJoin('case_file as f', 'f.case_id', 't.case_id')
    .select([
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
    ])
    .where('f.unit_id', '=', unitId);
}

/**
 * Open steps for a user: those of the user's roles in the scope's cases, soonest deadline first;
 * with `assigneeId`, only the steps assigned to that user.
 */
export async function listInbox(db: Q, scope: TCaseScope, who: { roles: string[]; assigneeId?: string | undefined }) {
  if (!who.roles.length) return [];
  let q = tasksWithTheirCase(db, scope.unitId)
    .where((eb) => eb.or(who.roles.map((r) => eb(eb.val(r), '=', eb.fn.any('t.roles')))))
    .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('t.opened_at');
  if (!scope.unitWide) q = q.where('t.team_id', '=', scope.teamId ?? '');
  if (who.assigneeId) q = q.where('t.assignee_id', '=', who.assigneeId);
  return q.execute();
}
