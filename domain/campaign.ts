/**
 * Inspection campaigns (kế hoạch kiểm tra định kỳ / chuyên đề): the definition a scheduler writes and
 * a director approves, and the pure rules of one run — which businesses are due (with the reasons),
 * the guardrails checked before anything starts, and the spread of targets across teams.
 *
 * TT 27/2020/TT-BCT Art. 5(1)(a): the routine annual plan covers 01/01 to 15/11 of its year;
 * Art. 5(1)(b), Art. 6: themed plans run for the period the plan states; Art. 5(2): a plan names its
 * targets, the teams' tasks and the time frame.
 */
import { riskReasonText } from './risk-reasons.js';
import { addCalendarDays, formatVi, type TIsoDate, type WorkingCalendar } from './calendar.js';
import type { TCadence, TCampaignDefinition, TTargetRules } from './campaign-schema.js';
import { runDateFor } from './campaign-run-date.js';
import { VN_TIME_ZONE, vnDateOf, vnInstant, vnWallClock } from './vn-time.js';

export { runDateFor };

export type { TCadence, TCampaignDefinition } from './campaign-schema.js';

export const CAMPAIGN_TIME_ZONE = VN_TIME_ZONE;
export const ROUTINE_PLAN_BASIS = 'Thông tư 27/2020/TT-BCT, Điều 5 khoản 1 điểm a: kế hoạch kiểm tra định kỳ từ 01/01 đến 15/11';

/** What a run knows about one business of the registry (computed by an activity from the read model). */
export interface TTargetFacts {
  businessId: string;
  taxCode: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  sector: string | null;
  productGroups: string[];
  /** Commune/ward name and code (post-2025 second-level unit). */
  area: { code: string | null; name: string | null };
  marketId: string | null;
  /** Trade hotspots (điểm nóng) the business belongs to. */
  hotspotIds?: string[] | undefined;
  /** Violations found in closed cases of the last three years. */
  priorViolations: number;
  lastInspectedOn: TIsoDate | null;
  openTips: number;
  /** Planned (campaign) inspections started for it this calendar year, in any campaign. */
  plannedInspectionsThisYear: number;
  /** Staff flagged as having a conflict of interest with it. */
  conflictUserIds: string[];
}

export interface TRiskScore {
  score: number;
  reasons: string[];
}

/** Whole months from `from` to `to` (both ISO dates), rounded down. */
export function monthsBetween(from: TIsoDate, to: TIsoDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * The risk score of a business: prior violations weigh most, then open tips, then how long it has
 * gone without an inspection. Each part is recorded as a reason, so a scheduler can read why a
 * business was chosen.
 */
export function riskScore(f: TTargetFacts, today: TIsoDate): TRiskScore {
  const reasons: string[] = [];
  let score = 0;
  if (f.priorViolations > 0) {
    score += 3 * f.priorViolations;
    reasons.push(riskReasonText({ code: 'PRIOR_VIOLATIONS', count: f.priorViolations, points: 3 * f.priorViolations }));
  }
  if (f.openTips > 0) {
    score += 2 * f.openTips;
    reasons.push(riskReasonText({ code: 'OPEN_TIPS', count: f.openTips, points: 2 * f.openTips }));
  }
  if (f.lastInspectedOn === null) {
    score += 2;
    reasons.push(riskReasonText({ code: 'NEVER_INSPECTED', points: 2 }));
  } else {
    const months = monthsBetween(f.lastInspectedOn, today);
    if (months >= 24) {
      score += 2;
      reasons.push(riskReasonText({ code: 'MONTHS_SINCE_INSPECTION', months, points: 2 }));
    } else if (months >= 12) {
      score += 1;
      reasons.push(riskReasonText({ code: 'MONTHS_SINCE_INSPECTION', months, points: 1 }));
    }
  }
  return { score, reasons };
}

const norm = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();

/** Why a business does not match the rules, or undefined when it does. */
function ruleMismatch(rules: TTargetRules, f: TTargetFacts, risk: TRiskScore, today: TIsoDate): string | undefined {
  if (f.status !== 'ACTIVE') return `đang ở trạng thái ${f.status}`;
  if (rules.sectors.length && !(f.sector && rules.sectors.some((s) => norm(s) === norm(f.sector!)))) return 'ngoài lĩnh vực của kế hoạch';
  if (rules.productGroups.length && !f.productGroups.some((g) => rules.productGroups.some((r) => norm(r) === norm(g)))) return 'ngoài nhóm hàng của kế hoạch';
  if (rules.areas.length && !rules.areas.some((a) => (f.area.code !== null && a === f.area.code) || (f.area.name !== null && norm(a) === norm(f.area.name)))) return 'ngoài địa bàn của kế hoạch';
  if (rules.marketIds.length && !rules.marketIds.some((id) => id === f.marketId || (f.hotspotIds ?? []).includes(id))) return 'không thuộc chợ/điểm nóng của kế hoạch';
  if (rules.withOpenTipsOnly && f.openTips === 0) return 'không có tin báo đang xử lý';
  if (f.lastInspectedOn !== null && rules.minMonthsSinceLastInspection > 0 && monthsBetween(f.lastInspectedOn, today) < rules.minMonthsSinceLastInspection) {
    return `đã kiểm tra trong ${rules.minMonthsSinceLastInspection} tháng gần đây`;
  }
  if (risk.score < rules.minRiskScore) return `điểm rủi ro ${risk.score} < ${rules.minRiskScore}`;
  return undefined;
}

export type TFindingCode = 'OUTSIDE_PLAN_WINDOW' | 'YEARLY_LIMIT_REACHED' | 'OVERLAPS_OTHER_CAMPAIGN' | 'CONFLICT_OF_INTEREST' | 'NO_CAPACITY' | 'NO_TARGETS';

/** A guardrail finding: `BLOCKING` stops the run (or the target); `REPORT` is shown to the scheduler. */
export interface TFinding {
  code: TFindingCode;
  severity: 'BLOCKING' | 'REPORT';
  businessId?: string;
  /** In Vietnamese, dates as dd/mm/yyyy (the recorded plan's words; the CSV and API readers'). */
  message: string;
  /** The values the message is made of (dates as ISO), for a reader in another language; absent from plans recorded before. */
  params?: Record<string, string | number>;
}

interface TSelectedTarget {
  businessId: string;
  taxCode: string;
  name: string;
  score: number;
  reasons: string[];
  /** 1 = most urgent. */
  rank: number;
}

export interface TTeamLoad {
  teamId: string;
  /** Open tasks of the team now (its current workload). */
  openTasks: number;
  /** Inspectors who may be assigned, with their own open tasks. */
  inspectors: { userId: string; openTasks: number }[];
}

interface TAssignment {
  businessId: string;
  teamId: string;
  assigneeId: string;
  rank: number;
}

interface TExcluded {
  businessId: string;
  name?: string;
  taxCode?: string;
  reason: string;
}

export interface TRunPlan {
  runDate: TIsoDate;
  /** The day the run was due, before moving off a day off. */
  dueDate: TIsoDate;
  movedBecause?: string;
  selected: TSelectedTarget[];
  assignments: TAssignment[];
  /** Businesses left out of the run, with the reason (name and tax code since 11/2026; older stored plans lack them). */
  excluded: TExcluded[];
  findings: TFinding[];
  /** False when a blocking finding stops the whole run. */
  canStart: boolean;
}

/**
 * Plans one run: guardrails, deterministic selection and ranking (score, then longest without
 * inspection, then tax code), and a spread across teams by open workload that never gives an
 * inspector a business they are flagged for. The same inputs always give the same plan, which is
 * what makes a dry run show exactly what the real run will do.
 */
export function planRun(input: {
  def: TCampaignDefinition;
  calendar: WorkingCalendar;
  dueDate: TIsoDate;
  candidates: TTargetFacts[];
  teams: TTeamLoad[];
  /** Businesses already targeted by other active campaigns: businessId → campaign ids. */
  otherCampaigns?: Record<string, string[]>;
  /** Businesses that already have a case from this campaign in this period (a repeated run). */
  alreadyStarted?: string[];
}): TRunPlan {
  const { def, calendar } = input;
  const { runDate, movedBecause } = runDateFor(def, calendar, input.dueDate);
  const findings: TFinding[] = [];
  const excluded: TExcluded[] = [];
  const who = (f: { businessId: string; name: string; taxCode: string }) => ({ businessId: f.businessId, name: f.name, taxCode: f.taxCode });

  if (runDate < def.planWindow.from || runDate > def.planWindow.to) {
    findings.push({
      code: 'OUTSIDE_PLAN_WINDOW',
      severity: 'BLOCKING',
      message: `Ngày chạy ${formatVi(runDate)} nằm ngoài thời gian của kế hoạch ${formatVi(def.planWindow.from)} – ${formatVi(def.planWindow.to)}${def.kind === 'ROUTINE' ? ` (${ROUTINE_PLAN_BASIS})` : ''}.`,
      params: { runDate, from: def.planWindow.from, to: def.planWindow.to, routine: def.kind === 'ROUTINE' ? 1 : 0 },
    });
  }

  const started = new Set(input.alreadyStarted ?? []);
  const eligible: TSelectedTarget[] = [];
  const lastInspected = new Map<string, TIsoDate | null>();
  for (const f of [...input.candidates].sort((a, b) => (a.businessId < b.businessId ? -1 : 1))) {
    if (started.has(f.businessId)) {
      excluded.push({ ...who(f), reason: 'đã có hồ sơ kiểm tra của đợt này' });
      continue;
    }
    const risk = riskScore(f, runDate);
    const mismatch = ruleMismatch(def.targets, f, risk, runDate);
    if (mismatch) {
      excluded.push({ ...who(f), reason: mismatch });
      continue;
    }
    if (f.plannedInspectionsThisYear >= def.guardrails.maxPlannedPerBusinessPerYear) {
      const message = `${f.name} (MST ${f.taxCode}) đã được kiểm tra theo kế hoạch ${f.plannedInspectionsThisYear} lần trong năm; giới hạn ${def.guardrails.maxPlannedPerBusinessPerYear}.`;
      findings.push({
        code: 'YEARLY_LIMIT_REACHED',
        severity: 'BLOCKING',
        businessId: f.businessId,
        message,
        params: { name: f.name, taxCode: f.taxCode, count: f.plannedInspectionsThisYear, limit: def.guardrails.maxPlannedPerBusinessPerYear },
      });
      excluded.push({ ...who(f), reason: message });
      continue;
    }
    lastInspected.set(f.businessId, f.lastInspectedOn);
    eligible.push({ businessId: f.businessId, taxCode: f.taxCode, name: f.name, score: risk.score, reasons: risk.reasons, rank: 0 });
  }

  eligible.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const la = lastInspected.get(a.businessId) ?? '';
    const lb = lastInspected.get(b.businessId) ?? '';
    if (la !== lb) return la < lb ? -1 : 1; // never inspected ('') first, then the longest ago
    return a.taxCode < b.taxCode ? -1 : a.taxCode > b.taxCode ? 1 : 0;
  });
  const selected = eligible.slice(0, def.quota.perRun).map((t, i) => ({ ...t, rank: i + 1 }));
  for (const t of eligible.slice(def.quota.perRun)) excluded.push({ ...who(t), reason: `ngoài hạn mức ${def.quota.perRun} cơ sở mỗi đợt (điểm ${t.score})` });

  for (const t of selected) {
    const others = input.otherCampaigns?.[t.businessId];
    if (others?.length) {
      findings.push({
        code: 'OVERLAPS_OTHER_CAMPAIGN',
        severity: 'REPORT',
        businessId: t.businessId,
        message: `${t.name} (MST ${t.taxCode}) cũng là đối tượng của kế hoạch: ${others.join(', ')}.`,
        params: { name: t.name, taxCode: t.taxCode, others: others.join(', ') },
      });
    }
  }

  const conflicts = new Map(input.candidates.map((c) => [c.businessId, new Set(c.conflictUserIds)]));
  const assignments = assign(
    selected,
    input.teams.filter((t) => def.teamIds.includes(t.teamId)),
    def.quota.perTeam,
    conflicts,
    findings,
  );
  if (selected.length === 0) findings.push({ code: 'NO_TARGETS', severity: 'REPORT', message: 'Không có cơ sở nào thỏa điều kiện của kế hoạch trong đợt này.', params: {} });

  return {
    runDate,
    dueDate: input.dueDate,
    ...(movedBecause ? { movedBecause } : {}),
    selected,
    assignments,
    excluded,
    findings,
    canStart: !findings.some((f) => f.severity === 'BLOCKING' && f.businessId === undefined),
  };
}

/**
 * Greedy, deterministic spread: each target, most urgent first, goes to the team with the least
 * open work (its open tasks plus what this run already gave it) that still has room and an
 * inspector without a conflict of interest; within the team, to the least loaded such inspector.
 */
function assign(selected: TSelectedTarget[], teams: TTeamLoad[], perTeam: number, conflicts: Map<string, Set<string>>, findings: TFinding[]): TAssignment[] {
  const given = new Map<string, number>();
  const inspectorLoad = new Map<string, number>();
  for (const t of teams) for (const i of t.inspectors) inspectorLoad.set(i.userId, i.openTasks);
  const out: TAssignment[] = [];
  for (const target of selected) {
    const conflicted = conflicts.get(target.businessId) ?? new Set<string>();
    const candidates = teams
      .filter((t) => (given.get(t.teamId) ?? 0) < perTeam)
      .map((t) => ({ team: t, free: t.inspectors.filter((i) => !conflicted.has(i.userId)) }))
      .filter((x) => x.free.length > 0)
      .sort((a, b) => a.team.openTasks + (given.get(a.team.teamId) ?? 0) - (b.team.openTasks + (given.get(b.team.teamId) ?? 0)) || (a.team.teamId < b.team.teamId ? -1 : 1));
    const pick = candidates[0];
    if (!pick) {
      const anyRoom = teams.some((t) => (given.get(t.teamId) ?? 0) < perTeam && t.inspectors.length > 0);
      findings.push(
        anyRoom
          ? {
              code: 'CONFLICT_OF_INTEREST',
              severity: 'BLOCKING',
              businessId: target.businessId,
              message: `${target.name} (MST ${target.taxCode}): mọi kiểm soát viên còn hạn mức đều có xung đột lợi ích; không phân công.`,
              params: { name: target.name, taxCode: target.taxCode },
            }
          : {
              code: 'NO_CAPACITY',
              severity: 'BLOCKING',
              businessId: target.businessId,
              message: `${target.name} (MST ${target.taxCode}): các đội đã đủ hạn mức của đợt; không phân công.`,
              params: { name: target.name, taxCode: target.taxCode },
            },
      );
      continue;
    }
    const inspector = [...pick.free].sort((a, b) => (inspectorLoad.get(a.userId) ?? 0) - (inspectorLoad.get(b.userId) ?? 0) || (a.userId < b.userId ? -1 : 1))[0]!;
    given.set(pick.team.teamId, (given.get(pick.team.teamId) ?? 0) + 1);
    inspectorLoad.set(inspector.userId, (inspectorLoad.get(inspector.userId) ?? 0) + 1);
    out.push({ businessId: target.businessId, teamId: pick.team.teamId, assigneeId: inspector.userId, rank: target.rank });
  }
  return out;
}

/** An interval cadence's units, in milliseconds. */
export const CADENCE_UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * The first time at or after `now` that a definition's cadence gives within its plan window: what the
 * first action of its Temporal Schedule will be once the version is approved (the spec built by
 * api/services/campaign-schedules.ts, in Vietnam time: every calendar field given must match; an
 * interval counts from the epoch; the window runs from its first day's 00:00 to its last day's
 * 23:59:59). What a version not yet approved previews. Undefined when its window has no run left.
 */
export function firstScheduledRun(def: Pick<TCampaignDefinition, 'cadence' | 'planWindow'>, now: Date): Date | undefined {
  const end = vnInstant(def.planWindow.to, 23, 59, 59).getTime();
  const from = Math.max(now.getTime(), vnInstant(def.planWindow.from).getTime());
  const c = def.cadence;
  if (c.kind === 'INTERVAL') {
    const every = c.every.amount * CADENCE_UNIT_MS[c.every.unit];
    const at = Math.ceil(from / every) * every;
    return at <= end ? new Date(at) : undefined;
  }
  for (let day = vnDateOf(from); day <= def.planWindow.to; day = addCalendarDays(day, 1)) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    if (c.months.length && !c.months.includes(m)) continue;
    if (c.daysOfMonth.length && !c.daysOfMonth.includes(d)) continue;
    if (c.daysOfWeek.length && !c.daysOfWeek.includes(new Date(Date.UTC(y, m - 1, d)).getUTCDay())) continue;
    const at = vnInstant(day, c.hour, c.minute).getTime();
    if (at >= from && at <= end) return new Date(at);
  }
  return undefined;
}

/**
 * The key of the period a run belongs to, from its scheduled time (Vietnam time): the date for a
 * calendar cadence, the scheduled second for an interval cadence. A run, its retries and a backfill
 * of the same period share the key, so the cases they start share ids and exist once.
 */
export function periodKey(cadence: TCadence, scheduledAt: Date): string {
  const vn = vnWallClock(scheduledAt);
  const date = vn.slice(0, 10).replaceAll('-', '');
  return cadence.kind === 'CALENDAR' ? date : `${date}T${vn.slice(11, 19).replaceAll(':', '')}`;
}

/** The business id (workflow id) of the inspection a campaign run starts for one business. */
export function campaignCaseId(unitId: string, campaignId: string, period: string, taxCode: string): string {
  return `inspection/${unitId}/${campaignId}/${period}/${taxCode.replace(/[^0-9-]/g, '')}`;
}

/** The id of a campaign's Temporal Schedule, legible in `temporal schedule list` and the Web UI. */
export function campaignScheduleId(unitId: string, campaignId: string): string {
  return `campaign/${unitId}/${campaignId}`;
}

/** The workflow id prefix of a campaign's runs; the server appends each run's scheduled time. */
export function campaignRunWorkflowId(unitId: string, campaignId: string): string {
  return `campaign-run/${unitId}/${campaignId}`;
}

/** The hour (Vietnam time) at which a run moved off a day off starts on its working day. */
const MOVED_RUN_HOUR = 8;

/** The instant a run moved to `runDate` starts: 08:00 in Vietnam (UTC+7, no daylight saving). */
export function movedRunStartsAt(runDate: TIsoDate): Date {
  return vnInstant(runDate, MOVED_RUN_HOUR);
}

/** The calendar year a period belongs to (its key starts with the Vietnam date it was due). */
export function periodYear(period: string): string {
  return period.slice(0, 4);
}

/** The due date (Vietnam) of a period key. */
export function periodDueDate(period: string): TIsoDate {
  return `${period.slice(0, 4)}-${period.slice(4, 6)}-${period.slice(6, 8)}`;
}

/**
 * The businesses a campaign would target on `today` by its rules alone (before quota and
 * guardrails): what "another active campaign's targets" means for the overlap report.
 */
export function campaignTargets(def: TCampaignDefinition, candidates: TTargetFacts[], today: TIsoDate): string[] {
  return candidates.filter((f) => ruleMismatch(def.targets, f, riskScore(f, today), today) === undefined).map((f) => f.businessId);
}

/** Outcomes of an inspection record (A9 of ins-inspection) that mean a violation was found. */
const VIOLATION_OUTCOMES = ['VIOLATION', 'VIOLATION_WITH_SEIZURE', 'CRIMINAL_SIGNS'] as const;
/** Kinds of case that exist only because a violation was found (a penalty with or without a record). */
const PENALTY_KINDS = ['PENALTY', 'PENALTY_NO_RECORD'] as const;

/** Whether a case (by its kind and the outcomes of its completed steps) found a violation. */
export function foundViolation(kind: string, outcomes: readonly string[]): boolean {
  return (PENALTY_KINDS as readonly string[]).includes(kind) || outcomes.some((o) => (VIOLATION_OUTCOMES as readonly string[]).includes(o));
}

/** How a case's workflow may be closed without the procedure's end (Temporal's execution status), as the report shows it. */
const ABANDONED_CASE_STATUSES: readonly string[] = ['TERMINATED', 'CANCELED', 'TIMED_OUT', 'FAILED'];

/** A case of a campaign, or one of its sub-cases, as the read model holds it. */
export interface TCampaignCaseRow {
  caseId: string;
  kind: string;
  status: string;
  overdue: boolean;
  /** Outcomes of the completed steps. */
  outcomes: string[];
  /** Fine decided and amount paid, when the case records them (see `fineTotalsOf`). */
  fines: { decided?: number | undefined; paid?: number | undefined };
}

/** Where one planned inspection stands: its case and everything under it (penalty, seizure…). */
export interface TCampaignCaseProgress {
  caseId: string;
  status: string;
  overdue: boolean;
  violation: boolean;
  fineDecided: number;
  finePaid: number;
}

export interface TCampaignTotals {
  planned: number;
  started: number;
  done: number;
  /** Cases whose workflow was closed without the procedure's end (terminated, cancelled by hand…). */
  abandoned: number;
  violations: number;
  overdue: number;
  fineDecided: number;
  finePaid: number;
}

/** The case a (sub-)case belongs to: campaign case ids have five segments, sub-cases add theirs. */
function campaignRootCaseId(caseId: string): string {
  return caseId.split('/').slice(0, 5).join('/');
}

/**
 * Progress of planned inspections from the read model: a case is done when closed, overdue when it
 * or a sub-case is, found a violation when its record says so or a penalty case was opened under it;
 * fines add up over the case and its sub-cases.
 */
export function campaignProgress(planned: number, rows: TCampaignCaseRow[]): { totals: TCampaignTotals; cases: Map<string, TCampaignCaseProgress> } {
  const cases = new Map<string, TCampaignCaseProgress>();
  const ordered = [...rows].sort((a, b) => a.caseId.length - b.caseId.length || (a.caseId < b.caseId ? -1 : 1));
  for (const r of ordered) {
    const rootId = campaignRootCaseId(r.caseId);
    let p = cases.get(rootId);
    if (!p) {
      if (rootId !== r.caseId) continue; // a sub-case whose case is not in the rows
      p = { caseId: rootId, status: r.status, overdue: false, violation: false, fineDecided: 0, finePaid: 0 };
      cases.set(rootId, p);
    }
    p.overdue ||= r.overdue;
    p.violation ||= foundViolation(r.kind, r.outcomes);
    p.fineDecided += r.fines.decided ?? 0;
    p.finePaid += r.fines.paid ?? 0;
  }
  const all = [...cases.values()];
  return {
    totals: {
      planned,
      started: all.length,
      done: all.filter((c) => c.status === 'CLOSED').length,
      abandoned: all.filter((c) => ABANDONED_CASE_STATUSES.includes(c.status)).length,
      violations: all.filter((c) => c.violation).length,
      // Overdue counts what is still open: a closed or abandoned case is overdue no more.
      overdue: all.filter((c) => c.overdue && c.status === 'OPEN').length,
      fineDecided: all.reduce((n, c) => n + c.fineDecided, 0),
      finePaid: all.reduce((n, c) => n + c.finePaid, 0),
    },
    cases,
  };
}

/** The life of a campaign version: DRAFT → SUBMITTED → APPROVED (or REJECTED) → SUPERSEDED; SUBMITTED → DRAFT when withdrawn. */
export type TCampaignVersionStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';

/** What the lifecycle rules read of a version. */
export interface TCampaignVersionFacts {
  status: TCampaignVersionStatus;
  createdBy: string;
  submittedBy: string | null;
}

/** The end of a campaign (kết thúc / hủy kế hoạch): who ended it, when, and why. */
export interface TCampaignEnd {
  at: string;
  by: string;
  note: string;
}

/** A change to a campaign's versions refused by its lifecycle; `ended` when the campaign was ended. */
export class CampaignError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN',
    message: string,
    /** The refusal is because the campaign was ended. */
    readonly ended = false,
  ) {
    super(message);
  }
}

/** The refusal of any change to an ended campaign, saying when and by whom it ended. */
export function endedError(campaignId: string, end: TCampaignEnd): CampaignError {
  return new CampaignError('CONFLICT', `Campaign ${campaignId} was ended on ${end.at} by ${end.by} (${end.note}); an ended campaign no longer changes or runs.`, true);
}

const missingVersion = (campaignId: string, version: number) => new CampaignError('NOT_FOUND', `No version ${version} of campaign ${campaignId}.`);

/**
 * Why a draft may not be saved as `version` of `campaignId` in `unitId`, or undefined. `existing` is
 * that version as stored (any unit); `owner` the unit of any version of the id; `latest` its
 * highest version number. Approved or submitted versions never change, a campaign id belongs to
 * one unit, and a new version is the next number, so "the latest" is unambiguous.
 */
export function draftRefusal(input: {
  unitId: string;
  campaignId: string;
  version: number;
  end?: TCampaignEnd | undefined;
  existing?: { unitId: string; status: TCampaignVersionStatus } | undefined;
  owner?: string | undefined;
  latest?: number | null | undefined;
}): CampaignError | undefined {
  const { unitId, campaignId, version, existing } = input;
  if (input.end) return endedError(campaignId, input.end);
  if (existing && existing.unitId !== unitId) return new CampaignError('CONFLICT', `The campaign id ${campaignId} is taken; choose another.`);
  if (existing && existing.status !== 'DRAFT')
    return new CampaignError('CONFLICT', `${campaignId} version ${version} is ${existing.status.toLowerCase()} and can no longer change; save a new version.`);
  if (existing) return undefined;
  if (input.owner !== undefined && input.owner !== unitId) return new CampaignError('CONFLICT', `The campaign id ${campaignId} is taken; choose another.`);
  const next = (input.latest ?? 0) + 1;
  if (version !== next) return new CampaignError('CONFLICT', `The next version of ${campaignId} is ${next}, not ${version}.`);
  return undefined;
}

/** Why `v` may not be submitted for approval, or undefined: only a draft of a campaign not ended is. */
export function submitRefusal(campaignId: string, version: number, v: TCampaignVersionFacts | undefined, end?: TCampaignEnd): CampaignError | undefined {
  if (!v) return missingVersion(campaignId, version);
  if (end) return endedError(campaignId, end);
  if (v.status !== 'DRAFT') return new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a draft is submitted for approval.`);
  return undefined;
}

/**
 * Why `v` may not be withdrawn from the director's desk back to draft, or undefined: only a
 * submitted version awaiting the decision is (by any scheduler of the unit).
 */
export function withdrawRefusal(campaignId: string, version: number, v: TCampaignVersionFacts | undefined, end?: TCampaignEnd): CampaignError | undefined {
  if (!v) return missingVersion(campaignId, version);
  if (end) return endedError(campaignId, end);
  if (v.status !== 'SUBMITTED') return new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a submitted version awaiting the director is withdrawn.`);
  return undefined;
}

/**
 * Why `by` may not approve (or reject) `v`, or undefined. Only a submitted version is decided; the
 * four-eyes rule: whoever drafted or submitted a version may not approve it (rejecting is allowed).
 */
export function decisionRefusal(campaignId: string, version: number, v: TCampaignVersionFacts | undefined, by: string, approve: boolean, end?: TCampaignEnd): CampaignError | undefined {
  if (!v) return missingVersion(campaignId, version);
  if (end) return endedError(campaignId, end);
  if (v.status !== 'SUBMITTED') return new CampaignError('CONFLICT', `${campaignId} version ${version} is ${v.status.toLowerCase()}; only a submitted version is approved or rejected.`);
  if (approve && !fourEyesHold(v, by)) return new CampaignError('FORBIDDEN', 'A plan is approved by someone other than the person who drafted or submitted it.');
  return undefined;
}

/** The four-eyes rule (nguyên tắc bốn mắt): the approver is neither the drafter nor the submitter. */
export function fourEyesHold(v: Pick<TCampaignVersionFacts, 'createdBy' | 'submittedBy'>, approver: string): boolean {
  return v.createdBy !== approver && v.submittedBy !== approver;
}

/** Why a campaign may not be ended, or undefined: it must exist in the unit and not be ended already. */
export function endRefusal(campaignId: string, versions: number, end?: TCampaignEnd): CampaignError | undefined {
  if (!versions) return new CampaignError('NOT_FOUND', `No campaign ${campaignId} in your unit.`);
  if (end) return endedError(campaignId, end);
  return undefined;
}

/** The status a decision gives a submitted version; approving also supersedes the one approved before. */
export function decidedStatus(approve: boolean): Extract<TCampaignVersionStatus, 'APPROVED' | 'REJECTED'> {
  return approve ? 'APPROVED' : 'REJECTED';
}
