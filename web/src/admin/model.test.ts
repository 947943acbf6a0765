import { describe, expect, it } from 'vitest';
import viAdmin from '../locales/vi/admin.json';
import { anchorOf, domIdOf, END_NODE, issuesByAnchor, procedureGraph, sideBySide, START_NODE, stepLines, unitVariantDraft, withAnchorKind, wrapText, type TStepDef, type TWords } from './model.js';

describe('where the editor shows a validation issue', () => {
  it('is the input the path names when the form has one', () => {
    expect(anchorOf('steps[1].deadline.amount')).toBe('steps[1].deadline.amount');
    expect(anchorOf('steps[1].deadline.legalBasis')).toBe('steps[1].deadline.legalBasis');
    expect(anchorOf('steps[0].title.vi')).toBe('steps[0].title.vi');
    expect(anchorOf('steps[2].outcomes[1].id')).toBe('steps[2].outcomes[1].id');
    expect(anchorOf('steps[3].form.fields[0].key')).toBe('steps[3].form.fields[0].key');
    expect(anchorOf('title.en')).toBe('title.en');
  });

  it('is the list or part that holds it otherwise', () => {
    expect(anchorOf('steps[1].outcomes[0].next[0]')).toBe('steps[1].outcomes[0].next');
    expect(anchorOf('steps[4].roles[2]')).toBe('steps[4].roles');
    expect(anchorOf('start[0]')).toBe('start');
    expect(anchorOf('steps[1].deadline.anchor.stepId')).toBe('steps[1].deadline.anchor');
    expect(anchorOf('steps[1].deadline.variants[0].when.stepId')).toBe('steps[1].deadline');
    expect(anchorOf('steps[1].outcomes[2].requires[0].when.outcome')).toBe('steps[1].outcomes[2]');
    expect(anchorOf('steps[5].form.fields[1].options[0].value')).toBe('steps[5].form.fields[1]');
    expect(anchorOf('steps[5].guard.from.field')).toBe('steps[5]');
    expect(anchorOf('steps[5]')).toBe('steps[5]');
    expect(anchorOf('events[0].id')).toBe('');
  });

  it('groups issues by that place, and gives each place an id usable in the page', () => {
    const map = issuesByAnchor([
      { path: 'steps[1].outcomes[0].next[0]', code: 'UNKNOWN_STEP', message: 'a' },
      { path: 'steps[1].outcomes[0].next[1]', code: 'UNKNOWN_STEP', message: 'b' },
      { path: 'steps[0]', code: 'UNREACHABLE_STEP', message: 'c' },
    ]);
    expect(map.get('steps[1].outcomes[0].next')?.map((i) => i.message)).toEqual(['a', 'b']);
    expect(map.get('steps[0]')).toHaveLength(1);
    expect(domIdOf('steps[1].outcomes[0].next')).toBe('pe-steps-1-outcomes-0-next');
    expect(domIdOf('')).toBe('pe-definition');
  });
});

describe('the diagram of a procedure', () => {
  it('links the start to the start steps, each step to the steps its outcomes open, and ends', () => {
    const t = (vi: string) => ({ vi, en: vi });
    const g = procedureGraph({
      start: ['A'],
      steps: [
        {
          id: 'A',
          title: t('A'),
          roles: ['TEAM_LEAD'],
          form: { fields: [] },
          outcomes: [
            { id: 'X', title: t('x'), next: ['B'] },
            { id: 'Y', title: t('y'), next: ['B'] },
            { id: 'STOP', title: t('stop'), next: ['B'], closesCase: true },
          ],
        },
        {
          id: 'B',
          title: t('B'),
          roles: ['TEAM_LEAD'],
          form: { fields: [] },
          outcomes: [
            { id: 'DONE', title: t('done'), next: [] },
            { id: 'GHOST', title: t('ghost'), next: ['NOWHERE'] },
          ],
        },
      ],
    });
    expect(g.hasEnd).toBe(true);
    expect(g.edges.map((e) => [e.from, e.to, e.outcomes.map((o) => o.id).join('+')])).toEqual([
      [START_NODE, 'A', ''],
      ['A', 'B', 'X+Y+STOP'],
      ['A', END_NODE, 'STOP'],
      ['B', END_NODE, 'DONE'],
    ]);
  });

  it('wraps titles into a few lines and cuts what does not fit', () => {
    expect(wrapText('Tiếp nhận tin báo', 20, 2)).toEqual(['Tiếp nhận tin báo']);
    expect(wrapText('Quyết định: kiểm tra đột xuất hoặc kết thúc', 20, 2)).toEqual(['Quyết định: kiểm tra', 'đột xuất hoặc kết…']);
    expect(wrapText('Supercalifragilisticexpialidocious', 10, 2)).toEqual(['Supercali…']);
    for (const line of wrapText('một hai ba bốn năm sáu bảy tám chín mười một hai ba', 12, 3)) expect(line.length).toBeLessThanOrEqual(12);
  });
});

describe('two versions side by side', () => {
  const words: TWords = {
    lang: 'vi',
    unit: (u, n) => `${n} ${u}`,
    role: (r) => r,
    anchor: (a) => a.kind,
    fieldType: (t) => t,
    rung: (r) => `${r.at.kind} ${r.action} ${r.toRole}`,
    yes: 'có',
    required: 'bắt buộc',
    closes: 'đóng',
    end: 'kết thúc',
  };
  const step = (amount: number): TStepDef => ({
    id: 'C2',
    title: { vi: 'Phân loại', en: 'Classify' },
    roles: ['TEAM_LEAD'],
    form: { fields: [{ key: 'note', type: 'text', label: { vi: 'Nhận xét', en: 'Note' } }] },
    deadline: { amount, unit: 'working_days', anchor: { kind: 'STEP_COMPLETED', stepId: 'C1' }, legalBasis: 'Quy chế' },
    outcomes: [{ id: 'IN_SCOPE', title: { vi: 'Thuộc phạm vi', en: 'In scope' }, next: ['C3'] }],
  });

  it('marks only the lines that differ', () => {
    const rows = sideBySide(stepLines(step(2), words), stepLines(step(3), words));
    expect(rows.filter((r) => r.changed).map((r) => [r.key, r.before, r.after])).toEqual([['deadline', '2 working_days, STEP_COMPLETED', '3 working_days, STEP_COMPLETED']]);
    expect(rows.find((r) => r.key === 'outcome:IN_SCOPE')).toMatchObject({ before: 'Thuộc phạm vi → C3', changed: false });
  });

  it('shows a line only one version has on its side, and a step only one version has entirely', () => {
    const without = { ...step(2), deadline: undefined };
    const rows = sideBySide(stepLines(without, words), stepLines(step(2), words));
    const deadline = rows.find((r) => r.key === 'deadline');
    expect(deadline?.before).toBeUndefined();
    expect(deadline?.changed).toBe(true);
    expect(sideBySide(undefined, stepLines(step(2), words)).every((r) => r.changed && r.before === undefined)).toBe(true);
  });

  it('says a field\u2019s other properties in words, not as JSON or keys', () => {
    const extras = (viAdmin as { diff: { extras: Record<string, string> } }).diff.extras;
    const said: TWords = { ...words, extra: (k, p) => extras[k]?.replace(/\{\{(\w+)\}\}/g, (_, x: string) => String(p[x])) };
    const s: TStepDef = {
      ...step(2),
      form: {
        fields: [
          {
            key: 'recordDate',
            type: 'date',
            label: { vi: 'Ngày lập', en: 'Date' },
            required: true,
            notInFuture: true,
            prefill: { from: 'today' },
            help: { vi: 'Ngày ghi trên biên bản', en: 'The date on the record' },
          },
          { key: 'signedBy', type: 'text', label: { vi: 'Người ký', en: 'Signer' }, maxLength: 200, prefill: { from: 'step', stepId: 'B1', field: 'officer' } },
          { key: 'ground', type: 'enum', label: { vi: 'Căn cứ', en: 'Ground' }, options: [{ value: 'VERIFY_FACTS', label: { vi: 'Xác minh tình tiết', en: 'Verify facts' } }] },
        ],
      },
    };
    const lines = Object.fromEntries(stepLines(s, said).map((l) => [l.key, l.value]));
    expect(lines['field:recordDate']).toBe('Ngày lập (date, bắt buộc) — không sau hôm nay; điền sẵn ngày hôm nay; hướng dẫn: «Ngày ghi trên biên bản»');
    expect(lines['field:signedBy']).toBe('Người ký (text) — tối đa 200 ký tự; điền sẵn từ bước B1 (officer)');
    expect(lines['field:ground']).toBe('Căn cứ (enum) — lựa chọn: Xác minh tình tiết');
    // Without words (an older interface), each is still readable, never an object's JSON but a prefill's.
    expect(Object.fromEntries(stepLines(s, words).map((l) => [l.key, l.value]))['field:ground']).toBe('Căn cứ (enum) — options: Xác minh tình tiết');
  });

  it('keeps a deadline anchor to what its kind needs', () => {
    expect(withAnchorKind({ kind: 'STEP_COMPLETED', stepId: 'C1' }, 'FIELD_DATE', 'A')).toEqual({ kind: 'FIELD_DATE', stepId: 'C1', field: '' });
    expect(withAnchorKind({ kind: 'FIELD_DATE', stepId: 'C1', field: 'x' }, 'CASE_START', 'A')).toEqual({ kind: 'CASE_START' });
    expect(withAnchorKind({ kind: 'CASE_START' }, 'STEP_COMPLETED', 'A')).toEqual({ kind: 'STEP_COMPLETED', stepId: 'A' });
    // The end of an earlier step's time limit (docs/adr/0206) names that step only.
    expect(withAnchorKind({ kind: 'FIELD_DATE', stepId: 'D4', field: 'x' }, 'STEP_DUE', 'A')).toEqual({ kind: 'STEP_DUE', stepId: 'D4' });
  });
});

describe('a unit’s own procedure from a national version', () => {
  it('is the same definition under the unit’s id, naming the version it varies', () => {
    const national = {
      id: 'ins-tip',
      version: 3,
      kind: 'TIP',
      title: { vi: 'Tin báo', en: 'Tip' },
      events: [],
      start: ['C1'],
      steps: [{ id: 'C1', title: { vi: 'a', en: 'a' }, roles: ['INSPECTOR'], form: { fields: [] }, outcomes: [{ id: 'DONE', title: { vi: 'x', en: 'x' }, next: [] }] }],
    };
    const draft = unitVariantDraft(national, 'nb.ins-tip', 1);
    expect(draft).toMatchObject({ id: 'nb.ins-tip', version: 1, variantOf: { procedureId: 'ins-tip', version: 3 }, steps: national.steps });
    expect(draft.steps).not.toBe(national.steps);
  });
});
