/**
 * The Vietnamese market-surveillance procedures INS ships with. Each shipped (id, version) is
 * published on an installation that does not have it yet; running cases keep the version they
 * started on, new cases open on the latest. Version 1 of the procedures changed in version 2 is
 * frozen in ./v1/ (cases and committed histories pin it). Version 3 of the inspection and the
 * penalty adds the fields' defaults (`prefill`) only: their version 2 is the same source with every
 * default taken out, byte for byte what installations published (procedures.test.ts pins it).
 * Version 4 of the penalty differs from its version 3 in the `PAID` outcomes' surcharge only.
 */
import type { TField, TProcedureInput } from '../procedure.js';
import { withIssuedPapers } from './documents.js';
import { inspectionProcedure } from './inspection.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';
import { criminalReferralProcedure, enforcementProcedure, paperFileProcedure, seizureProcedure, tipProcedure } from './tracks.js';
import { inspectionProcedureV1 } from './v1/inspection.js';
import { penaltyNoRecordProcedureV1, penaltyProcedureV1 } from './v1/penalty.js';
import { criminalReferralProcedureV1, enforcementProcedureV1, seizureProcedureV1 } from './v1/tracks.js';

/** A field without its default (and a list's fields without theirs). */
function fieldWithoutPrefill(f: TField): TField {
  const { prefill: _prefill, ...rest } = f;
  return rest.type === 'group' ? { ...rest, fields: rest.fields.map(fieldWithoutPrefill) } : rest;
}

/** The definition as it was before fields had defaults (docs/adr/0116): version 2 of a procedure whose source has them. */
function withoutPrefill(def: TProcedureInput): TProcedureInput {
  return { ...def, steps: def.steps.map((s) => (s.form ? { ...s, form: { ...s.form, fields: (s.form.fields as TField[]).map(fieldWithoutPrefill) } } : s)) };
}

export const VN_PROCEDURES: readonly TProcedureInput[] = [
  inspectionProcedureV1(),
  penaltyProcedureV1(),
  penaltyNoRecordProcedureV1(),
  seizureProcedureV1(),
  enforcementProcedureV1(),
  criminalReferralProcedureV1(),
  tipProcedure(),
  paperFileProcedure(),
  // Version 2: the law in substance (issue 12).
  withoutPrefill(inspectionProcedure(2)),
  withoutPrefill(penaltyProcedure(2)),
  penaltyNoRecordProcedure(),
  seizureProcedure(),
  enforcementProcedure(),
  criminalReferralProcedure(),
  // Version 3: forms start from what the case knows (issue 15, docs/adr/0116).
  inspectionProcedure(3),
  penaltyProcedure(3),
  // Version 4: the late-payment surcharge on the unpaid part, day by day (issue 16, docs/adr/0127).
  penaltyProcedure(4),
  // The papers issued by INS: numbered from the unit's register, rendered, frozen, decisions signed (issue 17, docs/documents.md).
  withIssuedPapers(inspectionProcedure(4)),
  withIssuedPapers(penaltyProcedure(5)),
  withIssuedPapers(penaltyNoRecordProcedure(3)),
  withIssuedPapers(seizureProcedure(3)),
  withIssuedPapers(enforcementProcedure(3)),
  withIssuedPapers(criminalReferralProcedure(3)),
  // The fine moves from the midpoint only the way its circumstances allow; verification is stated (docs/adr/0189).
  withIssuedPapers(penaltyProcedure(6)),
  withIssuedPapers(penaltyNoRecordProcedure(4)),
  // The inspection decision's issuer extends the inspection; the inspection record states its date (docs/adr/0192).
  withIssuedPapers(inspectionProcedure(5)),
  // The tracks beside a case keep to the law's dates: coercion after the voluntary period, confiscation with its decision and after
  // the year of claims, the notices from the end of the seizure period, the returned file's decision within competence, the tip's
  // same-day log and its reply (docs/adr/0206).
  withIssuedPapers(seizureProcedure(4)),
  withIssuedPapers(enforcementProcedure(4)),
  withIssuedPapers(criminalReferralProcedure(4)),
  tipProcedure(2),
  // The decision waits for the explanation; the limitation act by act; coercion after the voluntary period (docs/adr/0205).
  withIssuedPapers(penaltyProcedure(7)),
  // The inspection's extension is decided in writing: its paper (docs/adr/0205).
  withIssuedPapers(inspectionProcedure(6)),
  // The decision sanctions only the acts whose limitation period has not ended on its date (docs/adr/0209).
  withIssuedPapers(penaltyProcedure(8)),
  // The owner who comes forward within the year after the 2nd notice gets the goods back (docs/adr/0210).
  withIssuedPapers(seizureProcedure(5)),
  // Signs of a crime found at the decision itself: the file is transferred instead (docs/adr/0211).
  withIssuedPapers(penaltyProcedure(9)),
  // The limitation period of an act still going on when found counts from its detection (docs/adr/0213).
  withIssuedPapers(penaltyProcedure(10)),
  // The limitation period starts again when the party's evasion of the sanction ends (docs/adr/0214).
  withIssuedPapers(penaltyProcedure(11)),
  // The limitation in every path (docs/adr/0216): the returned file's decision is held to it; the record transfers a barred act with
  // signs of a crime; the sanction without a record keeps the execution limitation and the voluntary period.
  withIssuedPapers(criminalReferralProcedure(5)),
  withIssuedPapers(penaltyProcedure(12)),
  withIssuedPapers(penaltyNoRecordProcedure(5)),
  // The decision may give longer than 10 days to comply; the payment, its surcharge and coercion follow it (docs/adr/0217).
  withIssuedPapers(penaltyProcedure(13)),
  // Measures only on a returned file within its 30 days need the act's date (docs/adr/0216).
  withIssuedPapers(criminalReferralProcedure(6)),
  // The decision on a returned file is delivered, paid or coerced, and archived; it may give longer than 10 days to comply (docs/adr/0220).
  withIssuedPapers(criminalReferralProcedure(7)),
  // The decision's 2-month extension is the handler's direct superior's, in writing (docs/adr/0221).
  withIssuedPapers(penaltyProcedure(14)),
  // The decision without a record may give longer than 10 days to comply (docs/adr/0222).
  withIssuedPapers(penaltyNoRecordProcedure(6)),
  // The fine decided on a returned file may be postponed or paid in instalments (docs/adr/0223).
  withIssuedPapers(criminalReferralProcedure(8)),
  // The request's day is recorded; the postponement is decided within 5 days of it by the title that made the decision (docs/adr/0225).
  withIssuedPapers(penaltyProcedure(15)),
  withIssuedPapers(criminalReferralProcedure(9)),
  // The hardship a postponement or instalments are granted for is certified, and by whom (docs/adr/0228).
  withIssuedPapers(penaltyProcedure(16)),
  withIssuedPapers(criminalReferralProcedure(10)),
  // Instalments are decided by the title that made the fine's decision (docs/adr/0229).
  withIssuedPapers(penaltyProcedure(17)),
  withIssuedPapers(criminalReferralProcedure(11)),
  // The fine collected on the spot where Art. 78(2)-(3) allow it, and paid into the Treasury within its days (docs/adr/0232).
  withIssuedPapers(penaltyProcedure(18)),
  withIssuedPapers(penaltyNoRecordProcedure(7)),
  withIssuedPapers(criminalReferralProcedure(12)),
  // An evasion of the sanction after the record restarts the limitation period, and any evasion restarts it only if it began within the period (docs/adr/0233).
  withIssuedPapers(penaltyProcedure(19)),
  withIssuedPapers(criminalReferralProcedure(13)),
];
