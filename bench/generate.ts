/**
 * The synthetic national read model of issue 18 (statistics at national scale): 34 provincial
 * units, their teams and officers, businesses, ten statistical years of cases (15/12/2016 –
 * 14/12/2026) with their open tasks and their statistical facts (`stat_fact`), deterministic from
 * a seed. Every generated row's id starts with `GEN-`; a run first removes the rows of the last.
 *
 *   node --import tsx bench/generate.ts [--cases 1000000] [--seed 1] [--url postgres://…]
 *
 * Without --url it starts the benchmark's embedded PostgreSQL (bench/embedded.ts). The bulk is
 * generated inside PostgreSQL, one `insert … select … from generate_series(…)` per chunk of about
 * 50,000 cases (case_file, case_task and stat_fact in one statement, so one transaction). Random
 * numbers are hashes of (row number, purpose, seed) (`hashint8extended`), not `random()`: the same
 * seed gives the same rows whatever the plan, the chunk size or the order of evaluation.
 * bench/README.md describes the distributions.
 */
import { pathToFileURL } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import { createDb, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { foldVietnamese } from '../domain/business.js';
import { FACTS_VERSION } from '../domain/statistics/facts.js';
import { logLine, openBenchDatabase } from './embedded.js';
import { cliOptions, databaseUrlOption, intOption, portOption } from '../lib/cli-options.js';
import { buildReference, personName, PICK_SLOTS, prng, UNIT_PICK_SLOTS, type TReference } from './reference.js';

export interface TGenerateOptions {
  cases: number;
  seed: number;
  /** Cases per statement (and transaction); default 50,000. */
  chunkCases?: number;
  log?: (line: string) => void;
}

export interface TGenerateResult {
  seed: number;
  requestedCases: number;
  elapsedSeconds: number;
  phases: Record<string, number>;
  rows: Record<string, number>;
  casesByKind: Record<string, number>;
  openCases: number;
  sizes: Record<string, { totalMb: number; tableMb: number; indexesMb: number }>;
  indexesMb: Record<string, number>;
}

// Day 0 is 2016-12-15, the first day of statistical year 2017; the last day with cases is day
// 3651, 2026-12-14, the last day of statistical year 2026. The data's "now" is the start of day
// 3652 (2026-12-15 00:00, Vietnam time): cases still open then have a task due around it.
const BASE_DATE = '2016-12-15';
const BASE_TS = '2016-12-15T00:00:00+07:00';
const DAYS = 3652;
const LAST_DAY = DAYS - 1;
/** The data's "now": the end of the last generated day. */
const GENERATED_AS_OF = '2026-12-15T00:00:00+07:00';
/** ~5 % more cases each year: the density of the opening dates grows by this factor over the ten years. */
const GROWTH = 1.05 ** 10;

/** Shares of the kinds among all cases. */
const KIND_SHARES = {
  INSPECTION: 0.45,
  PENALTY: 0.22,
  PENALTY_NO_RECORD: 0.1,
  TIP: 0.14,
  SEIZURE: 0.06,
  ENFORCEMENT: 0.015,
  CRIMINAL_REFERRAL: 0.005,
  PAPER_FILE: 0.01,
} as const;
type TKind = keyof typeof KIND_SHARES;
/** The part of a kind's cases started by an inspection (its child, same business); the rest are opened on their own. */
const BORN_OF_INSPECTION = { PENALTY: 0.85, SEIZURE: 0.8, CRIMINAL_REFERRAL: 0.7 } as const;
/** Penalty cases that reach a sanction decision. */
const DECIDED = 0.9;
/** Decided fines paid (the others: enforcement, or still owed). */
const PAID = 0.85;

const ROOT_SHARES: readonly (readonly [TKind, number])[] = [
  ['INSPECTION', KIND_SHARES.INSPECTION],
  ['PENALTY', KIND_SHARES.PENALTY * (1 - BORN_OF_INSPECTION.PENALTY)],
  ['PENALTY_NO_RECORD', KIND_SHARES.PENALTY_NO_RECORD],
  ['TIP', KIND_SHARES.TIP],
  ['SEIZURE', KIND_SHARES.SEIZURE * (1 - BORN_OF_INSPECTION.SEIZURE)],
  ['CRIMINAL_REFERRAL', KIND_SHARES.CRIMINAL_REFERRAL * (1 - BORN_OF_INSPECTION.CRIMINAL_REFERRAL)],
  ['PAPER_FILE', KIND_SHARES.PAPER_FILE],
];
/** A family: a root case and the cases started from it. Cases per family = 1 / (roots per case). */
const ROOTS_PER_CASE = ROOT_SHARES.reduce((s, [, share]) => s + share, 0);
const CHILD_PROBABILITY = {
  PENALTY: (KIND_SHARES.PENALTY * BORN_OF_INSPECTION.PENALTY) / KIND_SHARES.INSPECTION,
  SEIZURE: (KIND_SHARES.SEIZURE * BORN_OF_INSPECTION.SEIZURE) / KIND_SHARES.INSPECTION,
  CRIMINAL_REFERRAL: (KIND_SHARES.CRIMINAL_REFERRAL * BORN_OF_INSPECTION.CRIMINAL_REFERRAL) / KIND_SHARES.INSPECTION,
  ENFORCEMENT: KIND_SHARES.ENFORCEMENT / ((KIND_SHARES.PENALTY + KIND_SHARES.PENALTY_NO_RECORD) * DECIDED),
};

const PROCEDURES: Readonly<Record<TKind, readonly [string, number]>> = {
  INSPECTION: ['ins-inspection', 4],
  PENALTY: ['ins-penalty', 5],
  PENALTY_NO_RECORD: ['ins-penalty-no-record', 3],
  TIP: ['ins-tip', 1],
  SEIZURE: ['ins-seizure', 3],
  ENFORCEMENT: ['ins-enforcement', 3],
  CRIMINAL_REFERRAL: ['ins-criminal-referral', 3],
  PAPER_FILE: ['ins-paper-file', 1],
};
/** Steps with a deadline of each kind's procedure (domain/procedures/): the STEPS_ON_TIME / STEPS_LATE facts and the open tasks. */
const STEPS: Readonly<Record<TKind, readonly string[]>> = {
  INSPECTION: ['A5', 'A6', 'A7', 'A8', 'A9', 'A11'],
  PENALTY: ['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B12'],
  PENALTY_NO_RECORD: ['N1', 'N2', 'N3'],
  TIP: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
  SEIZURE: ['D2', 'D4', 'D5', 'D6', 'D8'],
  ENFORCEMENT: ['E2', 'E3'],
  CRIMINAL_REFERRAL: ['F1', 'F4', 'F5'],
  PAPER_FILE: ['P1'],
};
const TITLES: Readonly<Record<TKind, string>> = {
  INSPECTION: 'Kiểm tra',
  PENALTY: 'Xử phạt vi phạm hành chính',
  PENALTY_NO_RECORD: 'Xử phạt không lập biên bản',
  TIP: 'Tin báo về',
  SEIZURE: 'Tạm giữ hàng hóa của',
  ENFORCEMENT: 'Cưỡng chế thi hành quyết định xử phạt',
  CRIMINAL_REFERRAL: 'Chuyển hồ sơ vụ việc',
  PAPER_FILE: 'Hồ sơ giấy',
};
const CLOSE_OUTCOMES: Readonly<Record<TKind, string>> = {
  INSPECTION: 'CLOSED',
  PENALTY: 'CLOSED',
  PENALTY_NO_RECORD: 'CLOSED',
  TIP: 'CLOSED',
  SEIZURE: 'CONFISCATED',
  ENFORCEMENT: 'ENFORCED',
  CRIMINAL_REFERRAL: 'TRANSFERRED',
  PAPER_FILE: 'COMPLETE',
};
const KINDS = Object.keys(KIND_SHARES) as TKind[];

/** The generated rows' mark. */
const PREFIX = 'GEN-';
const GENERATED_TABLES = [
  ['stat_daily', 'unit_id'],
  ['stat_matter', 'matter_id'],
  ['stat_fact', 'case_id'],
  ['case_task', 'case_id'],
  ['case_file', 'case_id'],
  ['business', 'id'],
  ['app_user', 'id'],
  ['team', 'id'],
  ['unit', 'id'],
] as const;

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(12);
}

/** `case <expr> when 'KIND' then … end` over the kinds. */
function byKind(expr: string, value: (k: TKind) => string): string {
  return `(case ${expr} ${KINDS.map((k) => `when ${lit(k)} then ${value(k)}`).join(' ')} end)`;
}

/** A uniform number in [0, 1) from (key, salt) under `seed`: a hash, so independent of evaluation order. */
function rnd(key: string, salt: number, seed: number): string {
  return `((hashint8extended((${key})::bigint * 64 + ${salt}, ${seed}::bigint) & 281474976710655)::float8 / 281474976710656.0)`;
}

/** A standard normal number from two uniform ones (Box–Muller). */
function normal(u1: string, u2: string): string {
  return `(sqrt(-2 * ln(greatest(${u1}, 1e-12))) * cos(2 * pi() * ${u2}))`;
}

/** Bound parameters of one statement, referred to by `$n::type`. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

type TArrays = TReference['arrays'];
type TBound = { [K in keyof TArrays]: string };

/** The reference arrays as parameters, each bound when the statement first uses it (an unused parameter has no type). */
function bindArrays(p: Params, arrays: TArrays): TBound {
  const bound = new Map<string, string>();
  return new Proxy({} as TBound, {
    get(_, name: string) {
      let ref = bound.get(name);
      if (!ref) {
        const value = arrays[name as keyof TArrays] as unknown[];
        ref = `(${p.add(value, typeof value[0] === 'number' ? 'int[]' : 'text[]')})`;
        bound.set(name, ref);
      }
      return ref;
    },
  });
}

/**
 * The business `n` of unit `u` (the registry row and what its cases need), as a lateral subquery:
 * the same expressions in both statements, so a case's business is the business.
 */
function businessLateral(n: string, u: string, a: TBound, seed: number): string {
  const r = (s: number): string => rnd(n, s, seed * 4 + 2);
  const at = (arr: string, s: number): string => `${arr}[1 + floor(${r(s)} * cardinality(${arr}))::int]`;
  const person = `${at(a.familyNames, 4)} || ' ' || ${at(a.middleNames, 5)} || ' ' || ${at(a.givenNames, 6)}`;
  const personKey = person.replaceAll(a.familyNames, a.familyKeys).replaceAll(a.middleNames, a.middleKeys).replaceAll(a.givenNames, a.givenKeys);
  const brand = `${at(a.tradeWords, 3)} || ' ' || ${at(a.brandWords, 2)}`;
  const brandKey = brand.replaceAll(a.tradeWords, a.tradeKeys).replaceAll(a.brandWords, a.brandKeys);
  const type = `(case when ${r(1)} < 0.45 then 'HOUSEHOLD' when ${r(1)} < 0.88 then 'ENTERPRISE' when ${r(1)} < 0.95 then 'BRANCH' else 'COOPERATIVE' end)`;
  const name = (p: string, b: string, prefixes: [string, string, string, string]): string =>
    `(case ${type} when 'HOUSEHOLD' then ${lit(prefixes[0])} || ${p} when 'ENTERPRISE' then ${lit(prefixes[1])} || ${b} when 'BRANCH' then ${lit(prefixes[2])} || ${b} else ${lit(prefixes[3])} || ${b} end)`;
  const prefixes: [string, string, string, string] = ['Hộ kinh doanh ', 'Công ty TNHH ', 'Chi nhánh Công ty Cổ phần ', 'Hợp tác xã '];
  const commune = `(${a.communeOffset}[${u}] + 1 + floor(${r(7)} * ${a.communeCount}[${u}])::int)`;
  return `cross join lateral (select
      ${lit(PREFIX)} || 'b' || lpad((${n})::text, 7, '0') as biz_id,
      ${type} as biz_type,
      ${name(person, brand, prefixes)} as biz_name,
      ${name(personKey, brandKey, prefixes.map(foldVietnamese).map((s) => `${s} `) as [string, string, string, string])} as biz_name_key,
      ${person} as biz_person,
      ${personKey} as biz_person_key,
      ${commune} as biz_commune,
      ${a.productPick}[1 + floor(${r(8)} * ${PICK_SLOTS})::int] as biz_product,
      (case when ${r(9)} < 0.2 then ${a.productPick}[1 + floor(${r(10)} * ${PICK_SLOTS})::int] end) as biz_product2,
      1 + floor(${r(11)} * ${a.teamCount}[${u}])::int as biz_team,
      (case when ${r(12)} < 0.9 then 'ACTIVE' when ${r(12)} < 0.94 then 'SUSPENDED' else 'CLOSED' end) as biz_status,
      'Số ' || (1 + floor(${r(13)} * 300)::int) || ' đường ' || ${at(a.brandWords, 14)} as biz_address,
      '09' || lpad(floor(${r(15)} * 100000000)::int::text, 8, '0') as biz_phone,
      floor(${r(16)} * 3000)::int - 400 as biz_created_day,
      1 + floor(${r(17)} * cardinality(${a.sectors}))::int as biz_sector,
      1 + floor(${r(18)} * 20)::int as biz_branch_no
      offset 0) biz`;
}

function businessSql(ref: TReference, seed: number): { text: string; values: unknown[] } {
  const p = new Params();
  const a = bindArrays(p, ref.arrays);
  const text = `
    insert into business (id, unit_id, tax_code, name, name_key, type, sector, sector_key, product_groups, province, commune, commune_key,
      address_line, phone, legal_representative, status, managing_team_id, market_id, hotspot_ids, conflict_user_ids, search_text,
      created_by, created_at, updated_by, updated_at)
    select biz.biz_id, ${a.unitIds}[g.u], t.tax_code, biz.biz_name, biz.biz_name_key, biz.biz_type,
      ${a.sectors}[biz.biz_sector], ${a.sectorKeys}[biz.biz_sector],
      case when biz.biz_product2 is null or biz.biz_product2 = biz.biz_product then array[${a.productNames}[biz.biz_product]]
        else array[${a.productNames}[biz.biz_product], ${a.productNames}[biz.biz_product2]] end,
      ${a.provinces}[g.u], ${a.communeNames}[biz.biz_commune], ${a.communeKeys}[biz.biz_commune],
      biz.biz_address, biz.biz_phone, biz.biz_person, biz.biz_status, ${a.unitIds}[g.u] || '-doi-' || biz.biz_team, null, '{}', '{}',
      biz.biz_name_key || ' ' || t.tax_code || case when t.tax_code like '%-%' then ' ' || replace(t.tax_code, '-', '') else '' end || ' ' || biz.biz_person_key,
      'GEN-seed', timestamptz ${lit(BASE_TS)} + make_interval(days => biz.biz_created_day), 'GEN-seed', timestamptz ${lit(BASE_TS)} + make_interval(days => biz.biz_created_day)
    from generate_series(1, ${ref.units.length}) as g(u)
    cross join lateral generate_series(${a.businessOffset}[g.u] + 1, ${a.businessOffset}[g.u] + ${a.businessCount}[g.u]) as b(n)
    ${businessLateral('b.n', 'g.u', a, seed)}
    cross join lateral (select '0' || (100000000 + b.n)::text || case when biz.biz_type = 'BRANCH' then '-' || lpad(biz.biz_branch_no::text, 3, '0') else '' end as tax_code) t`;
  return { text, values: p.values };
}

/** A fact of a case: one arm of the chunk's `union all` over the cases (`c`). */
interface TFactArm {
  indicator: string;
  day: string;
  amount: string;
  step: string;
  hasViolation: boolean;
  when: string;
}

const PENALTY_PAID = `c.is_pen and c.decided and c.paid and not c.has_enf`;
const DECISION_STEP = `case when c.kind = 'PENALTY' then 'B6' else 'N1' end`;
/** The facts a generated case may have, in their `ord` order (bench/README.md). */
const FACT_ARMS: readonly TFactArm[] = [
  { indicator: `'INSPECTIONS'`, day: 'c.mev_day', amount: '1', step: `'A7'`, hasViolation: false, when: `c.kind = 'INSPECTION' and c.mev_day <= c.end_day` },
  { indicator: `'VIOLATION_CASES'`, day: 'c.dec_day', amount: '1', step: DECISION_STEP, hasViolation: true, when: `c.is_pen and c.decided and c.dec_day <= c.end_day` },
  { indicator: `'FINES_IMPOSED'`, day: 'c.dec_day', amount: 'c.fine', step: DECISION_STEP, hasViolation: true, when: `c.is_pen and c.decided and c.dec_day <= c.end_day` },
  { indicator: `'CONFISCATED_VALUE'`, day: 'c.dec_day', amount: 'c.conf_value', step: DECISION_STEP, hasViolation: true, when: `c.is_pen and c.decided and c.conf and c.dec_day <= c.end_day` },
  {
    indicator: `'BUDGET_COLLECTED'`,
    day: 'c.pay1_day',
    amount: 'case when c.n_inst = 1 then c.pay_total else c.inst_amount end',
    step: `case when c.kind = 'PENALTY_NO_RECORD' then 'N2' when c.n_inst = 1 then 'B9' else 'B14' end`,
    hasViolation: true,
    when: `${PENALTY_PAID} and c.pay1_day <= c.end_day`,
  },
  {
    indicator: `'BUDGET_COLLECTED'`,
    day: 'c.pay2_day',
    amount: 'case when c.n_inst = 2 then c.pay_total - c.inst_amount else c.inst_amount end',
    step: `'B14'`,
    hasViolation: true,
    when: `${PENALTY_PAID} and c.n_inst >= 2 and c.pay2_day <= c.end_day`,
  },
  {
    indicator: `'BUDGET_COLLECTED'`,
    day: 'c.pay3_day',
    amount: 'c.pay_total - 2 * c.inst_amount',
    step: `'B14'`,
    hasViolation: true,
    when: `${PENALTY_PAID} and c.n_inst = 3 and c.pay3_day <= c.end_day`,
  },
  // A seizure's own confiscation is its decision on unclaimed goods (D8); what it destroys, D6 (docs/adr/0207).
  {
    indicator: 'c.sz_indicator',
    day: 'c.mev_day',
    amount: 'c.sz_value',
    step: `case when c.sz_indicator = 'CONFISCATED_VALUE' then 'D8' else 'D6' end`,
    hasViolation: false,
    when: `c.kind = 'SEIZURE' and c.mev_day <= c.end_day`,
  },
  { indicator: `'BUDGET_COLLECTED'`, day: 'c.mev_day', amount: 'c.enf_amount', step: `'E3'`, hasViolation: true, when: `c.kind = 'ENFORCEMENT' and c.enf_collected and c.mev_day <= c.end_day` },
  { indicator: `'CRIMINAL_REFERRALS'`, day: 'c.mev_day', amount: '1', step: `'F1'`, hasViolation: false, when: `c.kind = 'CRIMINAL_REFERRAL' and c.mev_day <= c.end_day` },
  { indicator: `'TIPS_RECEIVED'`, day: 'c.od', amount: '1', step: 'null', hasViolation: false, when: `c.kind = 'TIP'` },
  { indicator: `'TIPS_HANDLED'`, day: 'c.end_day', amount: '1', step: 'null', hasViolation: false, when: `c.kind = 'TIP' and c.closed` },
  { indicator: `'CASES_CLOSED'`, day: 'c.end_day', amount: '1', step: 'null', hasViolation: false, when: 'c.closed' },
  { indicator: `'CYCLE_DAYS'`, day: 'c.end_day', amount: 'c.end_day - c.od', step: 'null', hasViolation: false, when: 'c.closed' },
  ...[1, 2, 3].map((j) => ({ indicator: `c.st${j}_indicator`, day: `c.st${j}_day`, amount: '1', step: `c.st${j}_step`, hasViolation: false, when: `c.st${j}_done` })),
];

/**
 * One chunk of families [f0, f1]: their cases, open tasks and facts, in one statement. Each
 * stage of a row is a `lateral (… offset 0)` subquery, so that an expression used by later ones
 * is computed once (a plain subquery would be flattened and its expression copied into each use).
 */
function casesSql(ref: TReference, seed: number, families: number, f0: number, f1: number): { text: string; values: unknown[] } {
  const p = new Params();
  const a = bindArrays(p, ref.arrays);
  const fr = (s: number): string => rnd('g.f', s, seed * 4);
  const cr = (s: number): string => rnd('k.ckey', s, seed * 4 + 1);
  let cum = 0;
  const rootCase = `(case ${ROOT_SHARES.map(([k, share]) => {
    cum += share / ROOTS_PER_CASE;
    return `when r3 < ${num(cum)} then ${lit(k)}`;
  }).join(' ')} else 'PAPER_FILE' end)`;
  const dayToTs = (day: string, secs: string): string => `(timestamptz ${lit(BASE_TS)} + make_interval(days => ${day}, secs => ${secs}))`;
  const iso = (ts: string): string => `to_char(${ts} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const caseIdOf = (slot: string): string => `(${lit(PREFIX)} || lpad(fam.f::text, 7, '0') || case when ${slot} > 0 then '-' || ${slot} else '' end)`;
  const asOf = `timestamptz ${lit(GENERATED_AS_OF)}`;
  const logNormal = (median: number, sigma: number, u1: string, u2: string, min: number, max: number): string =>
    `least(${max}, greatest(${min}, round(exp(ln(${median}) + ${sigma} * ${normal(u1, u2)}) / 1000) * 1000))::bigint`;
  const dow = `((s1.day_raw + 3) % 7)`;
  const factArms = FACT_ARMS.map(
    (f, i) => `
      select c.case_id, ${i} as pos, (${f.indicator})::text as indicator, (${f.day})::int as day, (${f.amount})::bigint as amount, (${f.step})::text as step,
        ${f.hasViolation} as has_violation, c.unit_id, c.team_id, c.officer_id, c.kind, c.matter_id, c.vcode, c.product, c.province, c.commune, c.fact_campaign_id as campaign_id
      from c where ${f.when}`,
  ).join(' union all ');

  const text = `
  with fam as materialized (
    select g.f, s1.u, s1.root, s1.secs0, s2.d0, s2.has_pen, s2.has_sz, s2.has_cr, s2.campaign_no, s2.decided, s2.fine, s2.conf, s2.conf_value, s2.paid,
      s2.pay_off, s2.n_inst0, s3.pen_kind, s3.pen_slot, s3.pen_d, s3.surcharge, s3.sz_d, s3.cr_d, s4.dec_off, s4.has_enf,
      s3.pen_d + s4.dec_off as dec_day,
      s3.pen_d + s4.dec_off + 10 + floor(${fr(29)} * 50)::int as enf_d,
      ${a.unitIds}[s1.u] as unit_id,
      ${a.unitIds}[s1.u] || '-doi-' || s3.tm as team_id,
      ${a.unitIds}[s1.u] || '-doi-' || s3.tm || '-cb-' || s4.officer_no as officer_id,
      ${a.provinces}[s1.u] as province,
      ${a.communeNames}[biz.biz_commune] as commune,
      ${a.productNames}[biz.biz_product] as product,
      ${a.violationCodes}[${a.violationPick}[1 + floor(${fr(14)} * ${PICK_SLOTS})::int]] as vcode,
      case when s2.campaign_no is not null then ${a.unitIds}[s1.u] || '-kh-' || (extract(year from date ${lit(BASE_DATE)} + s2.d0 + 17)::int) || '-' || s2.campaign_no end as campaign_id,
      biz.biz_id, biz.biz_name, biz.biz_name_key,
      -- The business's search text, as businessSql writes it (its tax code from its number).
      biz.biz_name_key || ' ' || t.tax_code || case when t.tax_code like '%-%' then ' ' || replace(t.tax_code, '-', '') else '' end || ' ' || biz.biz_person_key as biz_search
    from generate_series(${f0}::bigint, ${f1}::bigint) as g(f)
    cross join lateral (select
      -- Opening days: density growing by ${GROWTH.toFixed(3)} over the ten years (the inverse of its distribution), in family order.
      least(${LAST_DAY}, floor(ln(1 + ((g.f - ${fr(1)}) / ${families}::float8) * ${num(GROWTH - 1)}) / ${num(Math.log(GROWTH))} * ${DAYS})::int) as day_raw,
      ${a.unitPick}[1 + floor(${fr(2)} * ${UNIT_PICK_SLOTS})::int] as u,
      ${rootCase.replaceAll('r3', fr(3))} as root,
      27000 + floor(${fr(4)} * 34200)::int as secs0
      offset 0) s1
    cross join lateral (select
      -- Three in four cases of a Saturday or Sunday move to the Monday.
      case when ${dow} >= 5 and ${fr(5)} < 0.75 and s1.day_raw + 7 - ${dow} <= ${LAST_DAY} then s1.day_raw + 7 - ${dow} else s1.day_raw end as d0,
      -- Businesses inspected again and again: the low numbers of the unit.
      ${a.businessOffset}[s1.u] + 1 + floor(power(${fr(8)}, 1.6::float8) * ${a.businessCount}[s1.u])::int as n,
      s1.root = 'INSPECTION' and ${fr(9)} < ${num(CHILD_PROBABILITY.PENALTY)} as has_pen,
      s1.root = 'INSPECTION' and ${fr(10)} < ${num(CHILD_PROBABILITY.SEIZURE)} as has_sz,
      s1.root = 'INSPECTION' and ${fr(11)} < ${num(CHILD_PROBABILITY.CRIMINAL_REFERRAL)} as has_cr,
      case when s1.root = 'INSPECTION' and ${fr(12)} < 0.5 then 1 + floor(${fr(13)} * 4)::int end as campaign_no,
      ${fr(17)} < ${DECIDED} as decided,
      ${logNormal(3_000_000, 1.0, fr(18), fr(19), 500_000, 200_000_000)} as fine,
      ${fr(20)} < 0.25 as conf,
      ${logNormal(8_000_000, 1.2, fr(21), fr(22), 500_000, 2_000_000_000)} as conf_value,
      ${fr(24)} < ${PAID} as paid,
      1 + floor(power(${fr(25)}, 1.5::float8) * 60)::int as pay_off,
      case when ${fr(26)} < 0.08 then 3 when ${fr(26)} < 0.2 then 2 else 1 end as n_inst0
      offset 0) s2
    cross join lateral (select
      case when s2.has_pen then 'PENALTY' when s1.root in ('PENALTY', 'PENALTY_NO_RECORD') then s1.root end as pen_kind,
      case when s2.has_pen then 1 else 0 end as pen_slot,
      case when s2.has_pen then s2.d0 + 1 + floor(${fr(15)} * 8)::int else s2.d0 end as pen_d,
      -- Most cases go to the team managing the business (the business's own random number 11).
      case when ${fr(6)} < 0.7 then 1 + floor(${rnd('s2.n', 11, seed * 4 + 2)} * ${a.teamCount}[s1.u])::int else 1 + floor(${fr(7)} * ${a.teamCount}[s1.u])::int end as tm,
      case when ${fr(27)} < 0.2 then round(s2.fine * (0.01 + 0.04 * ${fr(28)}) / 1000)::bigint * 1000 else 0 end as surcharge,
      s2.d0 + floor(${fr(30)} * 3)::int as sz_d,
      s2.d0 + 10 + floor(${fr(31)} * 50)::int as cr_d
      offset 0) s3
    cross join lateral (select
      case when s3.pen_kind = 'PENALTY_NO_RECORD' then 0 else 1 + floor(power(${fr(16)}, 2::float8) * 40)::int end as dec_off,
      1 + floor(${fr(32)} * ${a.officerCount}[${a.teamOffset}[s1.u] + s3.tm])::int as officer_no,
      s3.pen_kind is not null and s2.decided and ${fr(23)} < ${num(CHILD_PROBABILITY.ENFORCEMENT)} as has_enf
      offset 0) s4
    ${businessLateral('s2.n', 's1.u', a, seed)}
    cross join lateral (select '0' || (100000000 + s2.n)::text || case when biz.biz_type = 'BRANCH' then '-' || lpad(biz.biz_branch_no::text, 3, '0') else '' end as tax_code) t
  ),
  c as materialized (
    select t3.case_id, m.kind, t3.parent_case_id, fam.unit_id, fam.team_id, fam.officer_id, fam.province, fam.commune, fam.product, fam.vcode, fam.biz_id, fam.biz_search,
      fam.pen_kind, fam.decided, fam.fine, fam.conf, fam.conf_value, fam.paid, fam.has_enf, fam.dec_day,
      k.od, t1.is_pen, t1.n_inst, t2.dur, t3.closed, t3.end_day, t3.mev_day,
      ${dayToTs('k.od', 't1.secs')} as opened_at,
      -- Closed at least dur whole days after it opened.
      case when t3.closed then ${dayToTs('t3.end_day', `t1.secs + floor(${cr(5)} * (61200 - t1.secs))::int`)} end as closed_at,
      case when m.kind = 'ENFORCEMENT' then t3.parent_case_id else t3.case_id end as matter_id,
      -- The campaign that started the family's inspection: the inspection's own, and (in the facts) its sub-cases' too.
      fam.campaign_id as fact_campaign_id,
      case when m.slot = 0 then fam.campaign_id end as campaign_id,
      case when m.slot = 0 and fam.campaign_id is not null then to_char(date ${lit(BASE_DATE)} + k.od, 'YYYYMMDD') end as campaign_period,
      ${byKind('m.kind', (kind) => `${lit(TITLES[kind] + ' ')} || fam.biz_name`)} as title,
      ${byKind('m.kind', (kind) => `${lit(foldVietnamese(TITLES[kind]) + ' ')} || fam.biz_name_key`)} as title_key,
      fam.fine + fam.surcharge as pay_total,
      floor((fam.fine + fam.surcharge) / t1.n_inst / 1000)::bigint * 1000 as inst_amount,
      least(fam.dec_day + fam.pay_off, k.od + t2.dur) as pay1_day,
      least(fam.dec_day + fam.pay_off + 15, k.od + t2.dur) as pay2_day,
      least(fam.dec_day + fam.pay_off + 30, k.od + t2.dur) as pay3_day,
      ${cr(6)} < 0.8 as enf_collected,
      fam.fine + round(fam.fine * 0.05 * ${cr(7)} / 1000)::bigint * 1000 as enf_amount,
      case when ${cr(8)} < 0.6 then 'CONFISCATED_VALUE' else 'DESTROYED_VALUE' end as sz_indicator,
      round(5000000 * power(100, ${cr(9)}) / 1000)::bigint * 1000 as sz_value,
      ${[1, 2, 3]
        .map(
          (j) => `${cr(10 + j)} < 0.9 as st${j}_done,
      k.od + floor(${cr(13 + j)} * (t3.end_day - k.od + 1))::int as st${j}_day,
      case when ${cr(16 + j)} < 0.08 then 'STEPS_LATE' else 'STEPS_ON_TIME' end as st${j}_indicator,
      t1.steps[1 + (floor(${cr(20)} * cardinality(t1.steps))::int + ${j - 1}) % cardinality(t1.steps)] as st${j}_step`,
        )
        .join(',\n      ')},
      t1.steps[1 + floor(${cr(21)} * cardinality(t1.steps))::int] as task_step,
      ${cr(24)} < 0.7 as task_for_inspector,
      3 + floor(${cr(25)} * 12)::int as task_days,
      ${asOf} + make_interval(secs => (-6 + ${cr(23)} * 30) * 86400) as due_at,
      4 + floor(${cr(22)} * 30)::int as seq
    from fam
    cross join lateral (values (0, fam.root, null::int), (1, 'PENALTY', 0), (2, 'SEIZURE', 0), (3, 'CRIMINAL_REFERRAL', 0), (4, 'ENFORCEMENT', fam.pen_slot)) as m(slot, kind, parent_slot)
    cross join lateral (select case m.slot when 0 then fam.d0 when 1 then fam.pen_d when 2 then fam.sz_d when 3 then fam.cr_d else fam.enf_d end as od, fam.f * 8 + m.slot as ckey offset 0) k
    cross join lateral (select
      m.kind = fam.pen_kind and m.slot = fam.pen_slot as is_pen,
      case when m.kind = 'PENALTY' then fam.n_inst0 else 1 end as n_inst,
      -- A child opened the day of its parent opens after it.
      case when m.slot = 0 then fam.secs0 when k.od = fam.d0 then fam.secs0 + floor(${cr(3)} * (61200 - fam.secs0))::int else 27000 + floor(${cr(3)} * 34200)::int end as secs,
      ${byKind('m.kind', (kind) => `array[${STEPS[kind].map(lit).join(', ')}]`)} as steps
      offset 0) t1
    cross join lateral (select
      case
        when t1.is_pen and fam.decided and fam.paid and not fam.has_enf then least(120, greatest(5, fam.dec_off + fam.pay_off + (t1.n_inst - 1) * 15 + floor(${cr(1)} * 5)::int))
        when t1.is_pen and fam.decided then least(120, greatest(5, fam.dec_off + 10 + floor(${cr(1)} * 60)::int))
        when t1.is_pen then 5 + floor(${cr(1)} * 60)::int
        else 5 + floor(power(${cr(1)}, 2::float8) * 115)::int
      end as dur,
      -- Open: not yet due to close, or stuck (recent cases far more often).
      ${cr(2)} < 0.03 + 0.8 * exp(-(${DAYS} - k.od) / 240.0) as stuck
      offset 0) t2
    cross join lateral (select
      k.od + t2.dur <= ${LAST_DAY} and not t2.stuck as closed,
      case when k.od + t2.dur <= ${LAST_DAY} and not t2.stuck then k.od + t2.dur else ${LAST_DAY} end as end_day,
      case m.kind
        when 'INSPECTION' then k.od + floor(${cr(4)} * 4)::int
        when 'SEIZURE' then k.od + 1 + floor(${cr(4)} * (t2.dur - 1))::int
        when 'ENFORCEMENT' then k.od + 3 + floor(${cr(4)} * (t2.dur - 3))::int
        when 'CRIMINAL_REFERRAL' then k.od + floor(${cr(4)} * least(10, t2.dur))::int
      end as mev_day,
      ${caseIdOf('m.slot')} as case_id,
      case when m.parent_slot is null then null else ${caseIdOf('m.parent_slot')} end as parent_case_id
      offset 0) t3
    where m.slot = 0 or (m.slot = 1 and fam.has_pen and fam.pen_d <= ${LAST_DAY}) or (m.slot = 2 and fam.has_sz and fam.sz_d <= ${LAST_DAY})
      or (m.slot = 3 and fam.has_cr and fam.cr_d <= ${LAST_DAY}) or (m.slot = 4 and fam.has_enf and fam.enf_d <= ${LAST_DAY})
  ),
  ins_case as (
    insert into case_file (case_id, kind, procedure_id, procedure_version, status, overdue, unit_id, team_id, title, search_text, search_doc, parent_case_id,
      opened_at, closed_at, close_outcome, current_steps, next_deadline_at, state_seq, snapshot, updated_at, business_id, campaign_id, campaign_period, facts_version)
    select case_id, kind, ${byKind('kind', (k) => lit(PROCEDURES[k][0]))}, ${byKind('kind', (k) => String(PROCEDURES[k][1]))},
      case when closed then 'CLOSED' else 'OPEN' end, not closed and due_at < ${asOf}, unit_id, team_id, title, lower(case_id) || ' ' || title_key,
      lower(case_id) || ' ' || title_key || ' ' || biz_search, parent_case_id,
      opened_at, closed_at, case when closed then ${byKind('kind', (k) => lit(CLOSE_OUTCOMES[k]))} end,
      case when closed then '{}'::text[] else array[task_step] end, case when not closed then due_at end, seq,
      jsonb_strip_nulls(jsonb_build_object(
        'caseId', case_id, 'kind', kind,
        'procedure', jsonb_build_object('id', ${byKind('kind', (k) => lit(PROCEDURES[k][0]))}, 'version', ${byKind('kind', (k) => String(PROCEDURES[k][1]))}),
        'status', case when closed then 'CLOSED' else 'OPEN' end, 'startedAt', ${iso('opened_at')}, 'closedAt', ${iso('closed_at')},
        'closeOutcome', case when closed then ${byKind('kind', (k) => lit(CLOSE_OUTCOMES[k]))} end,
        'unitId', unit_id, 'teamId', team_id, 'title', title, 'businessId', biz_id, 'assigneeId', officer_id,
        'parent', case when parent_case_id is not null then jsonb_build_object('caseId', parent_case_id, 'stepId', case when kind = 'ENFORCEMENT' then case when pen_kind = 'PENALTY' then 'B15' else 'N3' end else 'A9' end) end,
        'open', '[]'::jsonb, 'completed', '[]'::jsonb, 'events', '[]'::jsonb, 'escalations', '[]'::jsonb, 'notes', '[]'::jsonb,
        'seq', seq, 'lastHash', md5(case_id)
      )),
      coalesce(closed_at, opened_at), biz_id, campaign_id, campaign_period, ${FACTS_VERSION}
    from c
    returning 1
  ),
  ins_task as (
    insert into case_task (case_id, step_id, title, roles, team_id, unit_id, assignee_id, opened_at, due_at, overdue, paused, deadline)
    select case_id, task_step, 'Bước ' || task_step, case when task_for_inspector then '{INSPECTOR}'::text[] else '{TEAM_LEAD}'::text[] end, team_id, unit_id,
      case when task_for_inspector then officer_id end, greatest(opened_at, due_at - make_interval(days => task_days)), due_at, due_at < ${asOf}, false, null
    from c
    where not closed
    returning 1
  ),
  ins_fact as (
    -- Written case by case, as the projection writes them.
    insert into stat_fact (case_id, ord, indicator, occurred_on, amount, unit_id, team_id, officer_id, kind, step_id, matter_id, violation_code, product_group, province, commune, campaign_id)
    select x.case_id, (row_number() over (partition by x.case_id order by x.pos) - 1)::int, x.indicator, date ${lit(BASE_DATE)} + x.day, x.amount,
      x.unit_id, x.team_id, case when x.step is not null then x.officer_id end, x.kind, x.step, x.matter_id, case when x.has_violation then x.vcode end,
      x.product, x.province, x.commune, x.campaign_id
    from (${factArms}) as x
    returning 1
  )
  select (select count(*) from ins_case) as cases, (select count(*) from ins_task) as tasks, (select count(*) from ins_fact) as facts`;
  return { text, values: p.values };
}

/**
 * The daily sums and the matters (docs/adr/0161) of the generated facts, as the projection keeps
 * them case by case (db/repositories/statistics.ts `addToDaily`, `refreshMatter`), here in bulk.
 */
async function insertSums(db: Db): Promise<void> {
  await sql`
    insert into stat_daily (unit_id, occurred_on, indicator, amount, facts)
    select unit_id, occurred_on, indicator, sum(amount), count(*) from stat_fact where starts_with(case_id, ${PREFIX}) group by 1, 2, 3`.execute(db);
  // One pass of window functions (no self-join): fast whatever the planner knows of the new rows.
  await sql`
    insert into stat_matter (matter_id, unit_id, decided_on, settled_on)
    with ev as (
      select matter_id, occurred_on as d, sum(case when indicator = 'FINES_IMPOSED' then amount else -amount end) as delta,
             bool_or(indicator = 'FINES_IMPOSED') as fine, min(unit_id) as unit_id
      from stat_fact where starts_with(case_id, ${PREFIX}) and indicator in ('FINES_IMPOSED', 'BUDGET_COLLECTED') group by 1, 2),
    run as (select *, sum(delta) over (partition by matter_id order by d) as bal from ev),
    owing as (select *, max(d) filter (where bal > 0) over (partition by matter_id) as last_owing from run)
    select matter_id, min(unit_id), min(d) filter (where fine),
           case when max(last_owing) is null then min(d) else min(d) filter (where d > last_owing) end
    from owing group by matter_id having bool_or(fine)`.execute(db);
}

async function wipe(db: Db, log: (line: string) => void): Promise<void> {
  for (const [table, column] of GENERATED_TABLES) {
    const started = Date.now();
    // When every row of a big table is generated (the benchmark's own database), TRUNCATE is far
    // faster than DELETE. CASCADE (from case_file) then only reaches rows of generated cases;
    // nothing refers to stat_fact, case_task or business.
    const other = await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(table)} where not starts_with(${sql.ref(column)}, ${PREFIX})) as found`.execute(db);
    const any = await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(table)} where starts_with(${sql.ref(column)}, ${PREFIX})) as found`.execute(db);
    if (!any.rows[0]!.found) continue;
    if (!other.rows[0]!.found && (table === 'stat_fact' || table === 'stat_daily' || table === 'stat_matter' || table === 'case_task' || table === 'case_file' || table === 'business')) {
      await sql`truncate ${sql.table(table)} cascade`.execute(db);
    } else {
      await sql`delete from ${sql.table(table)} where starts_with(${sql.ref(column)}, ${PREFIX})`.execute(db);
    }
    log(`  removed the generated rows of ${table} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/**
 * VACUUM as well as ANALYZE: the generated tables in the state autovacuum keeps them in (visibility
 * map set, so that index-only scans need not visit the heap; hint bits written), not that of tables
 * just loaded. A page is marked all-visible only if no snapshot in the database may still miss its
 * rows: an autovacuum worker still busy with the load (its ANALYZE holds one) leaves the last pages
 * unmarked, so wait for those workers, and vacuum again while pages are left.
 */
async function settle(db: Db, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    for (let waited = 0; waited < 120; waited++) {
      const busy = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'autovacuum worker'`.execute(db);
      if (busy.rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const [table] of GENERATED_TABLES) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
    const vm = await sql<{ pages: number; visible: number }>`
      select sum(relpages)::int as pages, sum(relallvisible)::int as visible from pg_class where relname in ('stat_fact', 'case_file', 'case_task', 'business')`.execute(db);
    const { pages, visible } = vm.rows[0]!;
    log(`  vacuum ${attempt}: ${visible} of ${pages} pages all-visible`);
    if (visible >= pages * 0.99 || attempt >= 5) return;
  }
}

async function insertPeople(db: Db, ref: TReference, seed: number): Promise<number> {
  const rand = prng(seed * 7919 + 17);
  await db
    .insertInto('unit')
    .values(ref.units.map((u) => ({ id: u.id, name: u.name, province: u.province, level: 'PROVINCIAL' as const })))
    .execute();
  const teams = ref.units.flatMap((u) => u.officersPerTeam.map((_, t) => ({ id: `${u.id}-doi-${t + 1}`, unit_id: u.id, name: `Đội Quản lý thị trường số ${t + 1}` })));
  await db.insertInto('team').values(teams).execute();
  const users = ref.units.flatMap((u) =>
    u.officersPerTeam.flatMap((count, t) =>
      Array.from({ length: count }, (_, k) => {
        const id = `${u.id}-doi-${t + 1}-cb-${k + 1}`;
        // Nobody signs in to a generated account: no password.
        return {
          id,
          username: id.toLowerCase(),
          display_name: personName(rand),
          password_hash: null,
          kind: 'PERSON' as const,
          roles: k === 0 ? ['TEAM_LEAD'] : ['INSPECTOR'],
          unit_id: u.id,
          team_id: `${u.id}-doi-${t + 1}`,
        };
      }),
    ),
  );
  for (let i = 0; i < users.length; i += 1000)
    await db
      .insertInto('app_user')
      .values(users.slice(i, i + 1000))
      .execute();
  return users.length;
}

async function report(db: Db): Promise<Pick<TGenerateResult, 'rows' | 'casesByKind' | 'openCases' | 'sizes' | 'indexesMb'>> {
  const rows: Record<string, number> = {};
  for (const [table, column] of GENERATED_TABLES) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where starts_with(${sql.ref(column)}, ${PREFIX})`.execute(db);
    rows[table] = r.rows[0]!.n;
  }
  const kinds = await sql<{ kind: string; n: number; open: number }>`
    select kind, count(*) as n, count(*) filter (where status = 'OPEN') as open from case_file where starts_with(case_id, ${PREFIX}) group by kind order by count(*) desc`.execute(db);
  const mb = (bytes: number | string): number => Math.round((Number(bytes) / 1024 / 1024) * 10) / 10;
  const sizes: TGenerateResult['sizes'] = {};
  for (const [table] of GENERATED_TABLES) {
    const r = await sql<{ total: string; heap: string; idx: string }>`
      select pg_total_relation_size(${table}::regclass) as total, pg_table_size(${table}::regclass) as heap, pg_indexes_size(${table}::regclass) as idx`.execute(db);
    sizes[table] = { totalMb: mb(r.rows[0]!.total), tableMb: mb(r.rows[0]!.heap), indexesMb: mb(r.rows[0]!.idx) };
  }
  const idx = await sql<{ name: string; size: string }>`
    select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as size from pg_index where indrelid in ('stat_fact'::regclass, 'case_file'::regclass) order by 2 desc`.execute(db);
  return {
    rows,
    casesByKind: Object.fromEntries(kinds.rows.map((k) => [k.kind, k.n])),
    openCases: kinds.rows.reduce((s, k) => s + Number(k.open), 0),
    sizes,
    indexesMb: Object.fromEntries(idx.rows.map((r) => [r.name, mb(r.size)])),
  };
}

/**
 * Generates the synthetic national data into `target` (a Kysely handle, or a URL: then its own
 * pool, closed at the end), after running the migrations. Replaces the rows of an earlier run.
 */
export async function generate(target: Db | string, opts: TGenerateOptions): Promise<TGenerateResult> {
  if (!Number.isInteger(opts.cases) || opts.cases < 100) throw new Error(`--cases must be an integer ≥ 100 (got ${opts.cases})`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 1_000_000_000) throw new Error(`--seed must be an integer from 0 to 10^9 (got ${opts.seed})`);
  const log = opts.log ?? (() => undefined);
  const db = typeof target === 'string' ? createDb({ url: target, poolSize: 2, applicationName: 'ins-bench-generate' }) : target;
  const started = Date.now();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const out = await fn();
    phases[name] = Math.round((Date.now() - t) / 100) / 10;
    return out;
  };
  try {
    await phase('migrate', async () => {
      await migrateToLatest(db);
      await seedReferenceData(db);
    });
    const families = Math.max(1, Math.round(opts.cases * ROOTS_PER_CASE));
    const ref = buildReference(opts.seed, Math.round(opts.cases * 0.3));
    await phase('wipe', () => wipe(db, log));
    const officers = await phase('people', () => insertPeople(db, ref, opts.seed));
    log(`  ${ref.units.length} units, ${ref.arrays.officerCount.length} teams, ${officers} officers`);
    await db.connection().execute(async (conn) => {
      // The window of a chunk's facts sorts in memory; nothing here needs to wait for the disk.
      await sql`set work_mem = '256MB'`.execute(conn);
      await sql`set synchronous_commit = off`.execute(conn);
      // Compiling these wide statements would take longer than running them.
      await sql`set jit = off`.execute(conn);
      try {
        await phase('businesses', async () => {
          const q = businessSql(ref, opts.seed);
          await conn.executeQuery(CompiledQuery.raw(q.text, q.values));
        });
        log(`  ${ref.businesses} businesses`);
        const perChunk = Math.max(1, Math.round((opts.chunkCases ?? 50_000) * ROOTS_PER_CASE));
        const chunks = Math.ceil(families / perChunk);
        let cases = 0;
        let facts = 0;
        await phase('cases', async () => {
          for (let i = 0; i < chunks; i++) {
            const f0 = i * perChunk + 1;
            const f1 = Math.min(families, (i + 1) * perChunk);
            const q = casesSql(ref, opts.seed, families, f0, f1);
            const r = await conn.executeQuery<{ cases: number; tasks: number; facts: number }>(CompiledQuery.raw(q.text, q.values));
            cases += Number(r.rows[0]!.cases);
            facts += Number(r.rows[0]!.facts);
            log(`  chunk ${i + 1}/${chunks}: ${cases} cases, ${facts} facts (${((Date.now() - started) / 1000).toFixed(0)} s)`);
          }
        });
      } finally {
        await sql`reset all`.execute(conn);
      }
    });
    await phase('sums', () => insertSums(db));
    await phase('vacuumAnalyze', () => settle(db, log));
    const figures = await report(db);
    return { seed: opts.seed, requestedCases: opts.cases, elapsedSeconds: Math.round((Date.now() - started) / 100) / 10, phases, ...figures };
  } finally {
    if (typeof target === 'string') await db.destroy();
  }
}

async function main(): Promise<void> {
  const values = cliOptions({
    command: 'npm run bench:generate --',
    usage: `  --cases N             cases to generate (default 1000000)
  --seed N              seed of the generator (default 1)
  --chunk N             cases per statement and transaction (default 50000)
  --url URL             a PostgreSQL to fill (default: the embedded one in .data/bench-pg)
  --port N              the embedded PostgreSQL's port`,
    shape: { cases: intOption(1, 100_000_000, 1_000_000), seed: intOption(0, 2 ** 31 - 1, 1), chunk: intOption(1, 1_000_000, 50_000), url: databaseUrlOption(), port: portOption() },
  });
  const server = await openBenchDatabase({ url: values.url, port: values.port, log: logLine });
  try {
    if (server.isEmbedded) console.log(JSON.stringify({ url: server.url }));
    const result = await generate(server.url, { cases: values.cases, seed: values.seed, chunkCases: values.chunk, log: logLine });
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  });
}
