import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_INFO } from './catalogue.js';
import { DOCUMENT_TYPES, type TDocumentType } from './types.js';

const isDecision = (t: TDocumentType) => t.endsWith('_DECISION') || t === 'SANCTION_DECISION_NO_RECORD';
const isRecord = (t: TDocumentType) => !isDecision(t) && t.endsWith('_RECORD');

describe('DOCUMENT_TYPE_INFO', () => {
  it('decisions are signed digitally; records and the case file are not; only the case file is a ZIP', () => {
    for (const type of DOCUMENT_TYPES) {
      const info = DOCUMENT_TYPE_INFO[type];
      expect(info.signed, type).toBe(isDecision(type));
      expect(info.output, type).toBe(type === 'CASE_FILE' ? 'ZIP' : 'PDF');
    }
  });

  it('a decision’s symbol starts QĐ-, a record’s BB-; the three sanction decisions share QĐ-XPHC, no other symbol is shared', () => {
    for (const type of DOCUMENT_TYPES) {
      const { symbol } = DOCUMENT_TYPE_INFO[type];
      if (isDecision(type)) expect(symbol, type).toMatch(/^QĐ-/);
      if (isRecord(type)) expect(symbol, type).toMatch(/^BB-/);
    }
    const symbols = DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_INFO[t].symbol);
    expect(symbols.filter((s, i) => symbols.indexOf(s) !== i)).toEqual(['QĐ-XPHC', 'QĐ-XPHC']);
  });

  it('every form code names where it was seen, and the ones the appendix list shows are the ones confirmed', () => {
    const codes = Object.fromEntries(DOCUMENT_TYPES.flatMap((t) => (DOCUMENT_TYPE_INFO[t].formCode ? [[t, DOCUMENT_TYPE_INFO[t].formCode]] : [])));
    expect(Object.fromEntries(Object.entries(codes).map(([t, c]) => [t, `${c!.code}${c!.confirmed ? '' : '?'}`]))).toEqual({
      VIOLATION_RECORD: 'MBB01',
      SANCTION_DECISION: 'MQĐ02',
      SANCTION_DECISION_NO_RECORD: 'MQĐ01',
      RETURNED_SANCTION_DECISION: 'MQĐ02',
      POSTPONEMENT_DECISION: 'MQĐ03',
      INSTALMENT_DECISION: 'MQĐ05',
    });
    for (const c of Object.values(codes)) expect(c!.source).toMatch(/Nghị định 118\/2021\/NĐ-CP.*https:\/\//);
  });
});
