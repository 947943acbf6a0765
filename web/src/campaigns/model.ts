/**
 * The scheduler's form and the campaign API's shapes: a definition becomes editable text (lists as
 * "a; b", days of the month as "1, 15") and back, without losing what the form does not show.
 * Pure functions, unit-tested beside this file.
 */
import type { WorkingCalendar } from '../../../domain/calendar.js';
import { runDateFor } from '../../../domain/campaign-run-date.js';
import { VN_TIME_ZONE } from '../../../domain/vn-time.js';
import { dateIssue } from '../forms/validate.js';
import { formatIsoDate, parseViDate } from '../lib/format.js';
import type { TCadence, TCampaignDefinition, TCampaignDraft, TCampaignVersion, TFinding, TIssueRule, TOverlapPolicy, TValidationIssue } from '../lib/contract/types.js';

export interface TCampaignForm {
  campaignId: string;
  kind: TCampaignDefinition['kind'];
  title: string;
  theme: string;
  legalBasis: string;
  /** The plan window as typed, dd/mm/yyyy. */
  from: string;
  to: string;
  cadenceKind: TCadence['kind'];
  daysOfWeek: number[];
  months: number[];
  daysOfMonth: string;
  hour: string;
  minute: string;
  everyAmount: string;
  everyUnit: 'seconds' | 'minutes' | 'hours' | 'days';
  holidayPolicy: TCampaignDefinition['holidayPolicy'];
  overlapPolicy: TOverlapPolicy;
  sectors: string;
  productGroups: string;
  areas: string;
  marketIds: string[];
  minRiskScore: string;
  minMonthsSinceLastInspection: string;
  withOpenTipsOnly: boolean;
  perRun: string;
  perTeam: string;
  teamIds: string[];
  /** `id@version` of a published inspection procedure. */
  procedure: string;
  maxPlannedPerBusinessPerYear: string;
}

/** The days of the week as Temporal numbers them (0 = Sunday), Monday first as Vietnamese calendars show them. */
export const WEEK_DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
export const OVERLAP_POLICIES: TOverlapPolicy[] = ['SKIP', 'BUFFER_ONE', 'BUFFER_ALL', 'CANCEL_OTHER', 'TERMINATE_OTHER', 'ALLOW_ALL'];

/** "Thực phẩm; Ăn uống" → ["Thực phẩm", "Ăn uống"] (a semicolon separates: names may hold commas). */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

function joinList(items: readonly string[]): string {
  return items.join('; ');
}

/**
 * "1, 15 20" → [1, 15, 20]. Anything that is not a whole number is kept as it was typed (NaN), so
 * the server names the field instead of the form dropping it silently.
 */
export function parseNumberList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
}

/** A number field's text → number; empty or not a number stays visible to the server as invalid. */
function num(text: string): number {
  const s = text.trim();
  return s === '' ? Number.NaN : Number(s);
}

/** A new campaign as the form starts it: a themed plan of the current year, Mondays at 08:00. */
export function emptyForm(today: string, teamIds: string[], procedure: string): TCampaignForm {
  const year = today.slice(0, 4);
  return {
    campaignId: '',
    kind: 'THEMED',
    title: '',
    theme: '',
    legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 5 khoản 1 điểm b và Điều 6: kế hoạch kiểm tra chuyên đề',
    from: formatIsoDate(today),
    to: `31/12/${year}`,
    cadenceKind: 'CALENDAR',
    daysOfWeek: [1],
    months: [],
    daysOfMonth: '',
    hour: '8',
    minute: '0',
    everyAmount: '7',
    everyUnit: 'days',
    holidayPolicy: 'NEXT_WORKING_DAY',
    overlapPolicy: 'SKIP',
    sectors: '',
    productGroups: '',
    areas: '',
    marketIds: [],
    minRiskScore: '0',
    minMonthsSinceLastInspection: '0',
    withOpenTipsOnly: false,
    perRun: String(Math.max(1, teamIds.length)),
    perTeam: '1',
    teamIds,
    procedure,
    maxPlannedPerBusinessPerYear: '1',
  };
}

export function formOf(d: TCampaignDefinition): TCampaignForm {
  const c = d.cadence;
  return {
    campaignId: d.id,
    kind: d.kind,
    title: d.title,
    theme: d.theme,
    legalBasis: d.legalBasis,
    from: formatIsoDate(d.planWindow.from),
    to: formatIsoDate(d.planWindow.to),
    cadenceKind: c.kind,
    daysOfWeek: c.kind === 'CALENDAR' ? c.daysOfWeek : [],
    months: c.kind === 'CALENDAR' ? c.months : [],
    daysOfMonth: c.kind === 'CALENDAR' ? c.daysOfMonth.join(', ') : '',
    hour: c.kind === 'CALENDAR' ? String(c.hour) : '8',
    minute: c.kind === 'CALENDAR' ? String(c.minute) : '0',
    everyAmount: c.kind === 'INTERVAL' ? String(c.every.amount) : '7',
    everyUnit: c.kind === 'INTERVAL' ? c.every.unit : 'days',
    holidayPolicy: d.holidayPolicy,
    overlapPolicy: d.overlapPolicy,
    sectors: joinList(d.targets.sectors),
    productGroups: joinList(d.targets.productGroups),
    areas: joinList(d.targets.areas),
    marketIds: d.targets.marketIds,
    minRiskScore: String(d.targets.minRiskScore),
    minMonthsSinceLastInspection: String(d.targets.minMonthsSinceLastInspection),
    withOpenTipsOnly: d.targets.withOpenTipsOnly,
    perRun: String(d.quota.perRun),
    perTeam: String(d.quota.perTeam),
    teamIds: d.teamIds,
    procedure: `${d.procedure.id}@${d.procedure.version}`,
    maxPlannedPerBusinessPerYear: String(d.guardrails.maxPlannedPerBusinessPerYear),
  };
}

/** The draft body the API takes (PUT /campaigns/{id}/versions/{v}); the server checks every rule. */
export function draftOf(f: TCampaignForm): TCampaignDraft {
  const at = f.procedure.lastIndexOf('@');
  const cadence: TCadence =
    f.cadenceKind === 'CALENDAR'
      ? {
          kind: 'CALENDAR',
          daysOfWeek: [...f.daysOfWeek].sort((a, b) => a - b),
          months: [...f.months].sort((a, b) => a - b),
          daysOfMonth: parseNumberList(f.daysOfMonth),
          hour: num(f.hour),
          minute: num(f.minute),
        }
      : { kind: 'INTERVAL', every: { amount: num(f.everyAmount), unit: f.everyUnit } };
  return {
    kind: f.kind,
    title: f.title.trim(),
    theme: f.theme.trim(),
    legalBasis: f.legalBasis.trim(),
    planWindow: { from: parseViDate(f.from) ?? f.from, to: parseViDate(f.to) ?? f.to },
    cadence,
    timeZone: VN_TIME_ZONE,
    holidayPolicy: f.holidayPolicy,
    overlapPolicy: f.overlapPolicy,
    targets: {
      sectors: splitList(f.sectors),
      productGroups: splitList(f.productGroups),
      areas: splitList(f.areas),
      marketIds: f.marketIds,
      minRiskScore: num(f.minRiskScore),
      minMonthsSinceLastInspection: num(f.minMonthsSinceLastInspection),
      withOpenTipsOnly: f.withOpenTipsOnly,
    },
    quota: { perRun: num(f.perRun), perTeam: num(f.perTeam) },
    teamIds: f.teamIds,
    procedure: at > 0 ? { id: f.procedure.slice(0, at), version: num(f.procedure.slice(at + 1)) } : { id: f.procedure, version: Number.NaN },
    guardrails: { maxPlannedPerBusinessPerYear: num(f.maxPlannedPerBusinessPerYear) },
  };
}

/**
 * JSON of a draft for the wire: a number the person left invalid (NaN) goes as the text they typed
 * would have, `null`, which the server refuses at its path (JSON has no NaN).
 */
export function draftJson(d: TCampaignDraft): unknown {
  return JSON.parse(JSON.stringify(d, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v)));
}

/** `20261207` → `07/12/2026`; `20261207T080000` → `07/12/2026 08:00`. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(period);
  if (!m) return period;
  const day = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${day} ${m[4]}:${m[5]}${m[6] !== '00' ? `:${m[6]}` : ''}` : day;
}

/** The number the next version of a campaign takes. */
export function nextVersion(versions: readonly TCampaignVersion[]): number {
  return versions.reduce((n, v) => Math.max(n, v.version), 0) + 1;
}

/** The draft being worked on, if the latest version is one. */
export function openDraft(versions: readonly TCampaignVersion[]): TCampaignVersion | undefined {
  const latest = versions.at(-1);
  return latest?.status === 'DRAFT' ? latest : undefined;
}

/** The server's field paths, as the form's fields name them (`teamIds.1` is the team list's problem). */
export function fieldOfPath(path: string): string {
  if (/^teamIds(\.\d+)?$/.test(path)) return 'teamIds';
  if (/^targets\.marketIds(\.\d+)?$/.test(path)) return 'targets.marketIds';
  if (/^cadence\.(daysOfMonth|months|daysOfWeek)(\.\d+)?$/.test(path)) return path.replace(/\.\d+$/, '');
  if (/^targets\.(sectors|productGroups|areas)\.\d+$/.test(path)) return path.replace(/\.\d+$/, '');
  if (/^procedure(\.|$)/.test(path)) return 'procedure';
  if (path === 'planWindow') return 'planWindow.to';
  if (/^cadence\.every(\.|$)/.test(path)) return path === 'cadence.every.unit' ? 'cadence.every.unit' : 'cadence.every.amount';
  return path;
}

/** The server's issues (`details` of a 400) by the form field that shows them, the first of a field winning. */
export function issuesByField(issues: readonly TValidationIssue[]): Record<string, TValidationIssue> {
  const out: Record<string, TValidationIssue> = {};
  for (const i of issues) if (i.path) out[fieldOfPath(i.path)] ??= i;
  return out;
}

/** A problem as a translation key (of the `campaigns` namespace, or another one named) and its values. */
export interface TIssueText {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Problems the form finds before asking the server, all at once: the new campaign's id, the texts
 * and choices the definition cannot go without (ZCampaignDefinitionFields: title, theme, legal
 * basis, a team, a procedure), and dates as people write them (dd/mm/yyyy, a day that exists, the
 * end not before the start) in the app's shared words for dates (`translation:validation.*`).
 */
export function localIssues(f: TCampaignForm, isNew: boolean): Record<string, TIssueText> {
  const out: Record<string, TIssueText> = {};
  if (isNew && !/^[a-z][a-z0-9-]{1,59}$/.test(f.campaignId)) out.id = { key: 'draft.local.ID' };
  const required = (text: string) => (text.trim() === '' ? { key: 'rules.required' } : undefined);
  // In the form's order: the first problem is the one the focus goes to.
  for (const field of ['title', 'theme', 'legalBasis'] as const) {
    const issue = required(f[field]);
    if (issue) out[field] = issue;
  }
  const date = (text: string, min?: string): TIssueText | undefined => {
    const issue = dateIssue(text, { min });
    return issue && { key: `translation:validation.${issue.key}`, ...(issue.params ? { params: issue.params } : {}) };
  };
  const from = required(f.from) ?? date(f.from);
  const to = required(f.to) ?? date(f.to, parseViDate(f.from));
  if (from) out['planWindow.from'] = from;
  if (to) out['planWindow.to'] = to;
  if (f.teamIds.length === 0) out.teamIds = { key: 'rules.atLeastOne' };
  if (!f.procedure.trim()) out.procedure = { key: 'rules.required' };
  return out;
}

/** The campaign form's wording of a rule: a key of the `campaigns` namespace, given the rule's params as they are. */
const KEYS: Partial<Record<TIssueRule, string>> = {
  order: 'rules.toBeforeFrom',
  routineWindow: 'rules.routineWindow',
  perRunMax: 'rules.perRunMax',
  repeated: 'rules.teamRepeated',
  slug: 'rules.slug',
  unknownTeam: 'rules.noTeam',
  procedureNotPublished: 'rules.procedureNotPublished',
  procedureKind: 'rules.procedureKind',
  integer: 'rules.integer',
  min: 'rules.min',
  max: 'rules.max',
  required: 'rules.required',
  maxChars: 'rules.maxChars',
  atLeastOne: 'rules.atLeastOne',
};

/**
 * A server issue as a translation key and its values, or undefined for a rule the form has no words
 * for (the server's sentence is shown then). Its number fields are sent as null when left empty or
 * mistyped, so a wrong type is "enter a number"; a date the server cannot read is the form's own
 * date problem.
 */
export function campaignIssueText(issue: Pick<TValidationIssue, 'rule' | 'params'>): TIssueText | undefined {
  if (issue.rule === 'type') return issue.params?.expected === 'number' ? { key: 'rules.number' } : undefined;
  if (issue.rule === 'format') return issue.params?.format === 'date' ? { key: 'draft.local.DATE' } : undefined;
  const key = KEYS[issue.rule];
  return key ? { key, ...(issue.params ? { params: issue.params } : {}) } : undefined;
}

/**
 * Whether a run started now would be blocked as outside the plan's window: it is due today and runs on
 * today's run date (moved off a day off unless the plan runs anyway, `runDateFor`), which the window
 * must hold (domain/campaign.ts `planRun`, OUTSIDE_PLAN_WINDOW). "Run now" is then not offered.
 */
export function runNowOutsideWindow(def: Pick<TCampaignDefinition, 'planWindow' | 'holidayPolicy'>, calendar: WorkingCalendar, today: string): boolean {
  const { runDate } = runDateFor(def, calendar, today);
  return runDate < def.planWindow.from || runDate > def.planWindow.to;
}

/** The dates among a finding's values (ISO in the plan), said as the reader reads dates. */
const FINDING_DATES = ['runDate', 'from', 'to'];

/**
 * A guardrail finding in the reader's language, from its code and values (dates as dd/mm/yyyy); a
 * finding recorded before its values were kept has none, and is shown in its recorded words.
 */
export function findingText(f: Pick<TFinding, 'code' | 'params'>): TIssueText | undefined {
  if (!f.params) return undefined;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.params)) params[k] = FINDING_DATES.includes(k) && typeof v === 'string' ? formatIsoDate(v) : v;
  // A routine plan's window is the law's (TT 27/2020 Art. 5(1)(a)), cited as the server does.
  return { key: `findingMessages.${f.code}${f.code === 'OUTSIDE_PLAN_WINDOW' && f.params.routine ? '_ROUTINE' : ''}`, params };
}
