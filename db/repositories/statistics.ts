/**
 * The statistics (docs/statistics.md, docs/adr/0159): every case's facts (domain/statistics/facts.ts)
 * in `stat_fact`, written with the case by the projection; reports sum them over a period; a
 * drill-down lists the cases behind a figure from the same rows; a locked period keeps its facts
 * in `stat_locked_fact`, and what changes afterwards shows in the next open period as adjustments.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { TProcedureDefinition } from '../../domain/procedure.js';
import { withJudgements, type TCaseProjection } from '../../domain/projection.js';
import { caseFacts, caseViolationCode, FACTS_VERSION } from '../../domain/statistics/facts.js';
import { FACT_INDICATORS, type TFactIndicator, type TStatDimension } from '../../domain/statistics/indicators.js';
import { zeroTotals, type TIndicatorTotals } from '../../domain/statistics/table.js';
import { DEFAULT_PERIOD_START_DAY, nextPeriod, periodOf, type TPeriod, type TPeriodKind } from '../../domain/statistics/periods.js';
import { paramOn } from '../../domain/legal-params.js';
import { vnDateOf } from '../../domain/vn-time.js';
import type { Database } from '../schema.js';
import type { StatFactTable } from '../tables/statistics.table.js';
import type { TCaseBusiness } from './businesses.js';
import { listLegalParams } from './legal.js';
import { procedureDefinitions } from './procedures.js';

type Q = Kysely<Database> | Transaction<Database>;

/** A statistics error the API answers with its code. */
export class StatisticsError extends Error {
  constructor(
    readonly code: 'PERIOD_LOCKED' | 'PERIOD_NOT_ENDED' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'StatisticsError';
  }
}

/** The `stat_fact` column of each dimension. */
const DIMENSION_COLUMN: Readonly<Record<TStatDimension, string>> = {
  team: 'team_id',
  officer: 'officer_id',
  violation: 'violation_code',
  productGroup: 'product_group',
  province: 'province',
  commune: 'commune',
  campaign: 'campaign_id',
  kind: 'kind',
  step: 'step_id',
};
/** The columns that say what a fact is about, besides its case and indicator: an adjustment is computed per such key. */
const KEY_COLUMNS = ['team_id', 'officer_id', 'kind', 'step_id', 'matter_id', 'violation_code', 'product_group', 'province', 'commune', 'campaign_id'] as const;
const NOT_NULL_KEYS = new Set(['team_id', 'kind', 'matter_id']);

/** Whose figures: a unit's (or every unit's: null, the national view), or one team's of it. */
export interface TStatScope {
  unitId: string | null;
  teamId?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Writing: the projection's part.

/** The dimensions a case's facts carry that the projection does not: its business's area and product group, its root's campaign. */
async function caseDimensions(
  trx: Q,
  p: TCaseProjection,
  known?: { business: TCaseBusiness | null },
): Promise<{ province: string | null; commune: string | null; productGroup: string | null; campaignId: string | null }> {
  let businessId = p.businessId ?? null;
  let campaignId = p.campaignId ?? null;
  // A sub-case (a penalty opened from an inspection, a seizure…) counts under its parent's business and campaign.
  let parent = p.parentCaseId ?? null;
  for (let depth = 0; parent && (!businessId || !campaignId) && depth < 4; depth++) {
    const row = await trx.selectFrom('case_file').select(['business_id', 'campaign_id', 'parent_case_id']).where('case_id', '=', parent).executeTakeFirst();
    if (!row) break;
    businessId ??= row.business_id;
    campaignId ??= row.campaign_id;
    parent = row.parent_case_id;
  }
  if (!businessId) return { province: null, commune: null, productGroup: null, campaignId };
  // The case's own business as the caller read it; a parent's is read here.
  const b = known && businessId === p.businessId ? known.business : await trx.selectFrom('business').select(['province', 'commune', 'product_groups']).where('id', '=', businessId).executeTakeFirst();
  return { province: b?.province ?? null, commune: b?.commune ?? null, productGroup: b?.product_groups[0] ?? null, campaignId };
}

/**
 * The case's facts as stored, in order, as one JSON array (each row as `writeCaseFacts` reads it):
 * for the projection's one read of what its writes start from (db/repositories/cases.ts).
 */
export function factRowsRead(caseId: string): RawBuilder<TFactRow[]> {
  const fields = ROW_COLUMNS.map((c) => sql`${sql.lit(c)}, ${c === 'occurred_on' ? sql`to_char(occurred_on, 'YYYY-MM-DD')` : sql.ref(c)}`);
  return sql<TFactRow[]>`(select coalesce(json_agg(json_build_object(${sql.join(fields)}) order by ord), '[]'::json) from stat_fact where case_id = ${caseId})`;
}

/**
 * Replaces a case's facts with those of its projection, in the projection's transaction (so the
 * figures move with the case, and a retried projection writes the same rows). `old` and
 * `business`: the stored facts and the case's business as the caller read them in this
 * transaction (`factRowsRead`, `caseBusinessRead`), not read again.
 */
export async function writeCaseFacts(trx: Q, p: TCaseProjection, opts: { versionWritten?: boolean; old?: readonly TFactRow[]; business?: TCaseBusiness | null } = {}): Promise<void> {
  const snap = p.snapshot;
  const facts = caseFacts({ kind: p.kind, status: p.status, openedAt: p.openedAt, closedAt: p.closedAt, completed: snap.completed ?? [], events: snap.events ?? [] });
  const rows: TFactRow[] = [];
  if (facts.length) {
    const dims = await caseDimensions(trx, p, opts.business === undefined ? undefined : { business: opts.business });
    const violation = caseViolationCode({ completed: snap.completed ?? [] });
    const matter = p.kind === 'ENFORCEMENT' && p.parentCaseId ? p.parentCaseId : p.caseId;
    facts.forEach((f, ord) =>
      rows.push({
        case_id: p.caseId,
        ord,
        indicator: f.indicator,
        occurred_on: f.on,
        amount: f.amount,
        unit_id: p.unitId,
        team_id: p.teamId,
        officer_id: f.officerId,
        kind: p.kind,
        step_id: f.stepId,
        matter_id: matter,
        violation_code: violation,
        product_group: dims.productGroup,
        province: dims.province,
        commune: dims.commune,
        campaign_id: dims.campaignId,
      }),
    );
  }
  const old =
    opts.old ??
    (await trx
      .selectFrom('stat_fact')
      .select(['case_id', 'ord', 'indicator', sql<string>`to_char(occurred_on, 'YYYY-MM-DD')`.as('occurred_on'), 'amount', 'unit_id', ...KEY_COLUMNS])
      .where('case_id', '=', p.caseId)
      .orderBy('ord')
      .execute());
  // Most actions change no figure: then nothing is written (no row of the daily sums is touched).
  if (!sameRows(old, rows)) {
    await trx.deleteFrom('stat_fact').where('case_id', '=', p.caseId).execute();
    if (rows.length) await trx.insertInto('stat_fact').values(rows).execute();
    await moveDaily(trx, old, rows);
    const matters = new Set([...old, ...rows].filter((r) => MATTER_INDICATORS.includes(r.indicator)).map((r) => r.matter_id));
    for (const m of [...matters].sort()) await refreshMatter(trx, m);
  }
  // The projection writes it with the case's row, in the same transaction (`versionWritten`).
  if (!opts.versionWritten) await trx.updateTable('case_file').set({ facts_version: FACTS_VERSION }).where('case_id', '=', p.caseId).where('facts_version', '<>', FACTS_VERSION).execute();
}

/** A `stat_fact` row as written (its date as text). */
type TFactRow = Omit<Selectable<StatFactTable>, 'occurred_on'> & { occurred_on: string };

const ROW_COLUMNS = ['case_id', 'ord', 'indicator', 'occurred_on', 'amount', 'unit_id', ...KEY_COLUMNS] as const;
function sameRows(a: readonly TFactRow[], b: readonly TFactRow[]): boolean {
  return a.length === b.length && a.every((x, i) => ROW_COLUMNS.every((c) => x[c] === b[i]![c]));
}

/** The indicators what is outstanding is computed from. */
const MATTER_INDICATORS: readonly string[] = ['FINES_IMPOSED', 'BUDGET_COLLECTED'];

/**
 * Moves the daily sums from a case's old facts to its new ones in one statement: the net change per
 * (unit, day, indicator), in key order, so that two projections touching the same days lock their
 * rows in the same order (taking the old away and adding the new in two statements locked the old
 * days first: two cases moving facts between the same two days deadlocked — found by `npm run
 * chaos` once the API writes projections too, docs/adr/0176). A sum left with no fact goes.
 */
async function moveDaily(trx: Q, old: readonly TFactRow[], rows: readonly TFactRow[]): Promise<void> {
  const by = new Map<string, { unit_id: string; occurred_on: string; indicator: string; amount: number; facts: number }>();
  const add = (r: TFactRow, sign: 1 | -1): void => {
    const k = `${r.unit_id}|${r.occurred_on}|${r.indicator}`;
    const x = by.get(k) ?? { unit_id: r.unit_id, occurred_on: r.occurred_on, indicator: r.indicator, amount: 0, facts: 0 };
    x.amount += sign * r.amount;
    x.facts += sign;
    by.set(k, x);
  };
  for (const r of old) add(r, -1);
  for (const r of rows) add(r, 1);
  const values = [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => v)
    .filter((v) => v.amount !== 0 || v.facts !== 0);
  if (!values.length) return;
  await trx
    .insertInto('stat_daily')
    .values(values)
    .onConflict((oc) => oc.columns(['unit_id', 'occurred_on', 'indicator']).doUpdateSet({ amount: sql`stat_daily.amount + excluded.amount`, facts: sql`stat_daily.facts + excluded.facts` }))
    .execute();
  const emptied = values.filter((v) => v.facts < 0);
  if (emptied.length)
    await sql`delete from stat_daily where facts = 0 and (unit_id, occurred_on, indicator) in (${sql.join(emptied.map((v) => sql`(${v.unit_id}, ${v.occurred_on}::date, ${v.indicator})`))})`.execute(
      trx,
    );
}

/**
 * A matter's decided and settled days, from its facts: decided on its first fine; settled on the
 * first day after which what it owes (fines less payments, day by day) is never above nothing again
 * (null while it owes). A matter with no fine has no row.
 */
async function refreshMatter(trx: Q, matterId: string): Promise<void> {
  const r = await sql<{ unit_id: string; decided: string | null; settled: string | null }>`
    with ev as (
      select occurred_on as d, sum(case when indicator = 'FINES_IMPOSED' then amount else -amount end) as delta, bool_or(indicator = 'FINES_IMPOSED') as fine, min(unit_id) as unit_id
      from stat_fact where matter_id = ${matterId} and indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED') group by occurred_on),
    run as (select *, sum(delta) over (order by d) as bal from ev),
    owing as (select *, max(d) filter (where bal > 0) over () as last_owing from run)
    select min(unit_id) as unit_id, to_char(min(d) filter (where fine), 'YYYY-MM-DD') as decided,
           to_char(case when max(last_owing) is null then min(d) else min(d) filter (where d > last_owing) end, 'YYYY-MM-DD') as settled
    from owing`.execute(trx);
  const m = r.rows[0];
  if (!m?.decided) {
    await trx.deleteFrom('stat_matter').where('matter_id', '=', matterId).execute();
    return;
  }
  const row = { unit_id: m.unit_id, decided_on: m.decided, settled_on: m.settled };
  await trx
    .insertInto('stat_matter')
    .values({ matter_id: matterId, ...row })
    .onConflict((oc) => oc.column('matter_id').doUpdateSet(row))
    .execute();
}

/**
 * Derives again, from the stored snapshots, the facts of up to `limit` cases written by an older
 * derivation (or before the statistics existed). Returns how many it did; the worker calls it until 0.
 * Each case in its own transaction, its row locked: a projection committing meanwhile wins or waits.
 */
export async function rebuildStaleFacts(db: Kysely<Database>, limit = 500): Promise<number> {
  const ids = await db.selectFrom('case_file').select('case_id').where('facts_version', '<', FACTS_VERSION).orderBy('case_id').limit(limit).execute();
  // The cases' definitions, read once per version in the batch: a step stored without the engine's
  // judgement of its deadline is judged again as the engine does (docs/adr/0207).
  const defs = new Map<string, TProcedureDefinition | null>();
  const definitionOf = async (procedureId: string, version: number): Promise<TProcedureDefinition | null> => {
    const key = `${procedureId}@${version}`;
    if (!defs.has(key)) defs.set(key, (await procedureDefinitions(db, procedureId, [version])).get(version) ?? null);
    return defs.get(key)!;
  };
  for (const { case_id } of ids) {
    await db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('case_file').selectAll().where('case_id', '=', case_id).where('facts_version', '<', FACTS_VERSION).forUpdate().executeTakeFirst();
      if (!r) return;
      const def = r.snapshot.completed?.some((c) => c.deadline && typeof c.late !== 'boolean') ? await definitionOf(r.procedure_id, r.procedure_version) : null;
      const snapshot = def ? { ...r.snapshot, completed: withJudgements(def, r.snapshot.completed) } : r.snapshot;
      await writeCaseFacts(trx, {
        caseId: r.case_id,
        kind: r.kind,
        status: r.status,
        unitId: r.unit_id,
        teamId: r.team_id,
        businessId: r.business_id ?? undefined,
        campaignId: r.campaign_id ?? undefined,
        parentCaseId: r.parent_case_id ?? undefined,
        openedAt: r.opened_at.toISOString(),
        closedAt: r.closed_at?.toISOString(),
        snapshot,
      } as TCaseProjection);
    });
  }
  return ids.length;
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** Which rows a figure is summed from: the live facts, or a locked period's own. */
type TSource = { live: true } | { live: false; lockId: string };

function sourceTable(src: TSource): RawBuilder<unknown> {
  return src.live ? sql`stat_fact` : sql`(select * from stat_locked_fact where lock_id = ${src.lockId} and in_lock_id = ${src.lockId})`;
}

function scopeWhere(scope: TStatScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (scope.unitId !== null) parts.push(sql`f.unit_id = ${scope.unitId}`);
  if (scope.teamId) parts.push(sql`f.team_id = ${scope.teamId}`);
  return sql.join(parts, sql` and `);
}

/** One row of a grouped report: the group's value (null: not known, e.g. a case without a business) and its figures. */
interface TStatGroup {
  value: string | null;
  totals: TIndicatorTotals;
}

/** Sums of each indicator over a period, and by a dimension if asked. */
async function sums(db: Q, src: TSource, scope: TStatScope, from: string, to: string, groupBy?: TStatDimension): Promise<{ totals: TIndicatorTotals; groups?: TStatGroup[] }> {
  const where = sql`${scopeWhere(scope)} and f.occurred_on between ${from}::date and ${to}::date`;
  if (!groupBy) {
    // A unit's (or the country's) live totals come from the daily sums: a few thousand rows for a year, not every fact.
    const rows =
      src.live && !scope.teamId
        ? await sql<{ indicator: TFactIndicator; amount: number }>`
            select f.indicator, sum(f.amount)::bigint as amount from stat_daily f
            where ${scope.unitId === null ? sql`true` : sql`f.unit_id = ${scope.unitId}`} and f.occurred_on between ${from}::date and ${to}::date group by f.indicator`.execute(db)
        : await sql<{ indicator: TFactIndicator; amount: number }>`select f.indicator, sum(f.amount)::bigint as amount from ${sourceTable(src)} f where ${where} group by f.indicator`.execute(db);
    const totals = zeroTotals();
    for (const r of rows.rows) totals[r.indicator] = r.amount;
    return { totals };
  }
  const col = sql.ref(`f.${DIMENSION_COLUMN[groupBy]}`);
  const rows = await sql<{ value: string | null; indicator: TFactIndicator; amount: number }>`
    select ${col} as value, f.indicator, sum(f.amount)::bigint as amount from ${sourceTable(src)} f where ${where} group by 1, 2`.execute(db);
  const totals = zeroTotals();
  const groups = new Map<string | null, TIndicatorTotals>();
  for (const r of rows.rows) {
    totals[r.indicator] += r.amount;
    if (!groups.has(r.value)) groups.set(r.value, zeroTotals());
    groups.get(r.value)![r.indicator] += r.amount;
  }
  const list = [...groups.entries()].map(([value, t]) => ({ value, totals: t }));
  // Nulls last; then by the count of cases handled and the inspections, largest first; then by value.
  list.sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      b.totals.VIOLATION_CASES - a.totals.VIOLATION_CASES ||
      b.totals.INSPECTIONS - a.totals.INSPECTIONS ||
      String(a.value).localeCompare(String(b.value)),
  );
  return { totals, groups: list };
}

/**
 * Fines decided and not yet collected at the end of a day: per matter (a penalty case with its
 * enforcement), the fines decided by then less what was paid by then, never below nothing (a
 * late-payment surcharge is paid on top of the fine), summed.
 */
async function outstandingAt(db: Q, scope: TStatScope, asOf: string): Promise<number> {
  const r = await sql<{ amount: number }>`select coalesce(sum(amount), 0)::bigint as amount from (${owingMatters(scope, asOf)}) m`.execute(db);
  return r.rows[0]?.amount ?? 0;
}

/**
 * The matters owing at the end of `asOf`, with what each owes: only those decided by then and not
 * settled by then are read (`stat_matter`), each from its own facts (the others owe nothing).
 */
function owingMatters(scope: TStatScope, asOf: string, dimWhere: RawBuilder<unknown> = sql``): RawBuilder<{ case_id: string; amount: number; first_on: string; last_on: string }> {
  return sql`
    select m.matter_id as case_id, sum(case when f.indicator = 'FINES_IMPOSED' then f.amount else -f.amount end)::bigint as amount,
           to_char(min(f.occurred_on), 'YYYY-MM-DD') as first_on, to_char(max(f.occurred_on), 'YYYY-MM-DD') as last_on
    from stat_matter m join stat_fact f on f.matter_id = m.matter_id and f.indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED') and f.occurred_on <= ${asOf}::date
    where ${scope.unitId === null ? sql`true` : sql`m.unit_id = ${scope.unitId}`} ${scope.teamId ? sql`and f.team_id = ${scope.teamId}` : sql``}
      and m.decided_on <= ${asOf}::date and (m.settled_on is null or m.settled_on > ${asOf}::date) ${dimWhere}
    group by m.matter_id having sum(case when f.indicator = 'FINES_IMPOSED' then f.amount else -f.amount end) > 0`;
}

/** A locked period as stored. */
export interface TPeriodLock {
  id: string;
  unitId: string;
  kind: TPeriodKind;
  key: string;
  from: string;
  to: string;
  figures: TLockedFigures;
  hash: string;
  lockedBy: string;
  lockedAt: string;
}

/** What a lock freezes: the period's totals, what was outstanding at its end, and the adjustments of earlier periods it took over. */
interface TLockedFigures {
  totals: TIndicatorTotals;
  outstanding: number;
  adjustments: TAdjustment[];
}

/** What changed in a locked period after it was locked (current facts less what it accounts for). */
interface TAdjustment {
  periodKey: string;
  lockId: string;
  totals: TIndicatorTotals;
}

async function locksOf(db: Q, unitId: string, kind: TPeriodKind): Promise<TPeriodLock[]> {
  const rows = await db
    .selectFrom('stat_period_lock')
    .select([
      'id',
      'unit_id',
      'period_kind',
      'period_key',
      sql<string>`to_char(from_date, 'YYYY-MM-DD')`.as('from'),
      sql<string>`to_char(to_date, 'YYYY-MM-DD')`.as('to'),
      'figures',
      'hash',
      'locked_by',
      'locked_at',
    ])
    .where('unit_id', '=', unitId)
    .where('period_kind', '=', kind)
    .orderBy('from_date')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    unitId: r.unit_id,
    kind: r.period_kind,
    key: r.period_key,
    from: r.from,
    to: r.to,
    figures: r.figures as TLockedFigures,
    hash: r.hash,
    lockedBy: r.locked_by,
    lockedAt: r.locked_at.toISOString(),
  }));
}

/** The locks of a unit (newest first), for the report screen's list. */
export async function listPeriodLocks(db: Q, unitId: string): Promise<TPeriodLock[]> {
  const all = await Promise.all((['MONTH', 'QUARTER', 'HALF', 'YEAR'] as const).map((k) => locksOf(db, unitId, k)));
  return all.flat().sort((a, b) => b.lockedAt.localeCompare(a.lockedAt));
}

/** The locked periods whose adjustments show in `q`: those after which every period up to `q` is locked. */
function pendingInto(locks: readonly TPeriodLock[], q: TPeriod, startDay: number): TPeriodLock[] {
  const locked = new Set(locks.map((l) => l.key));
  return locks.filter((l) => {
    if (l.to >= q.from) return false;
    let p = nextPeriod({ kind: l.kind, key: l.key, from: l.from, to: l.to }, startDay);
    for (let i = 0; i < 1_000 && locked.has(p.key); i++) p = nextPeriod(p, startDay);
    return p.key === q.key;
  });
}

const keyExpr = (alias: string, c: string) => (NOT_NULL_KEYS.has(c) ? `${alias}.${c}` : `coalesce(${alias}.${c}, '')`);
/** The key columns, nulls as '' (so that a full join matches them), for a GROUP BY and, named, for a SELECT. */
const keyCols = (alias: string) => sql.raw(KEY_COLUMNS.map((c) => keyExpr(alias, c)).join(', '));
const keySelect = (alias: string) => sql.raw(KEY_COLUMNS.map((c) => `${keyExpr(alias, c)} as ${c}`).join(', '));
const keyNames = sql.raw(KEY_COLUMNS.join(', '));

/**
 * The adjustment of a locked period, per case, indicator and key: what its facts sum to now less
 * what it accounts for (locked with it, or taken over before). Rows with no difference are left out.
 */
function adjustmentRows(lock: TPeriodLock, scope: TStatScope): RawBuilder<{ case_id: string; indicator: TFactIndicator; amount: number }> {
  const teamLive = scope.teamId ? sql`and f.team_id = ${scope.teamId}` : sql``;
  return sql`
    with now_ as (
      select f.case_id, f.indicator, ${keySelect('f')}, sum(f.amount) as amount from stat_fact f
      where f.unit_id = ${lock.unitId} and f.occurred_on between ${lock.from}::date and ${lock.to}::date ${teamLive}
      group by f.case_id, f.indicator, ${keyCols('f')}),
    acc as (
      select f.case_id, f.indicator, ${keySelect('f')}, sum(f.amount) as amount from stat_locked_fact f
      where f.lock_id = ${lock.id} ${teamLive}
      group by f.case_id, f.indicator, ${keyCols('f')})
    select case_id, indicator, ${keyNames}, (coalesce(now_.amount, 0) - coalesce(acc.amount, 0))::bigint as amount
    from now_ full join acc using (case_id, indicator, ${keyNames})
    where coalesce(now_.amount, 0) <> coalesce(acc.amount, 0)`;
}

async function adjustmentTotals(db: Q, lock: TPeriodLock, scope: TStatScope): Promise<TIndicatorTotals> {
  const r = await sql<{ indicator: TFactIndicator; amount: number }>`select indicator, sum(amount)::bigint as amount from (${adjustmentRows(lock, scope)}) a group by indicator`.execute(db);
  const totals = zeroTotals();
  for (const x of r.rows) totals[x.indicator] = x.amount;
  return totals;
}

const isZero = (t: TIndicatorTotals): boolean => FACT_INDICATORS.every((i) => t[i] === 0);

/** The first day of the statistical month in force on a date (national parameter, 15 by default). */
export async function periodStartDay(db: Q, on: string): Promise<number> {
  try {
    return paramOn(await listLegalParams(db), 'statisticsPeriodStartDay', on).value;
  } catch {
    return DEFAULT_PERIOD_START_DAY;
  }
}

/** A report: a period's figures, from its lock if it is locked, else live with the adjustments of locked periods before it. */
export interface TStatReport {
  scope: TStatScope;
  period: TPeriod;
  /** Present when the period is locked: its figures are those frozen then. */
  lock?: Omit<TPeriodLock, 'figures'> | undefined;
  totals: TIndicatorTotals;
  /** Fines decided and not collected at the period's end (a stock, not a sum over the period). */
  outstanding: number;
  groupBy?: TStatDimension | undefined;
  groups?: TStatGroup[] | undefined;
  /** Changes to locked periods before this one: shown here, never written into them. */
  adjustments: TAdjustment[];
}

/**
 * The report of a period. A unit's period of a kind (not a custom range) may be locked; a team's
 * view of a locked period reads the lock's facts of that team, and its outstanding at lock time
 * is not kept per team (it is read live).
 */
export async function statisticsReport(
  db: Q,
  q: { unitId: string | null; teamId?: string | undefined; period: TPeriod; groupBy?: TStatDimension | undefined; startDay?: number },
): Promise<TStatReport> {
  const scope: TStatScope = { unitId: q.unitId, teamId: q.teamId };
  const startDay = q.startDay ?? DEFAULT_PERIOD_START_DAY;
  const locks = q.unitId !== null && q.period.kind !== 'CUSTOM' ? await locksOf(db, q.unitId, q.period.kind) : [];
  const lock = locks.find((l) => l.key === q.period.key);
  if (lock) {
    const s = await sums(db, { live: false, lockId: lock.id }, scope, lock.from, lock.to, q.groupBy);
    const { figures, ...meta } = lock;
    const whole = !q.teamId;
    return {
      scope,
      period: q.period,
      lock: meta,
      totals: whole ? figures.totals : s.totals,
      outstanding: whole ? figures.outstanding : await outstandingAt(db, scope, lock.to),
      groupBy: q.groupBy,
      groups: s.groups,
      adjustments: whole ? figures.adjustments : [],
    };
  }
  const s = await sums(db, { live: true }, scope, q.period.from, q.period.to, q.groupBy);
  const adjustments: TAdjustment[] = [];
  if (q.period.kind !== 'CUSTOM') {
    for (const p of pendingInto(locks, q.period, startDay)) {
      const totals = await adjustmentTotals(db, p, scope);
      if (!isZero(totals)) adjustments.push({ periodKey: p.key, lockId: p.id, totals });
    }
  }
  return { scope, period: q.period, totals: s.totals, outstanding: await outstandingAt(db, scope, q.period.to), groupBy: q.groupBy, groups: s.groups, adjustments };
}

/** Each indicator over consecutive periods (a dashboard's chart): live facts, one query. */
export async function statisticsSeries(db: Q, q: { unitId: string | null; teamId?: string | undefined; periods: readonly TPeriod[] }): Promise<{ period: TPeriod; totals: TIndicatorTotals }[]> {
  if (!q.periods.length) return [];
  const values = sql.join(q.periods.map((p, i) => sql`(${i}::int, ${p.from}::date, ${p.to}::date)`));
  const from = q.periods.reduce((m, p) => (p.from < m ? p.from : m), q.periods[0]!.from);
  const to = q.periods.reduce((m, p) => (p.to > m ? p.to : m), q.periods[0]!.to);
  const r = await sql<{ i: number; indicator: TFactIndicator; amount: number }>`
    select p.i, f.indicator, sum(f.amount)::bigint as amount
    from ${q.teamId ? sql`stat_fact` : sql`stat_daily`} f join (values ${values}) as p(i, d0, d1) on f.occurred_on between p.d0 and p.d1
    where ${scopeWhere({ unitId: q.unitId, teamId: q.teamId })} and f.occurred_on between ${from}::date and ${to}::date
    group by 1, 2`.execute(db);
  const out = q.periods.map((period) => ({ period, totals: zeroTotals() }));
  for (const x of r.rows) out[x.i]!.totals[x.indicator] = x.amount;
  return out;
}

/** Open steps past their deadline now, and the cases they belong to (the live stock, not a period's figure). */
export async function overdueNow(db: Q, scope: TStatScope): Promise<{ steps: number; cases: number }> {
  let query = db
    .selectFrom('case_task as t')
    .innerJoin('case_file as c', 'c.case_id', 't.case_id')
    .select([sql<number>`count(*)::int`.as('steps'), sql<number>`count(distinct t.case_id)::int`.as('cases')])
    .where('t.overdue', '=', true)
    .where('t.paused', '=', false);
  if (scope.unitId !== null) query = query.where('c.unit_id', '=', scope.unitId);
  if (scope.teamId) query = query.where('t.team_id', '=', scope.teamId);
  const r = await query.executeTakeFirst();
  return { steps: r?.steps ?? 0, cases: r?.cases ?? 0 };
}

/** One case behind a figure, with its share of it. */
interface TDrillCase {
  caseId: string;
  title: string;
  kind: string;
  status: string;
  amount: number;
  /** The first and last day its facts in the figure count on. */
  firstOn: string;
  lastOn: string;
}

export interface TDrillPage {
  cases: TDrillCase[];
  /** Keyset cursor for the next page (the last case id), absent on the last page. */
  next?: string | undefined;
  /** The whole list's sum and size (every page's): the figure drilled into. */
  total: number;
  count: number;
}

/**
 * The cases behind a figure: the report's own rows for the indicator (the lock's if the period is
 * locked), grouped by case, paged by case id. `OUTSTANDING` lists the matters with fines unpaid at
 * the period's end; `adjustment` lists what changed in that locked period since.
 */
export async function drillDown(
  db: Q,
  q: {
    unitId: string | null;
    teamId?: string | undefined;
    period: TPeriod;
    indicator: TFactIndicator | 'OUTSTANDING';
    dimension?: TStatDimension | undefined;
    /** The group's value; null for "not known". Ignored without a dimension. */
    value?: string | null | undefined;
    /** The key of a locked period whose adjustment to list (shown in this period's report). */
    adjustmentOf?: string | undefined;
    after?: string | undefined;
    limit: number;
  },
): Promise<TDrillPage> {
  const scope: TStatScope = { unitId: q.unitId, teamId: q.teamId };
  const dim = q.dimension ? sql.ref(`f.${DIMENSION_COLUMN[q.dimension]}`) : null;
  const dimWhere = dim ? (q.value === null || q.value === undefined ? sql`and ${dim} is null` : sql`and ${dim} = ${q.value}`) : sql``;

  let rows: RawBuilder<{ case_id: string; amount: number; first_on: string; last_on: string }>;
  if (q.indicator === 'OUTSTANDING') {
    rows = owingMatters(scope, q.period.to, dimWhere);
  } else if (q.adjustmentOf) {
    if (q.unitId === null || q.period.kind === 'CUSTOM') throw new StatisticsError('NOT_FOUND', 'Adjustments belong to a unit’s periods.');
    const lock = (await locksOf(db, q.unitId, q.period.kind)).find((l) => l.key === q.adjustmentOf);
    if (!lock) throw new StatisticsError('NOT_FOUND', `The period ${q.adjustmentOf} is not locked: it has no adjustments.`);
    const adjDim = q.dimension ? sql.ref(`a.${DIMENSION_COLUMN[q.dimension]}`) : null;
    const adjWhere = adjDim ? (q.value === null || q.value === undefined ? sql`and nullif(${adjDim}, '') is null` : sql`and ${adjDim} = ${q.value}`) : sql``;
    rows = sql`
      select a.case_id, sum(a.amount)::bigint as amount, ${lock.from} as first_on, ${lock.to} as last_on
      from (${adjustmentRows(lock, scope)}) a where a.indicator = ${q.indicator} ${adjWhere}
      group by a.case_id having sum(a.amount) <> 0`;
  } else {
    const locked = q.unitId !== null && q.period.kind !== 'CUSTOM' ? (await locksOf(db, q.unitId, q.period.kind)).find((l) => l.key === q.period.key) : undefined;
    const src: TSource = locked ? { live: false, lockId: locked.id } : { live: true };
    rows = sql`
      select f.case_id, sum(f.amount)::bigint as amount, to_char(min(f.occurred_on), 'YYYY-MM-DD') as first_on, to_char(max(f.occurred_on), 'YYYY-MM-DD') as last_on
      from ${sourceTable(src)} f
      where ${scopeWhere(scope)} and f.occurred_on between ${q.period.from}::date and ${q.period.to}::date and f.indicator = ${q.indicator} ${dimWhere}
      group by f.case_id`;
  }
  const [page, whole] = await Promise.all([
    sql<{ case_id: string; amount: number; first_on: string; last_on: string; title: string | null; kind: string | null; status: string | null }>`
      select d.*, c.title, c.kind, c.status from (${rows}) d left join case_file c on c.case_id = d.case_id
      where ${q.after ? sql`d.case_id > ${q.after}` : sql`true`}
      order by d.case_id limit ${q.limit + 1}`.execute(db),
    sql<{ total: number; count: number }>`select coalesce(sum(amount), 0)::bigint as total, count(*)::int as count from (${rows}) d`.execute(db),
  ]);
  const list = page.rows.slice(0, q.limit).map((r) => ({
    caseId: r.case_id,
    title: r.title ?? r.case_id,
    kind: r.kind ?? '',
    status: r.status ?? '',
    amount: r.amount,
    firstOn: r.first_on,
    lastOn: r.last_on,
  }));
  return { cases: list, next: page.rows.length > q.limit ? list[list.length - 1]!.caseId : undefined, total: whole.rows[0]?.total ?? 0, count: whole.rows[0]?.count ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Locking.

/** A stable text of the figures (keys sorted), for the hash. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The hash a lock carries: SHA-256 over its period, figures and the digest of the facts it froze. */
function lockHash(x: { unitId: string; kind: string; key: string; from: string; to: string; figures: TLockedFigures; factsDigest: string }): string {
  return createHash('sha256').update(canonical(x)).digest('hex');
}

const FACT_DIGEST = sql`encode(sha256(convert_to(coalesce(string_agg(
  concat_ws('|', case_id, indicator, to_char(occurred_on, 'YYYY-MM-DD'), amount, team_id, officer_id, kind, step_id, matter_id, violation_code, product_group, province, commune, campaign_id),
  E'\\n' order by case_id, ord, indicator, amount), ''), 'UTF8')), 'hex')`;

/**
 * Locks a unit's period once it has ended: its facts are copied as they are, the adjustments of
 * earlier locked periods that show in it are taken over (copied as theirs, in this lock), and the
 * figures with their hash are stored. In one repeatable-read transaction, so the figures and the
 * rows are of one moment; one lock per period (unique), refused once locked.
 */
export async function lockPeriod(db: Kysely<Database>, q: { unitId: string; kind: TPeriodKind; key: string; by: string; today: string; startDay: number }): Promise<TPeriodLock> {
  const period = periodOf(q.kind, q.key, q.startDay);
  if (period.to >= q.today) throw new StatisticsError('PERIOD_NOT_ENDED', `Kỳ ${q.key} kết thúc ngày ${period.to}: chỉ khóa số liệu sau khi kỳ báo cáo đã kết thúc.`);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // One locker per unit at a time (two directors locking the same or adjacent periods).
      await sql`select pg_advisory_xact_lock(hashtext(${`stat-lock:${q.unitId}`}))`.execute(trx);
      const locks = await locksOf(trx, q.unitId, q.kind);
      if (locks.some((l) => l.key === q.key)) throw new StatisticsError('PERIOD_LOCKED', `Kỳ ${q.key} đã được khóa số liệu.`);
      const scope: TStatScope = { unitId: q.unitId };
      const { totals } = await sums(trx, { live: true }, scope, period.from, period.to);
      const pending = pendingInto(locks, period, q.startDay);
      const adjustments: TAdjustment[] = [];
      for (const p of pending) {
        const t = await adjustmentTotals(trx, p, scope);
        if (!isZero(t)) adjustments.push({ periodKey: p.key, lockId: p.id, totals: t });
      }
      const figures: TLockedFigures = { totals, outstanding: await outstandingAt(trx, scope, period.to), adjustments };
      const digest = await sql<{ d: string }>`select ${FACT_DIGEST} as d from stat_fact where unit_id = ${q.unitId} and occurred_on between ${period.from}::date and ${period.to}::date`.execute(trx);
      const hash = lockHash({ unitId: q.unitId, kind: q.kind, key: q.key, from: period.from, to: period.to, figures, factsDigest: digest.rows[0]!.d });
      const inserted = await trx
        .insertInto('stat_period_lock')
        .values({ unit_id: q.unitId, period_kind: q.kind, period_key: q.key, from_date: period.from, to_date: period.to, figures: JSON.stringify(figures), hash, locked_by: q.by })
        .returning(['id', 'locked_at'])
        .executeTakeFirstOrThrow();
      const id = String(inserted.id);
      const cols = sql.raw(['case_id', 'ord', 'indicator', 'occurred_on', 'amount', 'unit_id', ...KEY_COLUMNS].join(', '));
      await sql`insert into stat_locked_fact (lock_id, in_lock_id, ${cols})
        select ${id}::bigint, ${id}::bigint, ${cols} from stat_fact where unit_id = ${q.unitId} and occurred_on between ${period.from}::date and ${period.to}::date`.execute(trx);
      for (const p of pending) {
        // The earlier period's adjustment, per case and key, now accounted for (by this lock).
        await sql`insert into stat_locked_fact (lock_id, in_lock_id, case_id, ord, indicator, occurred_on, amount, unit_id, ${keyNames})
          select ${p.id}::bigint, ${id}::bigint, a.case_id, -1 - (row_number() over ())::int, a.indicator, ${p.to}::date, a.amount, ${q.unitId},
                 ${sql.raw(KEY_COLUMNS.map((c) => (NOT_NULL_KEYS.has(c) ? `a.${c}` : `nullif(a.${c}, '')`)).join(', '))}
          from (${adjustmentRows(p, scope)}) a`.execute(trx);
      }
      return { id, unitId: q.unitId, kind: q.kind, key: q.key, from: period.from, to: period.to, figures, hash, lockedBy: q.by, lockedAt: inserted.locked_at.toISOString() };
    });
}

/** Checks a lock against its stored facts: the hash recomputed from what is stored. */
export async function verifyLock(db: Q, unitId: string, kind: TPeriodKind, key: string): Promise<{ ok: boolean; hash: string; recomputed: string }> {
  const lock = (await locksOf(db, unitId, kind)).find((l) => l.key === key);
  if (!lock) throw new StatisticsError('NOT_FOUND', `Kỳ ${key} chưa được khóa.`);
  const digest = await sql<{ d: string }>`select ${FACT_DIGEST} as d from stat_locked_fact where lock_id = ${lock.id} and in_lock_id = ${lock.id}`.execute(db);
  const recomputed = lockHash({ unitId, kind, key, from: lock.from, to: lock.to, figures: lock.figures, factsDigest: digest.rows[0]!.d });
  return { ok: recomputed === lock.hash, hash: lock.hash, recomputed };
}

/** Today in Vietnam (the lock's "has the period ended"). */
export const vnToday = (): string => vnDateOf(new Date());
