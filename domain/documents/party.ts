/**
 * Which of the papers INS issues the party of a case receives through the public lookup
 * (docs/adr/0154-the-partys-own-papers-through-the-lookup.md). Every type is decided here, by name:
 * a type added to DOCUMENT_TYPES does not compile until someone says whether its party gets it, so
 * nothing internal reaches the public side by default.
 */
import type { TDocumentType } from './types.js';

/**
 * Whether the party receives a paper of this type. The records and decisions are addressed to the
 * party or concern it, and the law hands or sends each to it: the violation record (Law on Handling
 * Administrative Violations, Art. 58: a copy to the violator), the sanction decision (Art. 70:
 * sent within 2 working days), the seizure decision and record (Art. 125), the postponement and
 * instalment decisions it asked for (Art. 76, 79), the coercion decision (Art. 86–88), the
 * inspection's decision and record (read out and signed at the inspected premises), and the
 * decisions that extend, transfer or correct what concerns it. The archive package (hồ sơ lưu trữ)
 * is the agency's own file — the audit extract and the evidence list with the officers' names —
 * and is never the party's.
 */
const TO_THE_PARTY: Readonly<Record<TDocumentType, boolean>> = {
  INSPECTION_DECISION: true,
  INSPECTION_RECORD: true,
  VIOLATION_RECORD: true,
  SANCTION_DECISION: true,
  SANCTION_DECISION_NO_RECORD: true,
  RETURNED_SANCTION_DECISION: true,
  SEIZURE_DECISION: true,
  SEIZURE_RECORD: true,
  EXTENSION_DECISION: true,
  POSTPONEMENT_DECISION: true,
  INSTALMENT_DECISION: true,
  CRIMINAL_TRANSFER_DECISION: true,
  COERCION_DECISION: true,
  CORRECTION_DECISION: true,
  CASE_FILE: false,
};

export const isPartyDocument = (type: TDocumentType): boolean => TO_THE_PARTY[type];
