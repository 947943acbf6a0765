/**
 * Public disclosure of decided violations (công khai thông tin xử lý vi phạm hành chính, Law on
 * Handling Administrative Violations Art. 72): which decision of a case is published, and what of
 * it (docs/adr/0135-disclosure-of-decisions.md). Pure: the projection calls it with the case's
 * completed steps and the party's registry facts; the public pages only read what it returned.
 *
 * Organisations are published as the decision names them (name, tax code, act, sanction, decision
 * number). Individuals are minimised: initials for the name (the press's `N.V.A.`), no
 * identification number and no tax code (a household's tax code is its holder's personal ID since
 * 1 July 2025), no address finer than the province.
 */
import { foldVietnamese } from './business.js';
import { actsSanctionableOn, limitationFrom } from './violation-catalogue.js';

/** The main sanction a published decision imposed (a decision with neither is not published). */
type TDisclosedSanction = 'FINE' | 'WARNING';

/** One act as published: its catalogue code, the catalogue's wording and the provision it cites. */
export interface TDisclosedAct {
  code: string;
  text: string;
  provision: string;
}

/** What the public sees of one decision. */
export interface TDisclosure {
  offenderType: 'ORGANIZATION' | 'INDIVIDUAL';
  /** The organisation's name, or an individual's initials (`minimiseName`). */
  partyName: string;
  /** Organisations only, and only when the case names a registry business. */
  taxCode?: string | undefined;
  province: string;
  violationDate: string;
  acts: TDisclosedAct[];
  sanction: TDisclosedSanction;
  fineAmount?: number | undefined;
  decisionNo: string;
  decisionDate: string;
}

/** What the projection does with a case's disclosure row. */
export type TDisclosureState =
  /** The case has no sanctioning decision (yet): nothing is published. */
  | { kind: 'NONE' }
  /** The standing decision, to publish (or keep published). */
  | { kind: 'LISTED'; disclosure: TDisclosure }
  /** The decision was set aside after it was published: withdrawn from the list, marked in the feed. */
  | { kind: 'WITHDRAWN'; disclosure: TDisclosure; reason: TWithdrawalReason };

/**
 * Why a published decision is no longer listed. `DECISION_SET_ASIDE`: a later step of the case set
 * it aside — Art. 62(2): signs of a crime after the decision, the decision is cancelled and the file
 * goes to the prosecuting body (step B62 of the penalty procedure). `CASE_CANCELLED`: the case's
 * workflow was terminated or cancelled (the read model's `abandoned_status`).
 */
export type TWithdrawalReason = 'DECISION_SET_ASIDE' | 'CASE_CANCELLED';

/** The outcomes of a step that decided a sanction (B6 `DECIDED`, N1 `DECIDED` and `WARNED`). */
const DECISION_OUTCOMES: ReadonlySet<string> = new Set(['DECIDED', 'WARNED']);
/** The outcome of a later step that sets the decision aside (B62, Art. 62(2)). */
const SET_ASIDE_OUTCOMES: ReadonlySet<string> = new Set(['SUSPENDED']);

/** A completed step as the read model's snapshot holds it (`TCompletedStep`, the fields read here). */
export interface TCompletedFacts {
  stepId: string;
  outcome: string;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * An individual's name as published: the first letter of each word, upper case, each followed by a
 * dot (`Nguyễn Văn An` → `N.V.A.`), as the Vietnamese press names private persons. Letters keep
 * their marks (`Đặng` → `Đ`); anything that is not a letter is dropped.
 */
export function minimiseName(name: string): string {
  const initials = name
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => [...w].find((ch) => /\p{L}/u.test(ch)))
    .filter((ch): ch is string => ch !== undefined)
    .map((ch) => `${ch.toLocaleUpperCase('vi')}.`);
  return initials.length ? initials.join('') : '—';
}

/** `Điểm c khoản 1 Điều 17 Nghị định 98/2020/NĐ-CP …`: the provision a catalogue row cites. */
function provisionOf(v: Record<string, unknown>): string {
  const parts = [
    typeof v.point === 'string' ? `điểm ${v.point}` : undefined,
    typeof v.clause === 'number' ? `khoản ${v.clause}` : undefined,
    typeof v.article === 'number' ? `Điều ${v.article}` : undefined,
    str(v.decree),
  ].filter(Boolean);
  const s = parts.join(' ');
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

function actOf(value: unknown): TDisclosedAct | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const code = str(v.code);
  const text = str(v.descriptionVi);
  // Only the catalogue's facts are published: never the officer's own description of the act.
  if (!code || !text) return undefined;
  return { code, text, provision: provisionOf(v) };
}

/**
 * The record's acts the decision (its data `decision`) sanctioned: not those past their limitation
 * period on its date (Art. 6, 65(1)(b), docs/adr/0209), counted again from an evasion it states (docs/adr/0233).
 */
function actsOf(record: Record<string, unknown>, decision: Record<string, unknown>): TDisclosedAct[] {
  const out: TDisclosedAct[] = [];
  if (Array.isArray(record.acts)) {
    for (const row of actsSanctionableOn(record.acts, limitationFrom(record, decision), decision.decisionDate)) {
      const act = row && typeof row === 'object' ? actOf((row as Record<string, unknown>).violation) : undefined;
      if (act) out.push(act);
    }
  }
  const single = actOf(record.violation);
  if (single) out.push(single);
  return out;
}

/**
 * The disclosure state of a case from its completed steps (in order) and its party's facts: the last
 * decision that imposed a warning or a fine, with the record that named the violator before it (the
 * decision's own step when it names the violator itself, as N1 does), withdrawn when a later step set
 * it aside. A decision that imposed no sanction (confiscation or remedial measures only, Art. 65) is
 * not published.
 */
export function disclosureOf(completed: readonly TCompletedFacts[], party: { taxCode?: string | undefined; province: string }): TDisclosureState {
  let decisionAt = -1;
  for (let i = completed.length - 1; i >= 0; i--) {
    const c = completed[i]!;
    const sanction = c.data.sanction;
    if (DECISION_OUTCOMES.has(c.outcome) && (sanction === 'FINE' || sanction === 'WARNING') && str(c.data.decisionNo) && str(c.data.decisionDate)) {
      decisionAt = i;
      break;
    }
  }
  if (decisionAt < 0) return { kind: 'NONE' };
  const decision = completed[decisionAt]!;
  let record: Record<string, unknown> | undefined;
  for (let i = decisionAt; i >= 0; i--) {
    const d = completed[i]!.data;
    if (str(d.violatorName) && (d.offenderType === 'ORGANIZATION' || d.offenderType === 'INDIVIDUAL')) {
      record = d;
      break;
    }
  }
  if (!record) return { kind: 'NONE' };
  const organisation = record.offenderType === 'ORGANIZATION';
  const sanction = decision.data.sanction as TDisclosedSanction;
  const fine = decision.data.fineAmount;
  const disclosure: TDisclosure = {
    offenderType: organisation ? 'ORGANIZATION' : 'INDIVIDUAL',
    partyName: organisation ? str(record.violatorName)! : minimiseName(str(record.violatorName)!),
    ...(organisation && party.taxCode ? { taxCode: party.taxCode } : {}),
    province: party.province,
    violationDate: str(record.violationDate) ?? str(decision.data.decisionDate)!,
    acts: actsOf(record, decision.data),
    sanction,
    ...(sanction === 'FINE' && typeof fine === 'number' ? { fineAmount: fine } : {}),
    decisionNo: str(decision.data.decisionNo)!,
    decisionDate: str(decision.data.decisionDate)!,
  };
  const setAside = completed.slice(decisionAt + 1).some((c) => SET_ASIDE_OUTCOMES.has(c.outcome));
  return setAside ? { kind: 'WITHDRAWN', disclosure, reason: 'DECISION_SET_ASIDE' } : { kind: 'LISTED', disclosure };
}

/** What the disclosure search matches: the published name and the decision number, folded (no accents, lower case). */
export function disclosureSearchKeys(d: Pick<TDisclosure, 'partyName' | 'decisionNo'>): { nameKey: string; decisionKey: string } {
  return { nameKey: foldVietnamese(d.partyName), decisionKey: foldVietnamese(d.decisionNo) };
}
