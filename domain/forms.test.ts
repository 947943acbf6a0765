import { describe, expect, it } from 'vitest';
import { checkForm, formIssueMessage, validateForm } from './forms.js';
import type { TField } from './procedure.js';

const fields: TField[] = [
  { key: 'no', type: 'text', label: { vi: 'Số', en: 'Số' }, required: true, maxLength: 5 },
  { key: 'amount', type: 'money', label: { vi: 'Tiền', en: 'Tiền' }, min: 500_000 },
  { key: 'on', type: 'date', label: { vi: 'Ngày', en: 'Ngày' }, notInFuture: true },
  {
    key: 'form',
    type: 'enum',
    label: { vi: 'Hình thức', en: 'Hình thức' },
    options: [
      { value: 'A', label: { vi: 'A', en: 'A' } },
      { value: 'B', label: { vi: 'B', en: 'B' } },
    ],
  },
  { key: 'rows', type: 'group', label: { vi: 'Dòng', en: 'Dòng' }, minItems: 1, fields: [{ key: 'name', type: 'text', label: { vi: 'Tên', en: 'Tên' }, required: true }] },
];

describe('the form check shared by the server and the web app', () => {
  it('names each problem by code and parameters, the first per path being the one shown', () => {
    const checks = checkForm(fields, { no: 'x'.repeat(6), amount: 1_000, on: '2026-03-11', form: 'C', rows: [{ name: '' }], extra: 1 }, '2026-03-10');
    expect(checks).toEqual([
      { path: 'extra', code: 'unknownField' },
      { path: 'no', code: 'maxLength', params: { n: 5 } },
      { path: 'amount', code: 'moneyMin', params: { n: 500_000 } },
      { path: 'on', code: 'dateFuture', params: { today: '2026-03-10' } },
      { path: 'form', code: 'enum', params: { options: ['A', 'B'] } },
      { path: 'rows.0.name', code: 'required' },
    ]);
  });

  it('words them for the API as before', () => {
    expect(validateForm(fields, { amount: 1_000, on: '2026-03-11', form: 'C', rows: 'x' }, '2026-03-10')).toEqual([
      { path: 'no', message: 'is required' },
      { path: 'amount', message: 'must be at least 500000 đồng' },
      { path: 'on', message: 'must not be after today (2026-03-10)' },
      { path: 'form', message: 'must be one of A, B' },
      { path: 'rows', message: 'must be a list' },
    ]);
    expect(validateForm(fields, [], '2026-03-10')).toEqual([{ path: '', message: 'form data must be an object' }]);
    expect(formIssueMessage({ path: 'p', code: 'fileRef' })).toBe('must be a file reference {sha256, name, size, mime}');
  });

  it('accepts a valid form', () => {
    expect(checkForm(fields, { no: '12', amount: 500_000, on: '2026-03-10', form: 'A', rows: [{ name: 'An' }] }, '2026-03-10')).toEqual([]);
  });
});
