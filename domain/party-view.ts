/**
 * What the party (người vi phạm) sees of its penalty case through the public lookup
 * (docs/adr/0121-case-lookup-without-an-oracle.md): what the agency owes it — each legal step, its
 * deadline and whether it was kept — and what it owes: the fine, the due date, what is paid, the
 * late-payment surcharge accrued to today, a postponement or instalments. Built from the read
 * model's snapshot by a pure function, and only from an allow-list: no officer but the decision's
 * signer, no notes, escalations, evidence, assignees or internal ids.
 *
 * What is owed is the case's own procedure version's `PAID` rule (domain/engine/payments.ts
 * `amountDueOn`) evaluated for a payment today: the lookup shows what the compliance step would
 * accept, whichever surcharge that version charges (docs/adr/0127).
 */
import { addCalendarDays, type TIsoDate } from './calendar.js';
import { amountDueOn, isPaymentStep, PAYMENT_EVENT, SETTLING_OUTCOMES } from './engine/payments.js';
import { paramOn, type TLegalParam } from './legal-params.js';
import { decidesPenalty, INSTALMENTS, PENALTY_DECISION, POSTPONEMENT, RETURNED_DECISION } from './party-messages.js';

/** The decision on a file the criminal body returned (the criminal referral's F5). */
const decidesReturnedFile = (c: { stepId: string; outcome: string }): boolean => c.stepId === RETURNED_DECISION.stepId && (RETURNED_DECISION.outcomes as readonly string[]).includes(c.outcome);
import type { TProcedureDefinition, TText } from './procedure.js';
import { paymentsOf } from './rules.js';
import { vnDateOf } from './vn-time.js';

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
  /** What of the fine itself is not paid yet (payments pay the fine before the surcharge). */
  outstanding: number;
  payments: { on: TIsoDate; amount: number }[];
  /**
   * The surcharge the case's procedure version charges for a payment today (Law Art. 78(1)(a)), or
   * the one charged at the payment that settled the fine; `days` late days counted.
   */
  surcharge: { days: number; ratePerDay: number; amount: number; legalBasis: string };
  /** To pay today to settle: the fine and the surcharge less what is paid (0 once settled). */
  toPay: number;
  /** The compliance step was completed as paid in full. */
  settled: boolean;
  postponedUntil?: TIsoDate | undefined;
  instalments?: { count?: number | undefined; firstAmount?: number | undefined; lastDueDate?: TIsoDate | undefined } | undefined;
  /**
   * Where to pay: the State Treasury and account the unit had set on the decision's date, as the
   * decision states them (docs/adr/0193). Not in the case: the lookup adds it from the unit's
   * configuration (api/services/case-lookup.ts); absent when the unit has set none.
   */
  payTo?: { treasury: string; account: string } | undefined;
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

/**
 * The field of `step`'s form that states when its act took place (see `partyView`), if one does:
 * the date its deadline is judged on, the date of the paper it issues, the one date of its form a
 * later deadline counts from (the record's date, Art. 66(1)), or its one date that cannot be in the future.
 */
function actDateField(def: TProcedureDefinition, step: TProcedureDefinition['steps'][number] | undefined, outcome: string): string | undefined {
  if (!step) return undefined;
  if (step.deadline?.judgedOn) return step.deadline.judgedOn;
  const paper = (step.documents ?? []).find((d) => d.dateField && (!d.outcomes || d.outcomes.includes(outcome)));
  if (paper?.dateField) return paper.dateField;
  const anchored = new Set<string>();
  for (const d of def.steps.flatMap((x) => (x.deadline ? [x.deadline, ...(x.deadline.variants ?? [])] : [])))
    if (d.anchor?.kind === 'FIELD_DATE' && d.anchor.stepId === step.id) anchored.add(d.anchor.field);
  if (anchored.size === 1) return [...anchored][0];
  const past = step.form.fields.filter((f) => f.type === 'date' && f.notInFuture);
  return past.length === 1 ? past[0]!.key : undefined;
}

/** The last decision that granted (./party-messages.ts): a refused request grants nothing, the party still owes by the date it had, not by the date it asked for. */
const lastGranted = (s: TPartySnapshot, g: { stepIds: readonly string[]; outcome: string }) => s.completed.findLast((c) => g.stepIds.includes(c.stepId) && c.outcome === g.outcome);

/** The party's view of a case on `today` (a Vietnamese date). */
export function partyView(def: TProcedureDefinition, s: TPartySnapshot, params: readonly TLegalParam[], today: TIsoDate): TPartyView {
  const stepOf = (id: string) => def.steps.find((x) => x.id === id);
  const last = (id: string) => s.completed.findLast((c) => c.stepId === id);
  const titleOf = (id: string): TText => stepOf(id)?.title ?? { vi: id, en: id };
  const bindsOf = (id: string): 'AGENCY' | 'PARTY' => (stepOf(id)?.deadline?.binds === 'PARTY' ? 'PARTY' : 'AGENCY');
  const isPaymentStepId = (id: string) => {
    const step = stepOf(id);
    return step !== undefined && isPaymentStep(step);
  };

  // A decision step that decided nothing (it transferred the file for signs of a crime, version 9) is named by what it did.
  const doneTitleOf = (c: { stepId: string; outcome: string }): TText =>
    c.stepId === PENALTY_DECISION.stepId && !decidesPenalty(c) ? (stepOf(c.stepId)?.outcomes.find((o) => o.id === c.outcome)?.title ?? titleOf(c.stepId)) : titleOf(c.stepId);

  const steps: TPartyStep[] = [
    ...s.completed.map((c): TPartyStep => {
      // A step was done on the date of the act its form states, whenever it was entered: the date the
      // law judges it by (the decision's: `judgedOn`), else the date of the paper it issues (the
      // record's), else its one date that cannot be in the future (the delivery's receipt, the
      // payment's). Only a step whose form states none (or several: B4) shows when it was entered.
      const actField = actDateField(def, stepOf(c.stepId), c.outcome);
      const paperDate = actField ? date(c.data[actField]) : undefined;
      if (paperDate) return { title: doneTitleOf(c), state: 'DONE', on: paperDate, due: c.deadline?.due, kept: c.deadline ? paperDate <= c.deadline.due : undefined, binds: bindsOf(c.stepId) };
      const on = vnDateOf(Date.parse(c.at));
      return { title: doneTitleOf(c), state: 'DONE', on, due: c.deadline?.due, kept: c.deadline ? Date.parse(c.at) <= Date.parse(c.deadline.dueAt) : undefined, binds: bindsOf(c.stepId) };
    }),
    ...s.open.map((o): TPartyStep => ({ title: titleOf(o.stepId), state: 'OPEN', due: o.deadline?.due, kept: o.deadline ? !o.deadline.breached : undefined, binds: bindsOf(o.stepId) })),
  ];

  const record = last('B1');
  // The last decision: a transfer for signs of a crime at the decision step (version 9) is none; on a
  // file the criminal body returned, its decision (F5), which the party pays from criminal referral version 7 on (docs/adr/0220).
  const decision = s.completed.findLast((c) => decidesPenalty(c) || decidesReturnedFile(c));
  const postponement = lastGranted(s, POSTPONEMENT);
  const instalment = lastGranted(s, INSTALMENTS);
  const documents: TPartyDocument[] = [];
  if (record) documents.push({ kind: 'VIOLATION_RECORD', number: text(record.data.recordNo), date: date(record.data.recordedAt) });
  if (decision) documents.push({ kind: 'PENALTY_DECISION', number: text(decision.data.decisionNo), date: date(decision.data.decisionDate), signedBy: text(decision.data.signedBy) });
  if (postponement) documents.push({ kind: 'POSTPONEMENT_DECISION', number: text(postponement.data.decisionNo), date: date(postponement.data.decisionDate) });
  if (instalment) documents.push({ kind: 'INSTALMENT_DECISION', number: text(instalment.data.decisionNo), date: date(instalment.data.decisionDate) });

  const fineAmount = decision?.data.sanction === 'FINE' ? amount(decision.data.fineAmount) : undefined;
  let fine: TPartyFine | undefined;
  if (fineAmount !== undefined) {
    const payments = paymentsOf(s, PAYMENT_EVENT);
    // The payment step the case is at (B9, or B14 under a postponement or instalments): open, or the last one completed.
    const openPay = s.open.find((o) => isPaymentStepId(o.stepId));
    const donePay = s.completed.findLast((c) => isPaymentStepId(c.stepId));
    const payStep = openPay ?? donePay;
    const settled = !openPay && SETTLING_OUTCOMES.has(donePay?.outcome ?? '');
    // A payment a legal officer recorded by hand (its receipt), unless a callback already reported it.
    const handAmount = donePay ? amount(donePay.data.paidAmount) : undefined;
    if (donePay && handAmount !== undefined && payments.length === 0) payments.push({ on: date(donePay.data.paidDate) ?? vnDateOf(Date.parse(donePay.at)), amount: handAmount });
    const paid = payments.reduce((sum, p) => sum + p.amount, 0);
    const outstanding = settled ? 0 : Math.max(0, fineAmount - paid);
    const postponedUntil = postponement ? date(postponement.data.postponedUntil) : undefined;
    const dueDate = postponedUntil ?? payStep?.deadline?.due ?? last('B9')?.deadline?.due;
    // Owed for a payment today, or what the settling payment owed: the version's own rule.
    const asOf = settled && donePay ? (date(donePay.data.paidDate) ?? today) : today;
    const step = payStep ? stepOf(payStep.stepId) : undefined;
    const due = step ? amountDueOn({ ...s, legalParams: params }, step, asOf, `${today}T12:00:00+07:00`) : undefined;
    const surchargeAmount = due === undefined ? 0 : Math.max(0, due - fineAmount);
    const rate = paramOn(params, 'lateSurchargePerDay', asOf);
    const lateDays = dueDate && surchargeAmount > 0 ? Math.max(0, (Date.parse(asOf) - Date.parse(addCalendarDays(dueDate, 1))) / 86_400_000) : 0;
    fine = {
      amount: fineAmount,
      dueDate,
      paid,
      outstanding,
      payments,
      surcharge: { days: lateDays, ratePerDay: rate.value, amount: surchargeAmount, legalBasis: rate.legalBasis },
      toPay: settled ? 0 : Math.max(0, fineAmount + surchargeAmount - paid),
      settled,
      postponedUntil,
      instalments: instalment ? { count: amount(instalment.data.instalments), firstAmount: amount(instalment.data.firstAmount), lastDueDate: date(instalment.data.lastDueDate) } : undefined,
    };
  }

  return { status: s.status, openedOn: vnDateOf(Date.parse(s.startedAt)), title: def.title, steps, documents, fine, today };
}

/** A payment the treasury or the payment platform reported for the case, as its receipt. */
export interface TPaymentReported {
  transactionId: string;
  amount: number;
  paidAt: string;
  channel: string;
  receiptNo?: string | undefined;
}

/** One receipt (biên lai) of a payment of the fine. */
interface TPartyReceipt {
  receiptNo?: string | undefined;
  transactionId: string;
  amount: number;
  paidAt: string;
  /** The Vietnamese date of the payment. */
  paidOn: TIsoDate;
  channel: string;
  /** The case recorded the payment (else it is being reconciled: docs/adr/0125). */
  recorded: boolean;
}

export interface TPartyReceipts {
  /** The case, by what the party knows it by: its lookup code and its decision. */
  case: { lookupCode: string; title: TText; decisionNo?: string | undefined; decisionDate?: TIsoDate | undefined };
  receipts: TPartyReceipt[];
  fine?: { amount: number; paid: number; toPay: number; settled: boolean } | undefined;
}

/**
 * The receipts of a case's payments for its party: each payment reported by a callback, with whether
 * the case recorded it, beside the decision it pays and what is left (from the party's view).
 */
export function partyReceipts(view: TPartyView, snapshot: Pick<TPartySnapshot, 'events'>, lookupCode: string, reported: readonly TPaymentReported[]): TPartyReceipts {
  const recorded = new Set(snapshot.events.filter((e) => e.id === PAYMENT_EVENT).map((e) => e.data?.transactionId));
  const decision = view.documents.find((d) => d.kind === 'PENALTY_DECISION');
  return {
    case: { lookupCode, title: view.title, decisionNo: decision?.number, decisionDate: decision?.date },
    receipts: reported.map((p) => ({
      receiptNo: p.receiptNo,
      transactionId: p.transactionId,
      amount: p.amount,
      paidAt: p.paidAt,
      paidOn: vnDateOf(Date.parse(p.paidAt)),
      channel: p.channel,
      recorded: recorded.has(p.transactionId),
    })),
    fine: view.fine ? { amount: view.fine.amount, paid: view.fine.paid, toPay: view.fine.toPay, settled: view.fine.settled } : undefined,
  };
}
