import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_INFO } from './catalogue.js';
import { BLANK, layoutOf, layoutText } from './fill.js';
import { DOCUMENT_FIXTURES } from './fixtures.js';
import { ZDocumentTemplate, type TDocumentTemplate } from './template.js';
import { CERTIFIED_BY_FROM, DOCUMENT_TEMPLATES, LIMITATION_LINES_FROM, SIGNER_TITLES_FROM, templateFor } from './templates.js';
import { templatePrintsDelegation } from '../delegation.js';
import { DOCUMENT_TYPES } from './types.js';

const golden = (name: string) => new URL(`./__golden__/${name}.txt`, import.meta.url);
const fixture = (name: string) => {
  const f = DOCUMENT_FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.ctx;
};

describe('golden papers: each document type filled from the fixture case reads as its committed text', () => {
  it.each(DOCUMENT_FIXTURES.map((f) => [f.name, f] as const))('%s', (name, { ctx, number }) => {
    expect(number.endsWith(`/${DOCUMENT_TYPE_INFO[ctx.type].symbol}`)).toBe(true);
    const { layout, templateVersion } = layoutOf(ctx, { number, verifyUrl: 'https://ins.example/v/abc', draft: false });
    expect(layout.verifyUrl).toBe('https://ins.example/v/abc');
    // The postponement and instalment decisions' version 4 copies version 1 from its day for either decision (docs/adr/0223): the same text.
    expect(templateVersion).toBe(ctx.type === 'POSTPONEMENT_DECISION' || ctx.type === 'INSTALMENT_DECISION' ? 4 : 1);
    const text = layoutText(layout);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
    expect(text).toBe(readFileSync(golden(name), 'utf8'));
    expect(text).not.toMatch(/undefined|\[object Object\]|null|NaN|\{\{|\}\}/);
  });

  it('covers every document type but the case file, which is a ZIP and has no template', () => {
    const covered = new Set(DOCUMENT_FIXTURES.map((f) => f.ctx.type));
    expect(DOCUMENT_TYPES.filter((t) => !covered.has(t))).toEqual(['CASE_FILE']);
    expect(new Set(DOCUMENT_TEMPLATES.map((t) => t.type))).toEqual(covered);
  });
});

describe('layoutOf', () => {
  const ctx = fixture('SANCTION_DECISION');

  it('fills the header from the unit as of the document date, in capitals, and the date line from the place and the date', () => {
    const { layout } = layoutOf(ctx, { number: '15/QĐ-XPHC', draft: false });
    expect(layout).toMatchObject({
      parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH',
      agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      number: '15/QĐ-XPHC',
      symbol: 'QĐ-XPHC',
      placeAndDate: 'Ninh Bình, ngày 12 tháng 3 năm 2026',
      formCode: 'Mẫu MQĐ02',
      title: 'QUYẾT ĐỊNH',
      subtitle: 'Xử phạt vi phạm hành chính',
      authority: 'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      signature: { lines: ['CHI CỤC TRƯỞNG'], name: 'Nguyễn Văn An' },
      meta: { title: 'Quyết định xử phạt vi phạm hành chính số 15/QĐ-XPHC', caseId: ctx.caseId, type: 'SANCTION_DECISION' },
    });
  });

  it('prints the parent agency the context resolved, before and after the reorganisation of 01/07/2025', () => {
    const before = { ...ctx, date: '2025-06-20', unit: { ...ctx.unit, parentAgency: 'Tổng cục Quản lý thị trường', agency: 'Cục Quản lý thị trường tỉnh Ninh Bình', headTitle: 'CỤC TRƯỞNG' } };
    // No version 1 is in force before 01/07/2025: the template is given, as an activity re-filling an old paper would.
    const { layout } = layoutOf(before, { number: null, draft: true, template: templateFor('SANCTION_DECISION', '2026-01-01') });
    expect(layout.parentAgency).toBe('TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG');
    expect(layout.agency).toBe('CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH');
    expect(layout.authority).toBe('CỤC TRƯỞNG CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH');
    expect(layout.placeAndDate).toBe('Ninh Bình, ngày 20 tháng 6 năm 2025');
    expect(layoutOf(ctx, { number: null, draft: true }).layout.parentAgency).toBe('SỞ CÔNG THƯƠNG TỈNH NINH BÌNH');
  });

  it('a draft has no number and no QR link, whatever it is given', () => {
    const { layout } = layoutOf(ctx, { number: null, verifyUrl: 'https://ins.example/v/x', draft: true });
    expect(layout).toMatchObject({ number: null, draft: true });
    expect(layout.verifyUrl).toBeUndefined();
    expect(layoutText(layout)).toContain('Số: …/QĐ-XPHC');
  });

  it('states the fine in figures and in words, and the late-payment surcharge', () => {
    const text = layoutText(layoutOf(ctx, { number: '15/QĐ-XPHC', draft: false }).layout);
    expect(text).toContain('Mức phạt: 15.500.000 đồng (Bằng chữ: Mười lăm triệu năm trăm nghìn đồng).');
    expect(text).toContain('0,05%');
  });

  it('prints a value the case does not have as the dotted blank, never "undefined", and text as typed (no HTML escaping)', () => {
    const steps = { ...ctx.steps, B1: { ...ctx.steps.B1, violationPlace: undefined, violatorName: 'Công ty <Hoa Lư> & "Cộng sự"' } };
    const text = layoutText(layoutOf({ ...ctx, steps }, { number: null, draft: true }).layout);
    expect(text).toContain(`2. Địa điểm, thời gian xảy ra vi phạm: ${BLANK}, ngày 05 tháng 3 năm 2026.`);
    expect(text).toContain('Tên cá nhân/tổ chức: Công ty <Hoa Lư> & "Cộng sự"');
    expect(text).not.toMatch(/undefined|&lt;|&amp;|&quot;/);
  });

  it('the measures-only outcome decides no sanction and says so', () => {
    const text = layoutText(layoutOf(fixture('SANCTION_DECISION-MEASURES_ONLY'), { number: null, draft: true }).layout);
    expect(text).toContain('Không ra quyết định xử phạt vi phạm hành chính, chỉ áp dụng');
    expect(text).not.toContain('Mức phạt');
    expect(text).not.toContain('Kho bạc Nhà nước (để thu tiền phạt)');
  });

  it('refuses a template of another type', () => {
    expect(() => layoutOf(ctx, { number: null, draft: true, template: templateFor('VIOLATION_RECORD', '2026-01-01') })).toThrow(/VIOLATION_RECORD/);
  });
});

describe('templates are validated data', () => {
  it('every shipped template is valid, one version 1 per type, and each later version later than the one before', () => {
    for (const t of DOCUMENT_TEMPLATES) expect(ZDocumentTemplate.safeParse(t).error?.issues ?? []).toEqual([]);
    const ones = DOCUMENT_TEMPLATES.filter((t) => t.version === 1);
    expect(new Set(ones.map((t) => t.type)).size).toBe(ones.length);
    expect(new Set(DOCUMENT_TEMPLATES.map((t) => t.type)).size).toBe(ones.length);
    for (const t of DOCUMENT_TEMPLATES.filter((x) => x.version > 1)) {
      const before = DOCUMENT_TEMPLATES.find((x) => x.type === t.type && x.version === t.version - 1);
      // Version 3 takes effect on version 2's day, which had not come when it was shipped (docs/adr/0197); the decisions' version 5 on version 4's (docs/adr/0217, 0220).
      const sameDay = (t.version === 3 || ((t.type === 'SANCTION_DECISION' || t.type === 'RETURNED_SANCTION_DECISION') && t.version === 5)) && before?.effectiveFrom === t.effectiveFrom;
      // Versions 4 and 5 of the postponement and instalment decisions copy versions 1 and 3 for either decision, each from its day (docs/adr/0223).
      const copy = (t.type === 'POSTPONEMENT_DECISION' || t.type === 'INSTALMENT_DECISION') && t.version >= 4;
      const copied = copy ? DOCUMENT_TEMPLATES.find((x) => x.type === t.type && x.version === (t.version === 4 ? 1 : 3)) : undefined;
      const later = before !== undefined && (before.effectiveFrom < t.effectiveFrom || sameDay || (copied !== undefined && copied.effectiveFrom === t.effectiveFrom));
      expect([t.type, t.version, later]).toEqual([t.type, t.version, true]);
    }
  });

  const base = templateFor('SANCTION_DECISION', '2026-03-12');
  const problems = (t: TDocumentTemplate) => ZDocumentTemplate.safeParse(t).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('rejects an unknown placeholder, section, condition path or repetition, saying where', () => {
    expect(problems({ ...base, title: 'QUYẾT ĐỊNH {{B6.finAmount.figures}}' })).toEqual(['title: unknown placeholder {{B6.finAmount.figures}}']);
    expect(problems({ ...base, bases: ['{{#B6.nope}}x{{/B6.nope}}'] })).toEqual(['bases.0: unknown section {{#B6.nope}}']);
    expect(problems({ ...base, body: [{ kind: 'paragraph', text: 'x', when: { path: 'B6.nothing', present: true } }] })).toEqual(['body.0.when.path: unknown path B6.nothing']);
    expect(problems({ ...base, body: [{ kind: 'paragraph', text: '{{stt}}', repeat: 'B6.fineAmount' }] })).toEqual([
      'body.0.repeat: B6.fineAmount is not a list',
      'body.0.text: unknown placeholder {{stt}}',
    ]);
  });

  it('rejects printing an object (a money value needs .figures or .words), partials and broken syntax', () => {
    expect(problems({ ...base, subtitle: '{{B6.fineAmount}}' })).toEqual(['subtitle: unknown placeholder {{B6.fineAmount}}']);
    expect(problems({ ...base, subtitle: '{{> header}}' })).toEqual(['subtitle: partials and delimiter changes are not allowed ({{>header}})']);
    expect(problems({ ...base, subtitle: '{{#B6.sanction.is.FINE}}x' })[0]).toMatch(/^subtitle: not a valid template/);
  });

  it('resolves a name inside a repetition against the item, then the whole view', () => {
    const t: TDocumentTemplate = {
      ...base,
      body: [
        { kind: 'paragraph', text: '{{stt}}. {{violation.reference}} — {{party.name}}', repeat: 'B1.acts' },
        { kind: 'paragraph', text: '{{violation.reference}}' },
      ],
    };
    expect(problems(t)).toEqual(['body.1.text: unknown placeholder {{violation.reference}}']);
  });

  it('a condition needs exactly one of equals and present', () => {
    expect(problems({ ...base, body: [{ kind: 'paragraph', text: 'x', when: { path: 'outcome' } }] })).toEqual(['body.0.when: give exactly one of equals, present']);
  });
});

describe('templateFor', () => {
  const v1 = templateFor('SANCTION_DECISION', '2026-03-12');
  const next: TDocumentTemplate = { ...v1, version: 6, effectiveFrom: '2027-01-01', subtitle: 'Xử phạt vi phạm hành chính (mẫu 2027)' };
  const all = [...DOCUMENT_TEMPLATES, next];

  it('picks the latest version in force on the document date', () => {
    expect(templateFor('SANCTION_DECISION', '2026-12-06', all).version).toBe(1);
    // Versions 2 and 3 take effect on one day: the higher one fills.
    expect(templateFor('SANCTION_DECISION', SIGNER_TITLES_FROM, all).version).toBe(3);
    // Versions 4 and 5 too (docs/adr/0215, 0217).
    expect(templateFor('SANCTION_DECISION', '2026-12-31', all).version).toBe(5);
    expect(templateFor('SANCTION_DECISION', '2027-01-01', all).version).toBe(6);
    expect(layoutOf({ ...fixture('SANCTION_DECISION'), date: '2027-02-01' }, { number: null, draft: true, template: templateFor('SANCTION_DECISION', '2027-02-01', all) })).toMatchObject({
      templateVersion: 6,
      layout: { subtitle: 'Xử phạt vi phạm hành chính (mẫu 2027)' },
    });
  });

  it('refuses a date before any version, and the case file', () => {
    expect(() => templateFor('SANCTION_DECISION', '2025-06-30')).toThrow(/no template of SANCTION_DECISION in force on 2025-06-30/);
    expect(() => templateFor('CASE_FILE', '2026-03-12')).toThrow(RangeError);
  });
});

describe('version 2 of the decisions: issued by whoever signs them (docs/adr/0190)', () => {
  const ctx = fixture('SANCTION_DECISION');
  const teamLead = { name: 'Lê Văn Cường', role: 'TEAM_LEAD', team: 'Đội Quản lý thị trường số 1' };
  const on = (over: Partial<typeof ctx>) => layoutOf({ ...ctx, date: SIGNER_TITLES_FROM, ...over }, { number: '15/QĐ-XPHC', draft: false });

  it('heads a team lead’s decision with the Chi cục and the Đội, and has the Đội trưởng decide and sign it', () => {
    const { layout, templateVersion } = on({ signer: teamLead });
    expect(templateVersion).toBe(3);
    expect(layout).toMatchObject({
      parentAgency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH',
      agency: 'ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1',
      authority: 'ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1',
      signature: { lines: ['ĐỘI TRƯỞNG'], name: 'Lê Văn Cường' },
    });
    expect(layoutText(layout)).not.toContain('CHI CỤC TRƯỞNG');
  });

  it('prints a director’s decision word for word as version 1 did', () => {
    const v1 = layoutOf({ ...ctx, date: SIGNER_TITLES_FROM }, { number: '15/QĐ-XPHC', draft: false, template: templateFor('SANCTION_DECISION', '2026-03-12') });
    const v3 = on({});
    const v2 = layoutOf({ ...ctx, date: SIGNER_TITLES_FROM }, { number: '15/QĐ-XPHC', draft: false, template: DOCUMENT_TEMPLATES.find((t) => t.type === 'SANCTION_DECISION' && t.version === 2)! });
    expect([v1.templateVersion, v2.templateVersion, v3.templateVersion]).toEqual([1, 2, 3]);
    expect(layoutText(v2.layout)).toBe(layoutText(v1.layout));
    expect(layoutText(v3.layout)).toBe(layoutText(v1.layout));
  });

  it('keeps version 1 for a paper dated before it, and names the province once where the unit’s line already does', () => {
    expect(layoutOf({ ...ctx, signer: teamLead }, { number: null, draft: true }).templateVersion).toBe(1);
    const before2025 = { ...ctx.unit, parentAgency: 'TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG', agency: 'CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH', headTitle: 'CỤC TRƯỞNG' };
    const { layout } = on({ signer: teamLead, unit: before2025 });
    expect([layout.parentAgency, layout.agency]).toEqual(['CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH', 'ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1']);
  });

  it('falls back to the unit head for a team lead without a team, and changes every decision type but the on-the-spot one, whose signer already makes it', () => {
    expect(on({ signer: { ...teamLead, team: undefined } }).layout.signature.lines).toEqual(['CHI CỤC TRƯỞNG']);
    const twos = DOCUMENT_TEMPLATES.filter((t) => t.version === 2 && t.effectiveFrom === SIGNER_TITLES_FROM && t.type !== 'SANCTION_DECISION_NO_RECORD');
    expect(twos.map((t) => t.type).sort()).toEqual(DOCUMENT_TYPES.filter((t) => t.endsWith('_DECISION') && t !== 'SANCTION_DECISION_NO_RECORD').sort());
    for (const t of twos)
      expect([t.type, t.effectiveFrom, t.signature.lines, t.header]).toEqual([t.type, SIGNER_TITLES_FROM, ['{{signer.title}}'], expect.objectContaining({ agency: '{{signer.agency}}' })]);
    const spot = templateFor('SANCTION_DECISION_NO_RECORD', SIGNER_TITLES_FROM);
    expect([spot.version, spot.signature.lines, spot.header]).toEqual([2, ['NGƯỜI RA QUYẾT ĐỊNH'], undefined]);
  });
});

describe('version 3: a deputy signs on the head’s behalf under a delegation (docs/adr/0197)', () => {
  const ctx = fixture('SANCTION_DECISION');
  const on = (signer: Record<string, unknown>, date = SIGNER_TITLES_FROM) => layoutOf({ ...ctx, date, signer: signer as typeof ctx.signer }, { number: '16/QĐ-XPHC', draft: false });
  const delegation = { number: '15/QĐ-GQXP', date: '2026-11-30' };

  it('has the deputy director sign “KT. CHI CỤC TRƯỞNG / PHÓ CHI CỤC TRƯỞNG”, decide in the head’s title, and cite the delegation among the bases', () => {
    const { layout, templateVersion } = on({ name: 'Trần Thị Hoa', role: 'DIRECTOR', deputy: true, delegation });
    expect(templateVersion).toBe(3);
    expect(layout).toMatchObject({ authority: 'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG', signature: { lines: ['KT. CHI CỤC TRƯỞNG', 'PHÓ CHI CỤC TRƯỞNG'], name: 'Trần Thị Hoa' } });
    expect(layout.bases.at(-1)).toBe('Căn cứ Quyết định số 15/QĐ-GQXP ngày 30/11/2026 về việc giao quyền;');
  });

  it('has a team lead’s deputy sign “KT. ĐỘI TRƯỞNG / PHÓ ĐỘI TRƯỞNG” for the Đội', () => {
    const { layout } = on({ name: 'Phạm Văn Đức', role: 'TEAM_LEAD', team: 'Đội Quản lý thị trường số 1', deputy: true, delegation });
    expect(layout).toMatchObject({ agency: 'ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1', authority: 'ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1', signature: { lines: ['KT. ĐỘI TRƯỞNG', 'PHÓ ĐỘI TRƯỞNG'] } });
  });

  it('never prints a deputy as the head: without a delegation the title is the deputy’s, with no “KT.” and no basis', () => {
    const { layout } = on({ name: 'Trần Thị Hoa', role: 'DIRECTOR', deputy: true });
    expect(layout.signature.lines).toEqual(['PHÓ CHI CỤC TRƯỞNG']);
    expect(layoutText(layout)).not.toMatch(/giao quyền|KT\./);
  });

  it('ignores a delegation given with a head (only a deputy signs under one)', () => {
    const head = on({ name: 'Hoàng Văn Hải', role: 'DIRECTOR', delegation });
    expect(head.layout.signature.lines).toEqual(['CHI CỤC TRƯỞNG']);
    expect(layoutText(head.layout)).not.toContain('giao quyền');
  });

  it('is made for every decision signed in a head’s title, and version 2 cannot print a delegation', () => {
    // The decision without a record's version 3 is another change (docs/adr/0222), from a later day.
    const threes = DOCUMENT_TEMPLATES.filter((t) => t.version === 3 && t.type !== 'SANCTION_DECISION_NO_RECORD');
    expect(threes.map((t) => t.type).sort()).toEqual(DOCUMENT_TYPES.filter((t) => t.endsWith('_DECISION') && t !== 'SANCTION_DECISION_NO_RECORD').sort());
    for (const t of threes) expect([t.type, templatePrintsDelegation(t), t.effectiveFrom]).toEqual([t.type, true, SIGNER_TITLES_FROM]);
    for (const t of DOCUMENT_TEMPLATES.filter((x) => x.version < 3)) expect([t.type, t.version, templatePrintsDelegation(t)]).toEqual([t.type, t.version, false]);
  });
});

describe('version 2 names where the fine is paid: the treasury account the unit set (docs/adr/0193)', () => {
  const treasury = { treasury: 'Kho bạc Nhà nước khu vực IX', treasuryAccount: '3949.0.1054321.00000' };
  const textOf = (name: string, unit: Record<string, unknown> = {}) => {
    const ctx = fixture(name);
    return layoutText(layoutOf({ ...ctx, date: SIGNER_TITLES_FROM, unit: { ...ctx.unit, ...unit } }, { number: null, draft: true }).layout);
  };

  it('prints the unit’s account in the decision, the on-the-spot decision and the instalments, and the treasury among the recipients', () => {
    for (const name of ['SANCTION_DECISION', 'SANCTION_DECISION_NO_RECORD', 'INSTALMENT_DECISION']) {
      const text = textOf(name, treasury);
      expect([name, text]).toEqual([name, expect.stringContaining('vào tài khoản số 3949.0.1054321.00000 của Kho bạc Nhà nước khu vực IX, hoặc qua Cổng Dịch vụ công quốc gia')]);
      expect(text).not.toContain('ngân hàng thương mại nơi Kho bạc Nhà nước mở tài khoản');
    }
    expect(textOf('SANCTION_DECISION', treasury)).toContain('- Kho bạc Nhà nước khu vực IX (để thu tiền phạt);');
  });

  it('says it as version 1 did where the unit set none', () => {
    const text = textOf('SANCTION_DECISION');
    expect(text).toContain('nộp tại Kho bạc Nhà nước, ngân hàng thương mại nơi Kho bạc Nhà nước mở tài khoản, hoặc qua Cổng Dịch vụ công quốc gia.');
    expect(text).toContain('- Kho bạc Nhà nước (để thu tiền phạt);');
    expect(text).not.toMatch(/\{\{|tài khoản số/);
  });
});

describe('record version 2 and decision version 4 say what the limitation counts from (docs/adr/0215)', () => {
  const record = fixture('VIOLATION_RECORD');
  const decision = fixture('SANCTION_DECISION');
  type TCtx = typeof record;
  /** The paper's text, the record's fields overridden, filled by the version in force on `date` or the one given. */
  const textOf = (ctx: TCtx, b1: Record<string, unknown>, date = LIMITATION_LINES_FROM, version?: number) => {
    const template = version === undefined ? undefined : DOCUMENT_TEMPLATES.find((t) => t.type === ctx.type && t.version === version)!;
    const filled = layoutOf({ ...ctx, date, steps: { ...ctx.steps, B1: { ...ctx.steps.B1, ...b1 } } }, { number: null, draft: false, ...(template ? { template } : {}) });
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };
  const ongoing = { violationDate: '2023-06-01', ongoing: true, detectedOn: '2026-03-04' };
  const evaded = { violationDate: '2023-06-01', evasionEndedOn: '2026-02-20' };

  it('states in the record that the act was going on when found, and when', () => {
    const { version, text } = textOf(record, ongoing);
    expect(version).toBe(2);
    expect(text).toContain(
      'Thời gian, địa điểm xảy ra vi phạm: ngày 01 tháng 6 năm 2023, tại Số 25 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình.\nHành vi vi phạm đang được thực hiện khi bị phát hiện ngày 04 tháng 3 năm 2026.\n',
    );
    expect(text).not.toContain('trốn tránh');
  });

  it('states in the record the day the party’s evasion of the sanction ended', () => {
    const { text } = textOf(record, evaded);
    expect(text).toContain('Công ty TNHH Thực phẩm Hoa Lư đã cố tình trốn tránh, cản trở việc xử phạt; hành vi trốn tránh, cản trở chấm dứt ngày 20 tháng 2 năm 2026.');
    expect(text).not.toContain('đang được thực hiện');
  });

  it('says in the decision from which day the limitation counted, with the provision', () => {
    const both = textOf(decision, { ...ongoing, evasionEndedOn: '2026-03-04' });
    expect(both.version).toBe(5);
    expect(both.text).toContain(
      [
        '2. Địa điểm, thời gian xảy ra vi phạm: Số 25 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình, ngày 01 tháng 6 năm 2023.',
        'Hành vi vi phạm đang được thực hiện khi bị phát hiện ngày 04 tháng 3 năm 2026; thời hiệu xử phạt tính từ ngày phát hiện (điểm b khoản 1 Điều 6 Luật Xử lý vi phạm hành chính).',
        'Thời hiệu xử phạt được tính lại từ ngày 04 tháng 3 năm 2026, khi Công ty TNHH Thực phẩm Hoa Lư chấm dứt hành vi cố tình trốn tránh, cản trở việc xử phạt (điểm c khoản 1 Điều 6 Luật Xử lý vi phạm hành chính).',
        '3. Tình tiết giảm nhẹ',
      ].join('\n'),
    );
    expect(both.text).not.toMatch(/\{\{|undefined/);
  });

  it('prints a finished act’s record and decision word for word as the version before, and keeps that version for papers dated before', () => {
    for (const [ctx, now, before] of [
      [record, 2, 1],
      [decision, 5, 3],
    ] as const) {
      const finished = { ongoing: false, detectedOn: '2026-03-05' };
      expect(textOf(ctx, finished).version).toBe(now);
      expect(textOf(ctx, finished).text).toBe(textOf(ctx, finished, LIMITATION_LINES_FROM, before).text);
      expect(textOf(ctx, {}).text).toBe(textOf(ctx, {}, LIMITATION_LINES_FROM, before).text);
      // The day before, the earlier version fills, and says nothing of the detection.
      const dayBefore = textOf(ctx, ongoing, '2026-12-07');
      expect([dayBefore.version, dayBefore.text.includes('đang được thực hiện')]).toEqual([before, false]);
    }
  });

  it('says the same on the decision on a returned file, from what F5 states (referral version 5), and nothing more without it', () => {
    const returned = fixture('RETURNED_SANCTION_DECISION');
    const fill = (f5: Record<string, unknown>, version?: number) => {
      const template = version === undefined ? undefined : DOCUMENT_TEMPLATES.find((t) => t.type === 'RETURNED_SANCTION_DECISION' && t.version === version)!;
      const filled = layoutOf(
        { ...returned, date: LIMITATION_LINES_FROM, steps: { ...returned.steps, F5: { ...returned.steps.F5, ...f5 } } },
        { number: null, draft: false, ...(template ? { template } : {}) },
      );
      return { version: filled.templateVersion, text: layoutText(filled.layout) };
    };
    const stated = fill({ violationDate: '2024-06-10', ongoing: true, detectedOn: '2026-03-01', evasionEndedOn: '2026-03-02' });
    // Version 5 (docs/adr/0220), in force the same day, says the same.
    expect(stated.version).toBe(5);
    expect(stated.text).toContain(
      [
        '2. Thời gian xảy ra vi phạm: ngày 10 tháng 6 năm 2024.',
        'Hành vi vi phạm đang được thực hiện khi bị phát hiện ngày 01 tháng 3 năm 2026; thời hiệu xử phạt tính từ ngày phát hiện (điểm b khoản 1 Điều 6 Luật Xử lý vi phạm hành chính).',
        'Thời hiệu xử phạt được tính lại từ ngày 02 tháng 3 năm 2026, khi Công ty TNHH Thực phẩm Hoa Lư chấm dứt hành vi cố tình trốn tránh, cản trở việc xử phạt (điểm c khoản 1 Điều 6 Luật Xử lý vi phạm hành chính).',
      ].join('\n'),
    );
    expect(fill({}).text).toBe(fill({}, 3).text);
  });

  it('is made only for the record and the decisions, from one day, after the decisions’ version 3', () => {
    const made = DOCUMENT_TEMPLATES.filter((t) => t.effectiveFrom === LIMITATION_LINES_FROM);
    expect(made.map((t) => [t.type, t.version])).toEqual([
      ['VIOLATION_RECORD', 2],
      ['SANCTION_DECISION', 4],
      ['RETURNED_SANCTION_DECISION', 4],
      // Version 5 (docs/adr/0217, 0220) on the same day: version 4 never fills a paper.
      ['SANCTION_DECISION', 5],
      ['RETURNED_SANCTION_DECISION', 5],
      // The decision without a record's time to comply (docs/adr/0222).
      ['SANCTION_DECISION_NO_RECORD', 3],
    ]);
    expect(LIMITATION_LINES_FROM > SIGNER_TITLES_FROM).toBe(true);
    for (const t of made) expect(ZDocumentTemplate.safeParse(t).error?.issues ?? []).toEqual([]);
  });
});

describe('decision version 5 gives the time to comply the decision states, when longer than 10 days (docs/adr/0217)', () => {
  const ctx = fixture('SANCTION_DECISION');
  const textOf = (b6: Record<string, unknown>, version?: number) => {
    const template = version === undefined ? undefined : DOCUMENT_TEMPLATES.find((t) => t.type === 'SANCTION_DECISION' && t.version === version)!;
    const filled = layoutOf({ ...ctx, date: LIMITATION_LINES_FROM, steps: { ...ctx.steps, B6: { ...ctx.steps.B6, ...b6 } } }, { number: null, draft: false, ...(template ? { template } : {}) });
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };

  it('says the 30 days the decision gives, for a fine and for a warning', () => {
    const fine = textOf({ complianceDays: 30 });
    expect(fine.version).toBe(5);
    expect(fine.text).toContain('phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 30 ngày kể từ ngày nhận được Quyết định. Số tiền phạt');
    expect(fine.text).not.toContain('10 ngày kể từ ngày nhận');
    const warning = textOf({ complianceDays: 30, sanction: 'WARNING', fineAmount: undefined });
    expect(warning.text).toContain('trong thời hạn 30 ngày kể từ ngày nhận được Quyết định; quá thời hạn');
  });

  it('reads word for word as version 4 without one', () => {
    expect(textOf({}).text).toBe(textOf({}, 4).text);
    expect(textOf({}).text).toContain('trong thời hạn 10 ngày kể từ ngày nhận được Quyết định');
    expect(textOf({ complianceDays: 30 }, 4).text).not.toContain('30 ngày');
  });
});

describe('the decision on a returned file, version 5, gives the time to comply F5 states (criminal referral version 7, docs/adr/0220)', () => {
  const ctx = fixture('RETURNED_SANCTION_DECISION');
  const textOf = (f5: Record<string, unknown>, version?: number, outcome?: string) => {
    const template = version === undefined ? undefined : DOCUMENT_TEMPLATES.find((t) => t.type === 'RETURNED_SANCTION_DECISION' && t.version === version)!;
    const filled = layoutOf(
      { ...ctx, ...(outcome ? { outcome } : {}), date: LIMITATION_LINES_FROM, steps: { ...ctx.steps, F5: { ...ctx.steps.F5, ...f5 } } },
      { number: null, draft: false, ...(template ? { template } : {}) },
    );
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };

  it('says the 30 days the decision gives, for a fine and for measures only', () => {
    const fine = textOf({ complianceDays: 30 });
    expect(fine.version).toBe(5);
    expect(fine.text).toContain('phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 30 ngày kể từ ngày nhận được Quyết định. Số tiền phạt');
    expect(fine.text).not.toContain('10 ngày kể từ ngày nhận');
    const measures = textOf({ complianceDays: 30, sanction: 'NONE', fineAmount: undefined }, undefined, 'MEASURES_ONLY');
    expect(measures.text).toContain('trong thời hạn 30 ngày kể từ ngày nhận được Quyết định; quá thời hạn');
  });

  it('reads word for word as version 4 without one, and version 4 cannot say them', () => {
    expect(textOf({}).text).toBe(textOf({}, 4).text);
    expect(textOf({}).text).toContain('trong thời hạn 10 ngày kể từ ngày nhận được Quyết định');
    expect(textOf({ complianceDays: 30 }, 4).text).not.toContain('30 ngày');
  });
});

describe('the decision without a record, version 3, gives the time to comply N1 states (its procedure’s version 6, docs/adr/0222)', () => {
  const ctx = fixture('SANCTION_DECISION_NO_RECORD');
  const textOf = (n1: Record<string, unknown>, version?: number) => {
    const template = version === undefined ? undefined : DOCUMENT_TEMPLATES.find((t) => t.type === 'SANCTION_DECISION_NO_RECORD' && t.version === version)!;
    const filled = layoutOf({ ...ctx, date: LIMITATION_LINES_FROM, steps: { ...ctx.steps, N1: { ...ctx.steps.N1, ...n1 } } }, { number: null, draft: false, ...(template ? { template } : {}) });
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };

  it('says the 30 days the decision gives, and word for word as version 2 without them', () => {
    const fine = textOf({ complianceDays: 30 });
    expect(fine.version).toBe(3);
    expect(fine.text).toContain('phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 30 ngày kể từ ngày nhận được Quyết định. Số tiền phạt');
    expect(textOf({}).text).toBe(textOf({}, 2).text);
    expect(textOf({ complianceDays: 30 }, 2).text).not.toContain('30 ngày');
  });
});

describe('the postponement and instalment decisions, versions 4 and 5, for a fine decided on a returned file too (criminal referral version 8, docs/adr/0223)', () => {
  const returned = fixture('RETURNED_SANCTION_DECISION');
  const RETURNED_PAPER = { type: 'RETURNED_SANCTION_DECISION' as const, number: '31/QĐ-XPHC', date: '2026-04-20' };
  const version = (type: string, v: number) => DOCUMENT_TEMPLATES.find((t) => t.type === type && t.version === v)!;
  const fill = (ctx: Parameters<typeof layoutOf>[0], template?: TDocumentTemplate) => {
    const filled = layoutOf(ctx, { number: null, draft: false, ...(template ? { template } : {}) });
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };
  /** The returned file's case with its F10 or F11 completed on `date`; the parent penalty's suspended decision among its papers, as a file sent on after the decision has it. */
  const onReturnedFile = (type: 'POSTPONEMENT_DECISION' | 'INSTALMENT_DECISION', date: string, step: Record<string, unknown>) => ({
    ...returned,
    type,
    stepId: type === 'POSTPONEMENT_DECISION' ? 'F10' : 'F11',
    outcome: type === 'POSTPONEMENT_DECISION' ? 'POSTPONED' : 'INSTALMENTS_GRANTED',
    procedureVersion: 8,
    date,
    steps: { ...returned.steps, [type === 'POSTPONEMENT_DECISION' ? 'F10' : 'F11']: { decisionDate: date, signedBy: 'Nguyễn Văn An', ...step } },
    issued: [...returned.issued, { type: 'SANCTION_DECISION' as const, number: '15/QĐ-XPHC', date: '2026-03-12' }, RETURNED_PAPER],
  });

  it('reads a penalty’s paper word for word as the version each copies', () => {
    for (const type of ['POSTPONEMENT_DECISION', 'INSTALMENT_DECISION'] as const) {
      const ctx = fixture(type);
      expect(fill(ctx, version(type, 4)).text).toBe(fill(ctx, version(type, 1)).text);
      const today = { ...ctx, date: SIGNER_TITLES_FROM };
      expect(fill(today).version).toBe(5);
      expect(fill(today).text).toBe(fill(today, version(type, 3)).text);
    }
  });

  it('names the returned file’s decision, its fine and its postponement, before and from the signer’s titles', () => {
    for (const date of ['2026-05-04', SIGNER_TITLES_FROM]) {
      const { version: v, text } = fill(onReturnedFile('POSTPONEMENT_DECISION', date, { postponedUntil: '2026-08-04', hardship: 'Cơ sở bị thiệt hại do lũ, có xác nhận của UBND phường' }));
      expect(v).toBe(date === SIGNER_TITLES_FROM ? 5 : 4);
      expect(text).toContain('Căn cứ Quyết định xử phạt vi phạm hành chính số 31/QĐ-XPHC ngày 20/04/2026;');
      expect(text).toContain('Điều 1. Hoãn thi hành Quyết định xử phạt vi phạm hành chính số 31/QĐ-XPHC ngày 20/04/2026 đối với:');
      expect(text).toContain('Số tiền phạt được hoãn: 60.000.000 đồng (Bằng chữ: Sáu mươi triệu đồng).');
      expect(text).toContain('Thời hạn hoãn: đến hết ngày 04 tháng 8 năm 2026.');
      expect(text).toContain('Lý do hoãn: Cơ sở bị thiệt hại do lũ, có xác nhận của UBND phường');
      // Not the penalty decision the file was sent on from.
      expect(text).not.toContain('15/QĐ-XPHC');
      expect(text).not.toMatch(/undefined|\[object Object\]|null|NaN|\{\{|\}\}/);
    }
    // Version 1 cannot: it reads the penalty's steps, and the returned file has none.
    expect(fill(onReturnedFile('POSTPONEMENT_DECISION', '2026-05-04', { postponedUntil: '2026-08-04', hardship: 'x' }), version('POSTPONEMENT_DECISION', 1)).text).not.toContain('60.000.000');
  });

  it('names the returned file’s fine and its instalments', () => {
    const { text } = fill(onReturnedFile('INSTALMENT_DECISION', '2026-05-04', { instalments: 3, firstAmount: 24_000_000, lastDueDate: '2026-10-20' }));
    expect(text).toContain('Căn cứ Quyết định xử phạt vi phạm hành chính số 31/QĐ-XPHC ngày 20/04/2026;');
    expect(text).toContain('Tổng số tiền phạt: 60.000.000 đồng (Bằng chữ: Sáu mươi triệu đồng).');
    expect(text).toContain('Số lần nộp: 3 lần.');
    expect(text).toContain('Số tiền nộp lần thứ nhất: 24.000.000 đồng (Bằng chữ: Hai mươi bốn triệu đồng).');
    expect(text).toContain('Hạn nộp lần cuối: ngày 20 tháng 10 năm 2026.');
    expect(text).not.toMatch(/undefined|\[object Object\]|null|NaN|\{\{|\}\}/);
  });
});

describe('the postponement and instalment decisions, version 6, name the body that certified the hardship (penalty 16, referral 10; docs/adr/0230)', () => {
  const version = (type: string, v: number) => DOCUMENT_TEMPLATES.find((t) => t.type === type && t.version === v)!;
  const fill = (ctx: Parameters<typeof layoutOf>[0], template?: TDocumentTemplate) => {
    const filled = layoutOf(ctx, { number: null, draft: false, ...(template ? { template } : {}) });
    return { version: filled.templateVersion, text: layoutText(filled.layout) };
  };
  const BY = ', được Chi cục Thuế khu vực Ninh Bình xác nhận hoàn cảnh kinh tế đặc biệt khó khăn;';
  const CASES = [
    {
      type: 'POSTPONEMENT_DECISION',
      step: 'B12',
      before: 'Xét đơn đề nghị hoãn thi hành quyết định phạt tiền của Công ty TNHH Thực phẩm Hoa Lư và xác nhận về hoàn cảnh kinh tế đặc biệt khó khăn;',
      after: `Xét đơn đề nghị hoãn thi hành quyết định phạt tiền của Công ty TNHH Thực phẩm Hoa Lư${BY}`,
    },
    {
      type: 'INSTALMENT_DECISION',
      step: 'B13',
      before: 'Xét đơn đề nghị nộp tiền phạt nhiều lần của Công ty TNHH Thực phẩm Hoa Lư;',
      after: `Xét đơn đề nghị nộp tiền phạt nhiều lần của Công ty TNHH Thực phẩm Hoa Lư${BY}`,
    },
  ] as const;
  /** The fixture's paper dated `date`, its deciding step given `more`. */
  const dated = (type: (typeof CASES)[number]['type'], step: string, date: string, more: Record<string, unknown>) => {
    const ctx = fixture(type);
    return { ...ctx, date, steps: { ...ctx.steps, [step]: { ...(ctx.steps as Record<string, Record<string, unknown>>)[step], decisionDate: date, ...more } } };
  };

  it('says by whom the request was certified, from its day; the day before, version 5 does not', () => {
    for (const { type, step, before } of CASES) {
      const from = fill(dated(type, step, CERTIFIED_BY_FROM, { certifiedBy: 'Chi cục Thuế khu vực Ninh Bình' }));
      expect(from.version).toBe(6);
      expect(from.text).toContain(
        'Xét đơn đề nghị ' +
          before.slice('Xét đơn đề nghị '.length).split(' của ')[0] +
          ' của Công ty TNHH Thực phẩm Hoa Lư, được Chi cục Thuế khu vực Ninh Bình xác nhận hoàn cảnh kinh tế đặc biệt khó khăn;',
      );
      expect(from.text).not.toContain(before);
      expect(from.text).not.toMatch(/undefined|\[object Object\]|null|NaN|\{\{|\}\}/);
      const dayBefore = fill(dated(type, step, '2026-12-08', { certifiedBy: 'Chi cục Thuế khu vực Ninh Bình' }));
      expect([dayBefore.version, dayBefore.text.includes('Chi cục Thuế'), dayBefore.text.includes(before)]).toEqual([5, false, true]);
    }
  });

  it('reads word for word as version 5 when the decision names no certifying body (an earlier procedure version’s)', () => {
    for (const { type, step } of CASES) {
      const ctx = dated(type, step, CERTIFIED_BY_FROM, {});
      expect(fill(ctx).version).toBe(6);
      expect(fill(ctx).text).toBe(fill(ctx, version(type, 5)).text);
    }
  });

  it('names it on a returned file’s F10 and F11 too', () => {
    const returned = fixture('RETURNED_SANCTION_DECISION');
    for (const [type, stepId, outcome] of [
      ['POSTPONEMENT_DECISION', 'F10', 'POSTPONED'],
      ['INSTALMENT_DECISION', 'F11', 'INSTALMENTS_GRANTED'],
    ] as const) {
      const ctx = {
        ...returned,
        type,
        stepId,
        outcome,
        procedureVersion: 10,
        date: CERTIFIED_BY_FROM,
        steps: {
          ...returned.steps,
          [stepId]: {
            decisionDate: CERTIFIED_BY_FROM,
            signedBy: 'Nguyễn Văn An',
            postponedUntil: '2027-03-09',
            instalments: 2,
            firstAmount: 30_000_000,
            lastDueDate: '2027-05-20',
            certifiedBy: 'UBND phường Đông Thành',
          },
        },
        issued: [...returned.issued, { type: 'RETURNED_SANCTION_DECISION' as const, number: '31/QĐ-XPHC', date: '2026-04-20' }],
      };
      const { version: v, text } = fill(ctx);
      expect(v).toBe(6);
      expect(text).toMatch(/của Công ty TNHH Thực phẩm Hoa Lư, được UBND phường Đông Thành xác nhận hoàn cảnh kinh tế đặc biệt khó khăn;/);
      expect(text).toContain('60.000.000');
    }
  });
});
