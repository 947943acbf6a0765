import { describe, expect, it } from 'vitest';
import { validateForm } from '../../../domain/forms.js';
import { parseDefinition } from '../../../domain/procedure-validate.js';
import { VN_PROCEDURES } from '../../../domain/procedures/index.js';
import type { TField } from '../lib/contract/types.js';
import { dateIssue, initialValues, parseMoney, prefilledValues, validateValues, type TFormValues } from './validate.js';

const TODAY = '2026-03-10';
const defs = VN_PROCEDURES.map((p) => parseDefinition(p));
const fieldsOf = (procedureId: string, stepId: string): TField[] => defs.find((d) => d.id === procedureId)!.steps.find((s) => s.id === stepId)!.form.fields as TField[];

/** The web app's verdict and the server's on the same input agree on which fields are wrong. */
function agree(fields: TField[], values: TFormValues): string[] {
  const web = validateValues(fields, values, TODAY);
  const server = validateForm(fields as Parameters<typeof validateForm>[0], web.data, TODAY).map((i) => i.path);
  expect(Object.keys(web.issues).sort()).toEqual([...new Set(server)].sort());
  return Object.keys(web.issues);
}

describe('step forms checked in the browser as on the server', () => {
  it('flags every required field of an empty inspection decision, like the server', () => {
    const fields = fieldsOf('ins-inspection', 'A5');
    const paths = agree(fields, initialValues(fields));
    expect(paths).toEqual(expect.arrayContaining(['decisionNo', 'decisionDate', 'signedBy', 'form', 'businessName', 'address', 'content']));
  });

  it('accepts a complete decision and sends dates as YYYY-MM-DD', () => {
    const fields = fieldsOf('ins-inspection', 'A5');
    const values = {
      ...initialValues(fields),
      decisionNo: '12/QĐ-KT',
      decisionDate: '09/03/2026',
      signedBy: 'Lê Văn Cường',
      form: 'AD_HOC',
      adHocGround: 'VERIFIED_TIP',
      businessName: 'Cửa hàng Hòa Bình',
      taxCode: '0101234567',
      address: 'Ninh Bình',
      content: 'Nhãn hàng hóa',
    };
    expect(agree(fields, values)).toEqual([]);
    expect(validateValues(fields, values, TODAY).data).toMatchObject({ decisionDate: '2026-03-09', form: 'AD_HOC' });
  });

  it('refuses a date after today, a wrong tax code and a too long decision number, like the server', () => {
    const fields = fieldsOf('ins-inspection', 'A5');
    const values = {
      ...initialValues(fields),
      decisionNo: 'x'.repeat(61),
      decisionDate: '11/03/2026',
      signedBy: 'A',
      form: 'PLANNED',
      businessName: 'B',
      taxCode: '12345',
      address: 'C',
      content: 'D',
    };
    expect(agree(fields, values).sort()).toEqual(['decisionDate', 'decisionNo', 'taxCode']);
  });

  it('checks each row of a list (the members of the inspection team)', () => {
    const fields = fieldsOf('ins-inspection', 'A6');
    const values = {
      ...initialValues(fields),
      teamHead: 'An',
      workLogEntry: '3/12',
      members: [
        { name: 'An', cardNo: '' },
        { name: '', cardNo: 'QLTT-2' },
      ],
    };
    expect(agree(fields, values).sort()).toEqual(['members.0.cardNo', 'members.1.name']);
  });

  it('reads money typed with thousands separators and checks the violation record like the server', () => {
    expect(parseMoney('1.500.000')).toBe(1_500_000);
    expect(parseMoney('1 500 000 ₫')).toBe(1_500_000);
    expect(parseMoney('1,5')).toBeUndefined();
    const fields = fieldsOf('ins-penalty', 'B1');
    const values = {
      ...initialValues(fields),
      recordNo: '01/BB-VPHC',
      recordedAt: '10/03/2026',
      place: 'Ninh Bình',
      recorder: 'Nguyễn Văn An, KSV',
      violatorName: 'Cửa hàng Hòa Bình',
      offenderType: 'INDIVIDUAL',
      violationDate: '10/03/2026',
      violationPlace: 'Ninh Bình',
      acts: [{ violationCode: 'ND98/2020:17.1.c', description: 'Không niêm yết giá' }],
      bracketMax: '1.500.000',
    };
    expect(agree(fields, values)).toEqual([]);
    expect(validateValues(fields, values, TODAY).data.bracketMax).toBe(1_500_000);
  });
});

describe('a date field’s problem, in the app’s words', () => {
  it('says a text that is no date at all is to be written dd/mm/yyyy', () => {
    expect(dateIssue('25/11/26')).toEqual({ key: 'date' });
    expect(dateIssue('2026-11-25')).toEqual({ key: 'date' });
  });

  it('says a day that does not exist does not, quoting it dd/mm/yyyy', () => {
    expect(dateIssue('31/02/2026')).toEqual({ key: 'noSuchDate', params: { date: '31/02/2026' } });
    expect(dateIssue('29022026')).toEqual({ key: 'noSuchDate', params: { date: '29/02/2026' } });
    expect(dateIssue('29022028')).toBeUndefined();
  });

  it('says a date before the first or after the last day allowed, naming it', () => {
    expect(dateIssue('13/12/2026', { min: '2026-12-14' })).toEqual({ key: 'dateMin', params: { date: '14/12/2026' } });
    expect(dateIssue('14122026', { min: '2026-12-14' })).toBeUndefined();
    expect(dateIssue('11/03/2026', { max: '2026-03-10' })).toEqual({ key: 'dateMax', params: { date: '10/03/2026' } });
    expect(dateIssue('10.3.2026', { min: '2026-03-01', max: '2026-03-10' })).toBeUndefined();
  });

  it('leaves an empty field to the required check', () => {
    expect(dateIssue('')).toBeUndefined();
    expect(dateIssue('', { min: '2026-01-01' })).toBeUndefined();
  });

  it('reads a step’s date typed without slashes, and says at the field when the day does not exist', () => {
    const fields = fieldsOf('ins-inspection', 'A5');
    const base = { ...initialValues(fields), decisionNo: '12/QĐ-KT', signedBy: 'L', form: 'PLANNED', businessName: 'B', address: 'C', content: 'D' };
    expect(validateValues(fields, { ...base, decisionDate: '09032026' }, TODAY).data.decisionDate).toBe('2026-03-09');
    expect(validateValues(fields, { ...base, decisionDate: '31/02/2026' }, TODAY).issues.decisionDate).toEqual({ key: 'noSuchDate', params: { date: '31/02/2026' } });
    expect(validateValues(fields, { ...base, decisionDate: '9/3/26' }, TODAY).issues.decisionDate).toEqual({ key: 'date' });
    // A date after today, typed any way, is the shared check's (domain/forms.ts) "not after today".
    expect(validateValues(fields, { ...base, decisionDate: '11-03-2026' }, TODAY).issues.decisionDate).toEqual({ key: 'dateFuture', params: { today: '10/03/2026' } });
  });

  it('starts a form from the case’s defaults as if typed, and sends them back unchanged', () => {
    const fields = fieldsOf('ins-penalty', 'B1');
    const photo = { sha256: 'a'.repeat(64), name: 'kệ hàng.jpg', size: 1234, mime: 'image/jpeg' };
    const defaults = { recordedAt: '2026-03-10', violatorName: 'Công ty TNHH Hoa Lư', violationDate: '2026-03-02', evidence: [photo], nope: 1 };
    const values = prefilledValues(fields, defaults);
    expect(values).toMatchObject({ recordedAt: '10/03/2026', violatorName: 'Công ty TNHH Hoa Lư', violationDate: '02/03/2026', evidence: [photo], recordNo: '' });
    expect(values).not.toHaveProperty('nope');
    const { data } = validateValues(fields, values, TODAY);
    expect(data).toMatchObject({ recordedAt: '2026-03-10', violatorName: 'Công ty TNHH Hoa Lư', violationDate: '2026-03-02', evidence: [photo] });
    const fine = prefilledValues([{ key: 'fineAmount', type: 'money', label: { vi: 'x', en: 'x' } }], { fineAmount: 1_500_000 });
    expect(validateValues([{ key: 'fineAmount', type: 'money', label: { vi: 'x', en: 'x' } }], fine, TODAY).data).toEqual({ fineAmount: 1_500_000 });
  });
});
