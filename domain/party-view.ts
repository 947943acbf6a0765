/**
 * What the party (người vi phạm) sees of its penalty case through the public lookup
 * (docs/adr/0121-case-lookup-without-an-oracle.md): what the agency owes it — each legal step, its
 * deadline and whether it was kept — and what it owes: the fine, the due date, what is paid, the
 * late-payment surcharge accrued to today, a postponement or instalments. Built from the read
 * model's snapshot by a pure function, and only from an allow-list: no officer but the decision's
 * signer, no notes, escalations, evidence, assignees or internal ids.
 */
import type { TIsoDate } from './calendar.js';
import { lateSurcharge } from './fines.js';
import type { TLegalParam } from './legal-params.js';
import type { TProcedureDefinition, TText } from './procedure.js';
import { vnDateOf } from './vn-time.js';

/** The external event a payment is reported as (the payment callback, issue 16). */
const PAYMENT_EVENT = 'PAYMENT_RECEIVED';

/** What of the snapshot the view reads (`TCaseProjection['snapshot']` fits). */
export interface TPartySnapshot {
  status: 'OPEN' | 'CLOSED';
  startedAt: string;
  completed: readonly { stepId: string; outcome: string; data: Record<string, unknown>; at: string; deadline?: { due: string; dueAt: string } | undefined }[];
  open: readonly { stepId: string; deadline?: { due: string; dueAt: string; breached: boolean; binds?: string | undefined } | undefined }[];
  events: readonly { id: string; at: string; data?: Record<string, unknown> | undefined }[];
}

interface TPartyStep {
  title: TText;
  /** DONE: completed on `on`; OPEN: still to be done. */
  state: 'DONE' | 'OPEN';
  on?: TIsoDate | undefined;
  /** The legal deadline, on the legal calendar; absent when the step has none. */
  due?: TIsoDate | undefined;
  /** Whether the deadline was kept (done in time, or still running); absent without a deadline. */
  kept?: boolean | undefined;
  /** Whose period it is: the agency's or the party's own (the time to pay). */
  binds: 'AGENCY' | 'PARTY';
}

interface TPartyDocument {
  kind: 'VIOLATION_RECORD' | 'PENALTY_DECISION' | 'POSTPONEMENT_DECISION' | 'INSTALMENT_DECISION';
  number?: string | undefined;
  date?: TIsoDate | undefined;
  /** The person who signed a decision (the only officer named). */
  signedBy?: string | undefined;
}

interface TPartyFine {
  amount: number;
  /** The last day to pay without the surcharge (the decision's 10 days, or the postponement's end). */
  dueDate?: TIsoDate | undefined;
  paid: number;
  outstanding: number;
  payments: { on: TIsoDate; amount: number }[];
  /** The surcharge on what is outstanding, accrued to today (Law Art. 78(1)(a)). */
  surcharge: { days: number; ratePerDay: number; amount: number; legalBasis: string };
  postponedUntil?: TIsoDate | undefined;
  instalments?: { count?: number | undefined; firstAmount?: number | undefined; lastDueDate?: TIsoDate | undefined } | undefined;
}

export interface TPartyView {
  status: 'OPEN' | 'CLOSED';
  openedOn: TIsoDate;
  title: TText;
  steps: TPartyStep[];
  documents: TPartyDocument[];
  /** Present once a fine is decided. */
  fine?: TPartyFine | undefined;
  today: TIsoDate;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const amount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined);
const date = (v: unknown): TIsoDate | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** The party's view of a case on `today` (a Vietnamese date). */
export function partyView(def: TProcedureDefinition, s: TPartySnapshot, params: readonly TLegalParam[], today: TIsoDate): TPartyView {
  const stepOf = (id: string) => def.steps.find((x) => x.id === id);
  const last = (id: string) => s.completed.findLast((c) => c.stepId === id);
  const titleOf = (id: string): TText => stepOf(id)?.title ?? { vi: id, en: id };
  const bindsOf = (id: string): 'AGENCY' | 'PARTY' => (stepOf(id)?.deadline?.binds === 'PARTY' ? 'PARTY' : 'AGENCY');

  const steps: TPartyStep[] = [
    ...s.completed.map((c): TPartyStep => {
      const on = vnDateOf(Date.parse(c.at));
      return { title: titleOf(c.stepId), state: 'DONE', on, due: c.deadline?.due, kept: c.deadline ? Date.parse(c.at) <= Date.parse(c.deadline.dueAt) : undefined, binds: bindsOf(c.stepId) };
    }),
    ...s.open.map((o): TPartyStep => ({ title: titleOf(o.stepId), state: 'OPEN', due: o.deadline?.due, kept: o.deadline ? !o.deadline.breached : undefined, binds: bindsOf(o.stepId) })),
  ];

  const record = last('B1');
  const decision = last('B6');
  const postponement = last('B12');
  const instalment = last('B13');
  const documents: TPartyDocument[] = [];
  if (record) documents.push({ kind: 'VIOLATION_RECORD', number: text(record.data.recordNo), date: date(record.data.recordedAt) });
  if (decision) documents.push({ kind: 'PENALTY_DECISION', number: text(decision.data.decisionNo), date: date(decision.data.decisionDate), signedBy: text(decision.data.signedBy) });
  if (postponement) documents.push({ kind: 'POSTPONEMENT_DECISION', number: text(postponement.data.decisionNo), date: date(postponement.data.decisionDate) });
  if (instalment) documents.push({ kind: 'INSTALMENT_DECISION', number: text(instalment.data.decisionNo), date: date(instalment.data.decisionDate) });

  const fineAmount = decision?.data.sanction === 'FINE' ? amount(decision.data.fineAmount) : undefined;
  let fine: TPartyFine | undefined;
  if (fineAmount !== undefined) {
    const payments = s.events
      .filter((e) => e.id === PAYMENT_EVENT && amount(e.data?.amount) !== undefined)
      .map((e) => ({ on: date(e.data?.paidOn) ?? vnDateOf(Date.parse(e.at)), amount: amount(e.data?.amount)! }));
    // A payment a legal officer recorded by hand at B9 (its receipt), unless a callback already reported it.
    const byHand = last('B9');
    const handAmount = byHand ? amount(byHand.data.paidAmount) : undefined;
    if (byHand && handAmount !== undefined && payments.length === 0) payments.push({ on: date(byHand.data.paidDate) ?? vnDateOf(Date.parse(byHand.at)), amount: handAmount });
    const paid = payments.reduce((sum, p) => sum + p.amount, 0);
    const outstanding = Math.max(0, fineAmount - paid);
    const b9 = s.open.find((o) => o.stepId === 'B9')?.deadline?.due ?? last('B9')?.deadline?.due;
    const postponedUntil = postponement ? date(postponement.data.postponedUntil) : undefined;
    const dueDate = postponedUntil ?? b9;
    const surcharge = dueDate && outstanding > 0 ? lateSurcharge({ unpaid: outstanding, lastDayToPay: dueDate, paidOn: today }, params) : { days: 0, rate: 0, amount: 0, legalBasis: '' };
    fine = {
      amount: fineAmount,
      dueDate,
      paid,
      outstanding,
      payments,
      surcharge: { days: surcharge.days, ratePerDay: surcharge.rate, amount: surcharge.amount, legalBasis: surcharge.legalBasis },
      postponedUntil,
      instalments: instalment ? { count: amount(instalment.data.instalments), firstAmount: amount(instalment.data.firstAmount), lastDueDate: date(instalment.data.lastDueDate) } : undefined,
    };
  }

  return { status: s.status, openedOn: vnDateOf(Date.parse(s.startedAt)), title: def.title, steps, documents, fine, today };
}
