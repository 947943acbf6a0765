import { describe, expect, it } from 'vitest';
import type { TAuditEvent } from './audit.js';
import { maskContact, normaliseContact, partyMessageText, partyNotices } from './party-messages.js';

const ev = (seq: number, action: string, detail: Record<string, unknown>): TAuditEvent => ({
  caseId: 'c1',
  seq,
  at: '2026-12-03T02:00:00Z',
  actorId: 'x',
  actorRole: 'DIRECTOR',
  action,
  detail,
  prevHash: '',
  hash: '',
});

describe('what the party is told', () => {
  it('takes the decision’s number from the paper issued with it when the register gives it (penalty version 5)', () => {
    const n = partyNotices('c1', 'PENALTY', [
      { ...ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'DECIDED', data: { decisionDate: '2026-12-03', sanction: 'WARNING' } }), stepId: 'B6' },
      { ...ev(6, 'DOCUMENT_ISSUED', { type: 'SANCTION_DECISION', number: '07/QĐ-XPHC', sha256: 'ab' }), stepId: 'B6' },
    ]);
    expect(n).toEqual([{ kind: 'DECISION_ISSUED', key: 'case:c1#5', params: { decisionNo: '07/QĐ-XPHC', decisionDate: '2026-12-03' } }]);
  });

  it('is told of the decision (number, date, fine) and of each payment, once per audit event', () => {
    const n = partyNotices('c1', 'PENALTY', [
      ev(4, 'STEP_COMPLETED', { stepId: 'B3', outcome: 'NO_EXPLANATION_RIGHT', data: {} }),
      ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'DECIDED', data: { decisionNo: ' 15/QĐ-XPHC ', decisionDate: '2026-12-03', sanction: 'FINE', fineAmount: 400_000, signedBy: 'Hải' } }),
      ev(9, 'EVENT_RECEIVED', { event: 'PAYMENT_RECEIVED', data: { amount: 200_000, paidAt: '2026-12-03T17:30:00Z' } }),
      ev(10, 'EVENT_RECEIVED', { event: 'SOMETHING_ELSE', data: { amount: 1 } }),
    ]);
    expect(n).toEqual([
      { kind: 'DECISION_ISSUED', key: 'case:c1#5', params: { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-12-03', fineAmount: 400_000 } },
      // Paid at 00:30 on 4 December in Vietnam.
      { kind: 'PAYMENT_RECEIVED', key: 'case:c1#9', params: { amount: 200_000, paidOn: '2026-12-04' } },
    ]);
  });

  it('is told the longer time to comply the decision gives, in both languages (penalty version 13, Art. 73(1))', () => {
    const n = partyNotices('c1', 'PENALTY', [
      ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'DECIDED', data: { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-12-03', sanction: 'FINE', fineAmount: 400_000, complianceDays: 30 } }),
    ]);
    expect(n).toEqual([{ kind: 'DECISION_ISSUED', key: 'case:c1#5', params: { decisionNo: '15/QĐ-XPHC', decisionDate: '2026-12-03', fineAmount: 400_000, complianceDays: 30 } }]);
    expect(partyMessageText('DECISION_ISSUED', n[0]!.params, 'vi', 'https://x/public/tra-cuu').text).toContain('nộp trong 30 ngày kể từ ngày nhận quyết định');
    expect(partyMessageText('DECISION_ISSUED', n[0]!.params, 'en', 'https://x/public/tra-cuu').text).toContain('to be paid within 30 days of receiving the decision');
    const { complianceDays: _d, ...tenDays } = n[0]!.params;
    expect(partyMessageText('DECISION_ISSUED', tenDays, 'vi', 'https://x/public/tra-cuu').text).toContain('nộp trong 10 ngày kể từ ngày nhận quyết định');
  });

  it('says no amount for a warning, and nothing of a payment without an amount', () => {
    const n = partyNotices('c1', 'PENALTY', [
      ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'DECIDED', data: { sanction: 'WARNING', fineAmount: 5 } }),
      ev(6, 'EVENT_RECEIVED', { event: 'PAYMENT_RECEIVED', data: {} }),
    ]);
    expect(n).toEqual([{ kind: 'DECISION_ISSUED', key: 'case:c1#5', params: {} }]);
    expect(partyMessageText('DECISION_ISSUED', n[0]!.params, 'vi', 'https://x/public/tra-cuu').text).toBe('Đã ban hành quyết định xử phạt. Tra cứu: https://x/public/tra-cuu');
  });
});

describe('the party of a file the criminal body returned (criminal referral version 7, docs/adr/0220)', () => {
  it('is told of the decision on it, with its number from the paper issued with it, its fine and its days, and of each payment', () => {
    const n = partyNotices('c1', 'CRIMINAL_REFERRAL', [
      ev(3, 'STEP_COMPLETED', { stepId: 'F1', outcome: 'TRANSFERRED', data: { transferDate: '2026-12-01' } }),
      {
        ...ev(5, 'STEP_COMPLETED', { stepId: 'F5', outcome: 'RETURNED_AND_DECIDED', data: { decisionDate: '2026-12-03', sanction: 'FINE', fineAmount: 7_500_000, complianceDays: 30 } }),
        stepId: 'F5',
      },
      { ...ev(6, 'DOCUMENT_ISSUED', { type: 'RETURNED_SANCTION_DECISION', number: '21/QĐ-XPHC', sha256: 'ab' }), stepId: 'F5' },
      ev(9, 'EVENT_RECEIVED', { event: 'PAYMENT_RECEIVED', data: { amount: 7_500_000, paidOn: '2026-12-20' } }),
    ]);
    expect(n).toEqual([
      { kind: 'DECISION_ISSUED', key: 'case:c1#5', params: { decisionNo: '21/QĐ-XPHC', decisionDate: '2026-12-03', fineAmount: 7_500_000, complianceDays: 30 } },
      { kind: 'PAYMENT_RECEIVED', key: 'case:c1#9', params: { amount: 7_500_000, paidOn: '2026-12-20' } },
    ]);
    // A decision step of another kind's is not this kind's decision.
    expect(partyNotices('c1', 'CRIMINAL_REFERRAL', [ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'DECIDED', data: { sanction: 'WARNING' } })])).toEqual([]);
    expect(partyNotices('c1', 'SEIZURE', [ev(5, 'STEP_COMPLETED', { stepId: 'F5', outcome: 'RETURNED_AND_DECIDED', data: {} })])).toEqual([]);
  });
});

describe('the decision on the party’s request to postpone or to pay in instalments (Art. 76, 79; docs/adr/0226)', () => {
  const URL = 'https://x/public/tra-cuu';
  it('tells the party its postponement was granted, with the paper’s number and the day it runs to, or that it was refused', () => {
    const n = partyNotices('c1', 'PENALTY', [
      { ...ev(11, 'STEP_COMPLETED', { stepId: 'B9', outcome: 'POSTPONEMENT_REQUESTED', data: { requestReceivedOn: '2026-12-04' } }), stepId: 'B9' },
      { ...ev(12, 'STEP_COMPLETED', { stepId: 'B12', outcome: 'REFUSED', data: { decisionDate: '2026-12-07', postponedUntil: '2027-03-01' } }), stepId: 'B12' },
      { ...ev(14, 'STEP_COMPLETED', { stepId: 'B12', outcome: 'POSTPONED', data: { decisionDate: '2026-12-09', postponedUntil: '2027-02-26', hardship: 'x' } }), stepId: 'B12' },
      { ...ev(15, 'DOCUMENT_ISSUED', { type: 'POSTPONEMENT_DECISION', number: '03/QĐ-HTHQĐ', sha256: 'ab' }), stepId: 'B12' },
    ]);
    expect(n).toEqual([
      // Refused: the day asked for is not the party's; nothing of it is said.
      { kind: 'POSTPONEMENT_REFUSED', key: 'case:c1#12', params: {} },
      { kind: 'POSTPONEMENT_GRANTED', key: 'case:c1#14', params: { decisionNo: '03/QĐ-HTHQĐ', decisionDate: '2026-12-09', postponedUntil: '2027-02-26' } },
    ]);
    expect(partyMessageText('POSTPONEMENT_GRANTED', n[1]!.params, 'vi', URL).text).toBe(
      `Đề nghị hoãn của quý vị được chấp nhận: quyết định hoãn số 03/QĐ-HTHQĐ ngày 09/12/2026, hoãn đến ngày 26/02/2027. Hết thời hạn hoãn mà chưa nộp thì phải nộp thêm tiền chậm nộp (Luật XLVPHC, Điều 76, 78). Tra cứu: ${URL}`,
    );
    expect(partyMessageText('POSTPONEMENT_REFUSED', {}, 'vi', URL).text).toContain(
      'Đề nghị hoãn thi hành quyết định phạt tiền của quý vị không được chấp nhận. Tiền phạt nộp theo thời hạn trong quyết định xử phạt',
    );
    expect(partyMessageText('POSTPONEMENT_REFUSED', {}, 'en', URL).subject).toBe('INS: your request to postpone the fine was refused');
  });

  it('tells the party of a returned file its instalments: how many, the first amount and the last day', () => {
    const n = partyNotices('c1', 'CRIMINAL_REFERRAL', [
      {
        ...ev(20, 'STEP_COMPLETED', { stepId: 'F11', outcome: 'INSTALMENTS_GRANTED', data: { decisionDate: '2026-12-09', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2027-06-01' } }),
        stepId: 'F11',
      },
      { ...ev(21, 'DOCUMENT_ISSUED', { type: 'INSTALMENT_DECISION', number: '04/QĐ-NPNL', sha256: 'ab' }), stepId: 'F11' },
      { ...ev(25, 'STEP_COMPLETED', { stepId: 'F11', outcome: 'REFUSED', data: {} }), stepId: 'F11' },
    ]);
    expect(n).toEqual([
      { kind: 'INSTALMENTS_GRANTED', key: 'case:c1#20', params: { decisionNo: '04/QĐ-NPNL', decisionDate: '2026-12-09', instalments: 3, firstAmount: 12_000_000, lastDueDate: '2027-06-01' } },
      { kind: 'INSTALMENTS_REFUSED', key: 'case:c1#25', params: {} },
    ]);
    expect(partyMessageText('INSTALMENTS_GRANTED', n[0]!.params, 'vi', URL).text).toBe(
      `Đề nghị nộp tiền phạt nhiều lần của quý vị được chấp nhận: quyết định số 04/QĐ-NPNL ngày 09/12/2026, nộp 3 lần, lần đầu 12.000.000 đồng, lần cuối chậm nhất ngày 01/06/2027 (Luật XLVPHC, Điều 79). Tra cứu: ${URL}`,
    );
    expect(partyMessageText('INSTALMENTS_GRANTED', n[0]!.params, 'en', URL).text).toContain('3 payments, the first 12,000,000 VND, the last by 01/06/2027');
  });

  it('keeps each of these SMS within four segments of a Vietnamese text message', () => {
    const long = 'https://ins.example.gov.vn/public/tra-cuu';
    const texts = [
      partyMessageText('POSTPONEMENT_GRANTED', { decisionNo: '1234/QĐ-HTHQĐ', decisionDate: '2026-12-09', postponedUntil: '2027-03-09' }, 'vi', long).text,
      partyMessageText('INSTALMENTS_GRANTED', { decisionNo: '1234/QĐ-NPNL', decisionDate: '2026-12-09', instalments: 3, firstAmount: 120_000_000, lastDueDate: '2027-06-09' }, 'vi', long).text,
      partyMessageText('POSTPONEMENT_REFUSED', {}, 'vi', long).text,
      partyMessageText('INSTALMENTS_REFUSED', {}, 'vi', long).text,
      // The confirmation, which now names these decisions too.
      partyMessageText('SUBSCRIBED', {}, 'vi', long).text,
    ];
    for (const text of texts) expect(text.length, text).toBeLessThanOrEqual(4 * 67);
  });

  it('says nothing of another step’s refusal, nor of these steps on a case kind whose party is not told', () => {
    expect(partyNotices('c1', 'PENALTY', [{ ...ev(5, 'STEP_COMPLETED', { stepId: 'B4', outcome: 'REFUSED', data: {} }), stepId: 'B4' }])).toEqual([]);
    expect(partyNotices('c1', 'SEIZURE', [{ ...ev(5, 'STEP_COMPLETED', { stepId: 'B12', outcome: 'POSTPONED', data: {} }), stepId: 'B12' }])).toEqual([]);
  });
});

describe('what the party is not told', () => {
  it('of a decision step that transferred the file for signs of a crime (penalty version 9): no decision was made; the one after the file comes back is told', () => {
    const n = partyNotices('c1', 'PENALTY', [
      { ...ev(5, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'CRIMINAL_SIGNS', data: {} }), stepId: 'B6' },
      { ...ev(8, 'STEP_COMPLETED', { stepId: 'B6', outcome: 'MEASURES_ONLY', data: { decisionDate: '2026-12-21', sanction: 'NONE' } }), stepId: 'B6' },
      { ...ev(9, 'DOCUMENT_ISSUED', { type: 'SANCTION_DECISION', number: '09/QĐ-KXP', sha256: 'ab' }), stepId: 'B6' },
    ]);
    expect(n).toEqual([{ kind: 'DECISION_ISSUED', key: 'case:c1#8', params: { decisionNo: '09/QĐ-KXP', decisionDate: '2026-12-21' } }]);
  });
});

describe('addresses', () => {
  it('keeps a Vietnamese mobile number as +84 and an e-mail address in lower case, and refuses the rest', () => {
    expect(normaliseContact('SMS', '0912 345 678')).toBe('+84912345678');
    expect(normaliseContact('ZALO', '+84-912.345.678')).toBe('+84912345678');
    expect(normaliseContact('SMS', '84 386 123 456')).toBe('+84386123456');
    for (const bad of ['12345', '0212345678', '091234567', '09123456789', 'abc', '']) expect(normaliseContact('SMS', bad), bad).toBeUndefined();
    expect(normaliseContact('EMAIL', ' Ben.Tran@Example.VN ')).toBe('ben.tran@example.vn');
    for (const bad of ['ben', 'ben@', '@x.vn', 'a b@x.vn', 'ben@x']) expect(normaliseContact('EMAIL', bad), bad).toBeUndefined();
    // A control character (U+0000 above all: PostgreSQL cannot store it) is in no address.
    for (const bad of ['ben\u0000@x.vn', 'ben@x\u0000.vn', 'ben@x.v\u0007n']) expect(normaliseContact('EMAIL', bad), JSON.stringify(bad)).toBeUndefined();
  });

  it('shows an address masked', () => {
    expect(maskContact('SMS', '+84912345678')).toBe('…678');
    expect(maskContact('EMAIL', 'ben.tran@example.vn')).toBe('b…@example.vn');
  });
});

describe('the words', () => {
  it('words a payment in each language with the amount and the Vietnamese date', () => {
    expect(partyMessageText('PAYMENT_RECEIVED', { amount: 1_250_000, paidOn: '2026-12-04' }, 'vi', 'U')).toEqual({
      subject: 'INS: đã ghi nhận khoản nộp phạt',
      text: 'Đã ghi nhận khoản nộp 1.250.000 đồng ngày 04/12/2026. Số còn phải nộp (nếu có) xem tại: U',
    });
    expect(partyMessageText('PAYMENT_RECEIVED', { amount: 1_250_000, paidOn: '2026-12-04' }, 'en', 'U').text).toBe(
      'A payment of 1,250,000 VND on 04/12/2026 was recorded. What remains to pay, if anything: U',
    );
  });

  it('keeps the decision’s SMS within four segments of a Vietnamese text message', () => {
    const m = partyMessageText('DECISION_ISSUED', { decisionNo: '1234/QĐ-XPHC', decisionDate: '2026-12-03', fineAmount: 150_000_000 }, 'vi', 'https://ins.example.gov.vn/public/tra-cuu');
    expect(m.text).toContain('số 1234/QĐ-XPHC ngày 03/12/2026');
    expect(m.text).toContain('150.000.000 đồng');
    // Unicode SMS: 67 characters per segment of a long message.
    expect(m.text.length).toBeLessThanOrEqual(4 * 67);
  });
});

describe('the reporter of a tip', () => {
  it('is told that the tip was handled when its case closes, and of nothing else, with the tracking page', () => {
    const n = partyNotices('tip/1', 'TIP', [ev(3, 'STEP_COMPLETED', { stepId: 'C1', data: {} }), { ...ev(9, 'CASE_CLOSED', { outcome: 'CLOSED' }), at: '2026-12-03T18:00:00Z' }]);
    expect(n).toEqual([{ kind: 'TIP_HANDLED', key: 'case:tip/1#9', params: { handledOn: '2026-12-04' } }]);
    expect(partyMessageText('TIP_HANDLED', n[0]!.params, 'vi', 'https://x.vn/public/tra-cuu').text).toBe(
      'Phản ánh quý vị gửi đã được xử lý xong ngày 04/12/2026. Cảm ơn quý vị. Xem tình trạng bằng mã theo dõi tại: https://x.vn/public/phan-anh/theo-doi',
    );
    // A penalty case's closing says nothing to its party; other kinds say nothing at all.
    expect(partyNotices('p/1', 'PENALTY', [ev(9, 'CASE_CLOSED', {})])).toEqual([]);
    expect(partyNotices('i/1', 'INSPECTION', [ev(9, 'CASE_CLOSED', {}), ev(5, 'STEP_COMPLETED', { stepId: 'B6', data: {} })])).toEqual([]);
  });
});
