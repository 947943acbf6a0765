/**
 * Messages to the people outside the agency (issue 16, docs/adr/0145-messages-to-parties.md): the
 * party of a penalty case is told that the decision is issued, what was decided on its request to
 * postpone or to pay in instalments (docs/adr/0226), and that a payment was received. Who
 * hears is whoever subscribed with the case's lookup code and the party's identifier (no contact
 * detail is taken from the case's forms); what is said is derived here, purely, from the audit
 * events the projection writes, and worded per channel and language.
 */
import type { TAuditEvent } from './audit.js';
import { vnDateOf } from './vn-time.js';

export const PARTY_CHANNELS = ['EMAIL', 'SMS', 'ZALO'] as const;
export type TPartyChannel = (typeof PARTY_CHANNELS)[number];

export type TPartyMessageKind = 'SUBSCRIBED' | 'DECISION_ISSUED' | 'PAYMENT_RECEIVED' | 'TIP_HANDLED' | 'POSTPONEMENT_GRANTED' | 'POSTPONEMENT_REFUSED' | 'INSTALMENTS_GRANTED' | 'INSTALMENTS_REFUSED';

export type TPartyLang = 'vi' | 'en';

/** One thing the case's subscribers are to be told, with a key that makes it once per event. */
export interface TPartyNotice {
  kind: TPartyMessageKind;
  /** `case:<caseId>#<audit seq>`: with the subscription's id, unique in the outbox. */
  key: string;
  params: Record<string, string | number>;
}

/**
 * The penalty procedure's decision (domain/procedures/penalty.ts): its step, and the outcomes that
 * decide. From version 9 the step may instead transfer the file for signs of a crime (docs/adr/0211),
 * which decides nothing and issues no paper.
 */
export const PENALTY_DECISION = { stepId: 'B6', outcomes: ['DECIDED', 'MEASURES_ONLY'] } as const satisfies { stepId: string; outcomes: readonly string[] };
const DECISION_STEP = PENALTY_DECISION.stepId;
/** Whether a completed step (or its audit event) is a penalty decision: the decision step, with an outcome that decides. */
export const decidesPenalty = (c: { stepId?: unknown; outcome?: unknown }): boolean => c.stepId === DECISION_STEP && (PENALTY_DECISION.outcomes as readonly unknown[]).includes(c.outcome);
/** The decision on a file the criminal body returned (the criminal referral's F5; paid in the referral from its version 7, docs/adr/0220). */
export const RETURNED_DECISION = { stepId: 'F5', outcomes: ['RETURNED_AND_DECIDED', 'MEASURES_ONLY'] } as const satisfies { stepId: string; outcomes: readonly string[] };
const decidesReturnedFile = (c: { stepId?: unknown; outcome?: unknown }): boolean => c.stepId === RETURNED_DECISION.stepId && (RETURNED_DECISION.outcomes as readonly unknown[]).includes(c.outcome);
/** Each case kind whose party is told of its decision: the step and the paper that decide. */
const DECISIONS_TOLD: Readonly<Record<string, { decides: (c: { stepId?: unknown; outcome?: unknown }) => boolean; stepId: string; paper: string }>> = {
  PENALTY: { decides: decidesPenalty, stepId: DECISION_STEP, paper: 'SANCTION_DECISION' },
  CRIMINAL_REFERRAL: { decides: decidesReturnedFile, stepId: RETURNED_DECISION.stepId, paper: 'RETURNED_SANCTION_DECISION' },
};
const PAYMENT_EVENT = 'PAYMENT_RECEIVED';

/**
 * The decisions on the party's request to postpone the fine (Art. 76) or to pay it in instalments
 * (Art. 79): the penalty's B12 and B13, a returned file's F10 and F11 (criminal referral version 8,
 * docs/adr/0223); the outcome that grants, the other refuses. The party's view reads the grants, the
 * party is told of both (docs/adr/0226).
 */
export const POSTPONEMENT = { stepIds: ['B12', 'F10'], outcome: 'POSTPONED', refused: 'REFUSED' } as const;
export const INSTALMENTS = { stepIds: ['B13', 'F11'], outcome: 'INSTALMENTS_GRANTED', refused: 'REFUSED' } as const;

/** What the party is told of a decision on its request (undefined: the step is none of them), with the paper's number issued with it. */
function requestDecided(e: TAuditEvent, audit: readonly TAuditEvent[]): { kind: TPartyMessageKind; params: Record<string, string | number> } | undefined {
  const d = e.detail;
  const stepId = typeof d.stepId === 'string' ? d.stepId : undefined;
  const which = [POSTPONEMENT, INSTALMENTS].find((r) => stepId !== undefined && (r.stepIds as readonly string[]).includes(stepId));
  if (!which || (d.outcome !== which.outcome && d.outcome !== which.refused)) return undefined;
  const data = (d.data ?? {}) as Record<string, unknown>;
  const params: Record<string, string | number> = {};
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined) params[k] = v;
  };
  const granted = d.outcome === which.outcome;
  if (granted) {
    const issued = audit.find((x) => x.seq > e.seq && x.action === 'DOCUMENT_ISSUED' && x.stepId === stepId);
    put('decisionNo', str(data.decisionNo) ?? str(issued?.detail.number));
    put('decisionDate', str(data.decisionDate));
    if (which === POSTPONEMENT) put('postponedUntil', str(data.postponedUntil));
    else {
      put('instalments', num(data.instalments));
      put('firstAmount', num(data.firstAmount));
      put('lastDueDate', str(data.lastDueDate));
    }
  }
  const kind: TPartyMessageKind = which === POSTPONEMENT ? (granted ? 'POSTPONEMENT_GRANTED' : 'POSTPONEMENT_REFUSED') : granted ? 'INSTALMENTS_GRANTED' : 'INSTALMENTS_REFUSED';
  return { kind, params };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined);

/**
 * What a case's outside people are told of, from the audit events of one projection: a penalty
 * case's party of the decision and each payment; a tip's reporter (who asked for a reply) that the
 * tip was handled — its case closed, whatever the outcome (the findings are not the reporter's).
 */
export function partyNotices(caseId: string, kind: string, audit: readonly TAuditEvent[]): TPartyNotice[] {
  const out: TPartyNotice[] = [];
  for (const e of audit) {
    const d = e.detail;
    const key = `case:${caseId}#${e.seq}`;
    if (kind === 'TIP') {
      if (e.action === 'CASE_CLOSED') out.push({ kind: 'TIP_HANDLED', key, params: { handledOn: vnDateOf(Date.parse(e.at)) } });
      continue;
    }
    const told = DECISIONS_TOLD[kind];
    if (!told) continue;
    const onRequest = e.action === 'STEP_COMPLETED' ? requestDecided(e, audit) : undefined;
    if (e.action === 'STEP_COMPLETED' && told.decides(d)) {
      const data = (d.data ?? {}) as Record<string, unknown>;
      const params: Record<string, string | number> = {};
      // From the penalty's version 5 the number is the register's, issued with the step (docs/documents.md): the same batch's DOCUMENT_ISSUED holds it.
      const issued = audit.find((x) => x.seq > e.seq && x.action === 'DOCUMENT_ISSUED' && x.stepId === told.stepId && x.detail.type === told.paper);
      const decisionNo = str(data.decisionNo) ?? str(issued?.detail.number);
      const decisionDate = str(data.decisionDate);
      const fine = data.sanction === 'FINE' ? num(data.fineAmount) : undefined;
      if (decisionNo) params.decisionNo = decisionNo;
      if (decisionDate) params.decisionDate = decisionDate;
      if (fine !== undefined) params.fineAmount = fine;
      // A longer time to comply the decision gives (penalty version 13, Art. 73(1)).
      const days = num(data.complianceDays);
      if (days !== undefined) params.complianceDays = days;
      out.push({ kind: 'DECISION_ISSUED', key, params });
    } else if (onRequest) {
      out.push({ key, ...onRequest });
    } else if (e.action === 'EVENT_RECEIVED' && d.event === PAYMENT_EVENT) {
      const data = (d.data ?? {}) as Record<string, unknown>;
      const amount = num(data.amount);
      if (amount === undefined) continue;
      const params: Record<string, string | number> = { amount };
      const paidOn = str(data.paidOn) ?? (typeof data.paidAt === 'string' && !Number.isNaN(Date.parse(data.paidAt)) ? vnDateOf(Date.parse(data.paidAt)) : undefined);
      if (paidOn) params.paidOn = paidOn;
      out.push({ kind: 'PAYMENT_RECEIVED', key, params });
    }
  }
  return out;
}

/** The address of a channel in its one stored form, or undefined when it is not one. */
export function normaliseContact(channel: TPartyChannel, address: string): string | undefined {
  const a = address.trim();
  if (channel === 'EMAIL') {
    const lower = a.toLowerCase();
    // No control character (U+0000 among them: PostgreSQL cannot store it; no address has one).
    return lower.length <= 254 && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(lower) ? lower : undefined;
  }
  // A Vietnamese mobile number (SMS and Zalo alike): 0xxxxxxxxx, +84xxxxxxxxx or 84xxxxxxxxx, spaces and dots allowed.
  const digits = a.replace(/[\s.-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `+84${m[1]}` : undefined;
}

/** How an address is shown back (to its owner on the page, to staff never): the last characters only. */
export function maskContact(channel: TPartyChannel, address: string): string {
  if (channel === 'EMAIL') {
    const [user = '', domain = ''] = address.split('@');
    return `${user.slice(0, 1)}…@${domain}`;
  }
  return `…${address.slice(-3)}`;
}

const money = (n: number, lang: TPartyLang): string => `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n)} ${lang === 'vi' ? 'đồng' : 'VND'}`;
const dmy = (iso: string | number | undefined): string | undefined => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : undefined);

/**
 * The words of one message: a subject (e-mail) and a text short enough for one or two SMS. The link
 * is the public lookup page; the code is never in a message (it is on the party's paper).
 */
export function partyMessageText(kind: TPartyMessageKind, params: Record<string, string | number>, lang: TPartyLang, lookupUrl: string): { subject: string; text: string } {
  const vi = lang === 'vi';
  switch (kind) {
    case 'TIP_HANDLED': {
      // The reporter follows the tip on its tracking page (the lookup's sibling), by the code it holds.
      const trackUrl = lookupUrl.replace(/\/public\/tra-cuu$/, '/public/phan-anh/theo-doi');
      const on = dmy(params.handledOn);
      return vi
        ? {
            subject: 'INS: phản ánh của quý vị đã được xử lý',
            text: `Phản ánh quý vị gửi đã được xử lý xong${on ? ` ngày ${on}` : ''}. Cảm ơn quý vị. Xem tình trạng bằng mã theo dõi tại: ${trackUrl}`,
          }
        : { subject: 'INS: your report was handled', text: `The report you sent was handled${on ? ` on ${on}` : ''}. Thank you. See its status with your tracking code: ${trackUrl}` };
    }
    case 'SUBSCRIBED':
      return vi
        ? {
            subject: 'INS: đã đăng ký nhận thông báo về vụ việc',
            text: `Quý vị sẽ nhận thông báo khi có quyết định xử phạt, quyết định về đề nghị hoãn hoặc nộp tiền phạt nhiều lần, và khi khoản nộp phạt được ghi nhận. Tra cứu: ${lookupUrl}`,
          }
        : {
            subject: 'INS: you will be told about your case',
            text: `You will be told when the penalty decision is issued, when a request to postpone or to pay in instalments is decided, and when a payment is recorded. Look it up: ${lookupUrl}`,
          };
    case 'DECISION_ISSUED': {
      const no = params.decisionNo !== undefined ? String(params.decisionNo) : undefined;
      const date = dmy(params.decisionDate);
      const fine = typeof params.fineAmount === 'number' ? money(params.fineAmount, lang) : undefined;
      const days = typeof params.complianceDays === 'number' ? params.complianceDays : 10;
      if (vi) {
        const head = `Đã ban hành quyết định xử phạt${no ? ` số ${no}` : ''}${date ? ` ngày ${date}` : ''}.`;
        const pay = fine ? ` Số tiền phạt: ${fine}; nộp trong ${days} ngày kể từ ngày nhận quyết định (Luật XLVPHC, Điều 73, 78).` : '';
        return { subject: `INS: quyết định xử phạt${no ? ` số ${no}` : ''}`, text: `${head}${pay} Tra cứu: ${lookupUrl}` };
      }
      const head = `The penalty decision${no ? ` no. ${no}` : ''} was issued${date ? ` on ${date}` : ''}.`;
      const pay = fine ? ` Fine: ${fine}, to be paid within ${days} days of receiving the decision (Law on Handling Administrative Violations, Art. 73, 78).` : '';
      return { subject: `INS: penalty decision${no ? ` no. ${no}` : ''}`, text: `${head}${pay} Look it up: ${lookupUrl}` };
    }
    case 'POSTPONEMENT_GRANTED': {
      const no = params.decisionNo !== undefined ? String(params.decisionNo) : undefined;
      const date = dmy(params.decisionDate);
      const until = dmy(params.postponedUntil);
      return vi
        ? {
            subject: 'INS: quyết định hoãn thi hành quyết định phạt tiền',
            text: `Đề nghị hoãn của quý vị được chấp nhận: quyết định hoãn${no ? ` số ${no}` : ''}${date ? ` ngày ${date}` : ''}${until ? `, hoãn đến ngày ${until}` : ''}. Hết thời hạn hoãn mà chưa nộp thì phải nộp thêm tiền chậm nộp (Luật XLVPHC, Điều 76, 78). Tra cứu: ${lookupUrl}`,
          }
        : {
            subject: 'INS: the fine is postponed',
            text: `Your request to postpone was granted: postponement decision${no ? ` no. ${no}` : ''}${date ? ` of ${date}` : ''}${until ? `, until ${until}` : ''}. Unpaid after that, a late surcharge is added (Law on Handling Administrative Violations, Art. 76, 78). Look it up: ${lookupUrl}`,
          };
    }
    case 'INSTALMENTS_GRANTED': {
      const no = params.decisionNo !== undefined ? String(params.decisionNo) : undefined;
      const date = dmy(params.decisionDate);
      const last = dmy(params.lastDueDate);
      const count = typeof params.instalments === 'number' ? params.instalments : undefined;
      const first = typeof params.firstAmount === 'number' ? money(params.firstAmount, lang) : undefined;
      return vi
        ? {
            subject: 'INS: quyết định cho nộp tiền phạt nhiều lần',
            text: `Đề nghị nộp tiền phạt nhiều lần của quý vị được chấp nhận: quyết định${no ? ` số ${no}` : ''}${date ? ` ngày ${date}` : ''}${count ? `, nộp ${count} lần` : ''}${first ? `, lần đầu ${first}` : ''}${last ? `, lần cuối chậm nhất ngày ${last}` : ''} (Luật XLVPHC, Điều 79). Tra cứu: ${lookupUrl}`,
          }
        : {
            subject: 'INS: the fine may be paid in instalments',
            text: `Your request to pay in instalments was granted: decision${no ? ` no. ${no}` : ''}${date ? ` of ${date}` : ''}${count ? `, ${count} payments` : ''}${first ? `, the first ${first}` : ''}${last ? `, the last by ${last}` : ''} (Law on Handling Administrative Violations, Art. 79). Look it up: ${lookupUrl}`,
          };
    }
    case 'POSTPONEMENT_REFUSED':
    case 'INSTALMENTS_REFUSED': {
      const what = kind === 'POSTPONEMENT_REFUSED' ? { vi: 'hoãn thi hành quyết định phạt tiền', en: 'to postpone the fine' } : { vi: 'nộp tiền phạt nhiều lần', en: 'to pay the fine in instalments' };
      return vi
        ? {
            subject: `INS: đề nghị ${what.vi} không được chấp nhận`,
            text: `Đề nghị ${what.vi} của quý vị không được chấp nhận. Tiền phạt nộp theo thời hạn trong quyết định xử phạt; quá hạn phải nộp thêm tiền chậm nộp (Luật XLVPHC, Điều 73, 78). Tra cứu: ${lookupUrl}`,
          }
        : {
            subject: `INS: your request ${what.en} was refused`,
            text: `Your request ${what.en} was refused. The fine is due by the time the penalty decision gives; after it a late surcharge is added (Law on Handling Administrative Violations, Art. 73, 78). Look it up: ${lookupUrl}`,
          };
    }
    case 'PAYMENT_RECEIVED': {
      const amount = typeof params.amount === 'number' ? money(params.amount, lang) : '';
      const on = dmy(params.paidOn);
      return vi
        ? { subject: 'INS: đã ghi nhận khoản nộp phạt', text: `Đã ghi nhận khoản nộp ${amount}${on ? ` ngày ${on}` : ''}. Số còn phải nộp (nếu có) xem tại: ${lookupUrl}` }
        : { subject: 'INS: payment recorded', text: `A payment of ${amount}${on ? ` on ${on}` : ''} was recorded. What remains to pay, if anything: ${lookupUrl}` };
    }
  }
}
