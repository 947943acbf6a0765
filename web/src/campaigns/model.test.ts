import { describe, expect, it } from 'vitest';
import {
  campaignIssueText,
  draftJson,
  draftOf,
  emptyForm,
  fieldOfPath,
  findingText,
  formOf,
  issuesByField,
  localIssues,
  nextVersion,
  parseNumberList,
  periodLabel,
  runNowOutsideWindow,
  splitList,
} from './model.js';
import { WorkingCalendar } from '../../../domain/calendar.js';
import { HOLIDAYS_SEED } from '../../../domain/holidays-seed.js';
import { ISSUE_RULES } from '../../../domain/validation-issues.js';
import type { TCampaignDefinition, TCampaignVersion, TValidationIssue } from '../lib/contract/types.js';
import en from '../locales/en/campaigns.json';
import vi from '../locales/vi/campaigns.json';

const DEF: TCampaignDefinition = {
  id: 'atvstp-tet-2027',
  version: 1,
  kind: 'THEMED',
  title: 'Kiểm tra chuyên đề an toàn thực phẩm',
  theme: 'An toàn thực phẩm',
  legalBasis: 'Thông tư 27/2020/TT-BCT, Điều 6',
  planWindow: { from: '2026-12-14', to: '2027-02-05' },
  cadence: { kind: 'CALENDAR', daysOfWeek: [1, 4], months: [], daysOfMonth: [], hour: 8, minute: 30 },
  timeZone: 'Asia/Ho_Chi_Minh',
  holidayPolicy: 'NEXT_WORKING_DAY',
  overlapPolicy: 'SKIP',
  targets: {
    sectors: ['Thực phẩm', 'Ăn uống, giải khát'],
    productGroups: [],
    areas: ['Phường Hoa Lư'],
    marketIds: ['cho-rong'],
    minRiskScore: 2,
    minMonthsSinceLastInspection: 6,
    withOpenTipsOnly: false,
  },
  quota: { perRun: 2, perTeam: 1 },
  teamIds: ['nb-doi-1', 'nb-doi-2'],
  procedure: { id: 'ins-inspection', version: 1 },
  guardrails: { maxPlannedPerBusinessPerYear: 1 },
};

describe('the campaign form', () => {
  it('turns a definition into the form and back without losing anything', () => {
    const { id: _id, version: _v, ...draft } = DEF;
    expect(draftOf(formOf(DEF))).toEqual(draftJson(draft));
  });

  it('keeps an interval cadence', () => {
    const d: TCampaignDefinition = { ...DEF, cadence: { kind: 'INTERVAL', every: { amount: 2, unit: 'hours' } } };
    expect(draftOf(formOf(d)).cadence).toEqual({ kind: 'INTERVAL', every: { amount: 2, unit: 'hours' } });
  });

  it('splits lists on semicolons only, since a sector name may hold a comma', () => {
    expect(splitList(' Thực phẩm ;Ăn uống, giải khát;; ')).toEqual(['Thực phẩm', 'Ăn uống, giải khát']);
  });

  it('reads days of the month separated by commas or spaces, and keeps what is not a number as invalid for the server to name', () => {
    expect(parseNumberList('1, 15 20')).toEqual([1, 15, 20]);
    const parsed = parseNumberList('1, mười');
    expect(parsed[0]).toBe(1);
    expect(parsed[1]).toBeNaN();
  });

  it('sends an empty or mistyped number as null, so the server refuses it at its path instead of the form dropping it', () => {
    const f = { ...formOf(DEF), perRun: '', hour: 'tám' };
    const body = draftJson(draftOf(f)) as { quota: { perRun: unknown }; cadence: { hour: unknown } };
    expect(body.quota.perRun).toBeNull();
    expect(body.cadence.hour).toBeNull();
  });

  it('starts a new campaign as a themed plan of the current year, Mondays at 08:00, with every team', () => {
    const f = emptyForm('2026-11-28', ['a', 'b'], 'ins-inspection@1');
    const d = draftOf(f);
    expect(d.planWindow).toEqual({ from: '2026-11-28', to: '2026-12-31' });
    expect(f.from).toBe('28/11/2026');
    expect(d.cadence).toEqual({ kind: 'CALENDAR', daysOfWeek: [1], months: [], daysOfMonth: [], hour: 8, minute: 0 });
    expect(d.quota).toEqual({ perRun: 2, perTeam: 1 });
    expect(d.procedure).toEqual({ id: 'ins-inspection', version: 1 });
  });
});

describe('labels and paths', () => {
  it('writes a period the Vietnamese way, with its time when it has one', () => {
    expect(periodLabel('20261207')).toBe('07/12/2026');
    expect(periodLabel('20261207T080000')).toBe('07/12/2026 08:00');
    expect(periodLabel('20261207T080015')).toBe('07/12/2026 08:00:15');
    expect(periodLabel('nonsense')).toBe('nonsense');
  });

  it('numbers the next version after the highest one', () => {
    expect(nextVersion([{ version: 1 }, { version: 3 }, { version: 2 }] as TCampaignVersion[])).toBe(4);
    expect(nextVersion([])).toBe(1);
  });

  it('shows a problem of one list item at the list, and a plan window that ends too late at its end', () => {
    expect(fieldOfPath('teamIds.1')).toBe('teamIds');
    expect(fieldOfPath('cadence.daysOfMonth.0')).toBe('cadence.daysOfMonth');
    expect(fieldOfPath('procedure.version')).toBe('procedure');
    expect(fieldOfPath('planWindow')).toBe('planWindow.to');
    expect(fieldOfPath('quota.perRun')).toBe('quota.perRun');
  });

  it('collects the server issues by field, from their paths, the first issue of a field winning', () => {
    const details: TValidationIssue[] = [
      { path: 'quota.perRun', message: 'cannot exceed quota.perTeam × number of teams (2)', rule: 'perRunMax', params: { n: 2 } },
      { path: 'teamIds.0', message: 'x is not a team of your unit', rule: 'unknownTeam', params: { team: 'x' } },
      { path: 'teamIds.1', message: 'y is not a team of your unit', rule: 'unknownTeam', params: { team: 'y' } },
      { path: '', message: 'Invalid request', rule: 'invalid' },
    ];
    expect(issuesByField(details)).toEqual({ 'quota.perRun': details[0], teamIds: details[1] });
    expect(issuesByField([])).toEqual({});
  });
});

describe('what the form checks itself', () => {
  it('wants dates written dd/mm/yyyy and a new campaign id of lower-case letters, digits and dashes', () => {
    const f = formOf(DEF);
    expect(f.from).toBe('14/12/2026');
    expect(localIssues(f, false)).toEqual({});
    expect(localIssues({ ...f, from: '14122026', to: '31.12.2027' }, false)).toEqual({});
    expect(localIssues({ ...f, from: '2026-12-14', to: '31/02/2027', campaignId: 'Tết 2027' }, true)).toEqual({
      id: { key: 'draft.local.ID' },
      'planWindow.from': { key: 'translation:validation.date' },
      'planWindow.to': { key: 'translation:validation.noSuchDate', params: { date: '31/02/2027' } },
    });
  });

  it('names every empty field the definition cannot go without at once, in the form\u2019s order', () => {
    const f = { ...formOf(DEF), title: ' ', theme: '', legalBasis: '', teamIds: [], procedure: '' };
    const issues = localIssues({ ...f, campaignId: '' }, true);
    expect(issues).toEqual({
      id: { key: 'draft.local.ID' },
      title: { key: 'rules.required' },
      theme: { key: 'rules.required' },
      legalBasis: { key: 'rules.required' },
      teamIds: { key: 'rules.atLeastOne' },
      procedure: { key: 'rules.required' },
    });
    expect(Object.keys(issues)).toEqual(['id', 'title', 'theme', 'legalBasis', 'teamIds', 'procedure']);
  });

  it('wants both ends of the window, the end not before the start', () => {
    const f = formOf(DEF);
    expect(localIssues({ ...f, from: '', to: ' ' }, false)).toEqual({ 'planWindow.from': { key: 'rules.required' }, 'planWindow.to': { key: 'rules.required' } });
    expect(localIssues({ ...f, from: '14/12/2026', to: '13/12/2026' }, false)).toEqual({ 'planWindow.to': { key: 'translation:validation.dateMin', params: { date: '14/12/2026' } } });
  });
});

describe('the server rules in the reader’s language', () => {
  it('words the campaign rules and the usual schema complaints from their rule and values', () => {
    expect(campaignIssueText({ rule: 'perRunMax', params: { n: 2 } })).toEqual({ key: 'rules.perRunMax', params: { n: 2 } });
    expect(campaignIssueText({ rule: 'unknownTeam', params: { team: 'nb-doi-9' } })).toEqual({ key: 'rules.noTeam', params: { team: 'nb-doi-9' } });
    expect(campaignIssueText({ rule: 'procedureNotPublished', params: { procedure: 'ins-inspection@7' } })).toEqual({ key: 'rules.procedureNotPublished', params: { procedure: 'ins-inspection@7' } });
    expect(campaignIssueText({ rule: 'order', params: { first: 'planWindow.from', second: 'planWindow.to' } })).toMatchObject({ key: 'rules.toBeforeFrom' });
    expect(campaignIssueText({ rule: 'repeated', params: { value: 'nb-doi-1' } })).toMatchObject({ key: 'rules.teamRepeated' });
    expect(campaignIssueText({ rule: 'type', params: { expected: 'number' } })).toEqual({ key: 'rules.number' });
    expect(campaignIssueText({ rule: 'integer' })).toEqual({ key: 'rules.integer' });
    expect(campaignIssueText({ rule: 'min', params: { n: 1 } })).toEqual({ key: 'rules.min', params: { n: 1 } });
    expect(campaignIssueText({ rule: 'max', params: { n: 23 } })).toEqual({ key: 'rules.max', params: { n: 23 } });
    expect(campaignIssueText({ rule: 'required' })).toEqual({ key: 'rules.required' });
    expect(campaignIssueText({ rule: 'format', params: { format: 'date' } })).toEqual({ key: 'draft.local.DATE' });
  });

  it('leaves a rule it has no words for to the server’s sentence', () => {
    expect(campaignIssueText({ rule: 'type', params: { expected: 'object' } })).toBeUndefined();
    expect(campaignIssueText({ rule: 'format', params: { format: 'regex' } })).toBeUndefined();
    expect(campaignIssueText({ rule: 'procedureBaseNotPublished', params: { procedure: 'p@2', base: 'q@1' } })).toBeUndefined();
  });

  it('has both languages’ words for every rule it words', () => {
    const has = (tree: unknown, key: string): boolean => typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree) === 'string';
    for (const rule of ISSUE_RULES) {
      for (const params of [undefined, { expected: 'number' }, { format: 'date' }] as (Record<string, string> | undefined)[]) {
        const r = campaignIssueText({ rule, ...(params ? { params } : {}) });
        if (r) expect([rule, has(vi, r.key), has(en, r.key)]).toEqual([rule, true, true]);
      }
    }
  });
});

describe('"run now"', () => {
  const calendar = new WorkingCalendar(HOLIDAYS_SEED, 'seed');
  const plan = { planWindow: { from: '2026-12-14', to: '2027-02-05' }, holidayPolicy: 'NEXT_WORKING_DAY' as const };
  it('is not offered outside the plan window, judged on the day the run would run', () => {
    // Seen on Sunday 06/12/2026: the plan starts Monday 14/12, a run now would be blocked.
    expect(runNowOutsideWindow(plan, calendar, '2026-12-06')).toBe(true);
    expect(runNowOutsideWindow(plan, calendar, '2026-12-14')).toBe(false);
    expect(runNowOutsideWindow(plan, calendar, '2027-02-02')).toBe(false);
    // 05/02/2027, the window's last day, is a Tết day off: the run would move past the window.
    expect(runNowOutsideWindow(plan, calendar, '2027-02-05')).toBe(true);
    expect(runNowOutsideWindow({ ...plan, holidayPolicy: 'RUN_ANYWAY' }, calendar, '2027-02-05')).toBe(false);
    expect(runNowOutsideWindow(plan, calendar, '2027-02-15')).toBe(true);
    // Sunday 13/12 runs on Monday 14/12: inside. A plan that runs anyway runs on the Sunday: outside.
    expect(runNowOutsideWindow(plan, calendar, '2026-12-13')).toBe(false);
    expect(runNowOutsideWindow({ ...plan, holidayPolicy: 'RUN_ANYWAY' }, calendar, '2026-12-13')).toBe(true);
  });
});

describe('a guardrail finding in the reader\u2019s language', () => {
  /** i18next's interpolation, as the page does it (no escaping: React escapes). */
  const say = (dict: Record<string, unknown>, text: { key: string; params?: Record<string, string | number> }): string => {
    const template = text.key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict);
    if (typeof template !== 'string') throw new Error(`no words for ${text.key}`);
    return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(text.params?.[k]));
  };
  it('says dates as dd/mm/yyyy, in the words the server records (domain/campaign.ts planRun)', () => {
    const outside = findingText({ code: 'OUTSIDE_PLAN_WINDOW', params: { runDate: '2026-12-07', from: '2026-12-14', to: '2027-02-05', routine: 0 } })!;
    expect(say(vi, outside)).toBe('Ngày chạy 07/12/2026 nằm ngoài thời gian của kế hoạch 14/12/2026 – 05/02/2027.');
    expect(say(en, outside)).toBe("The run date 07/12/2026 is outside the plan's period 14/12/2026 – 05/02/2027.");
    const routine = findingText({ code: 'OUTSIDE_PLAN_WINDOW', params: { runDate: '2026-11-16', from: '2026-01-01', to: '2026-11-15', routine: 1 } })!;
    expect(say(vi, routine)).toContain('(Thông tư 27/2020/TT-BCT, Điều 5 khoản 1 điểm a');
    const limit = findingText({ code: 'YEARLY_LIMIT_REACHED', params: { name: 'Cửa hàng A', taxCode: '2700123459', count: 1, limit: 1 } })!;
    expect(say(vi, limit)).toBe('Cửa hàng A (MST 2700123459) đã được kiểm tra theo kế hoạch 1 lần trong năm; giới hạn 1.');
  });
  it('has words for every code in both languages; a finding recorded without its values keeps its recorded words', () => {
    for (const code of ['OUTSIDE_PLAN_WINDOW', 'YEARLY_LIMIT_REACHED', 'OVERLAPS_OTHER_CAMPAIGN', 'CONFLICT_OF_INTEREST', 'NO_CAPACITY', 'NO_TARGETS'] as const) {
      const text = findingText({ code, params: {} })!;
      expect(() => say(vi, text), code).not.toThrow();
      expect(() => say(en, text), code).not.toThrow();
    }
    expect(findingText({ code: 'NO_TARGETS' })).toBeUndefined();
  });
});
