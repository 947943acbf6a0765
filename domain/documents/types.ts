/**
 * The papers INS issues (issue 17): one entry per document type, with the number's symbol (Decree
 * 30/2020/NĐ-CP, Appendix I: "Số: 15/QĐ-XPHC"), the official form code where known (Decree
 * 118/2021/NĐ-CP appendix; codes the legal spec marks unverified say so), and whether the decider
 * signs it digitally (decisions) or it is printed for wet signatures (records signed by the party too).
 */
import type { TText } from '../procedure.js';

export const DOCUMENT_TYPES = [
  'INSPECTION_DECISION',
  'INSPECTION_RECORD',
  'VIOLATION_RECORD',
  'SANCTION_DECISION',
  'SANCTION_DECISION_NO_RECORD',
  'RETURNED_SANCTION_DECISION',
  'SEIZURE_DECISION',
  'SEIZURE_RECORD',
  'EXTENSION_DECISION',
  'POSTPONEMENT_DECISION',
  'INSTALMENT_DECISION',
  'CRIMINAL_TRANSFER_DECISION',
  'COERCION_DECISION',
  'CORRECTION_DECISION',
  'CASE_FILE',
] as const;
export type TDocumentType = (typeof DOCUMENT_TYPES)[number];

export interface TDocumentTypeInfo {
  title: TText;
  /** The symbol after the number: `${n}/${symbol}`. */
  symbol: string;
  /** The official form code, and whether the legal spec confirmed it (vn-law.md §1.2, open question 12). */
  formCode?: { code: string; confirmed: boolean; source: string };
  /** Signed digitally by the decider when issued (PAdES); records are printed and signed by hand. */
  signed: boolean;
  /** A PDF (a paper), or the archive package of a closed case (a ZIP with its manifest). */
  output: 'PDF' | 'ZIP';
  /**
   * Fields of the issuing step's form the paper must state when they are given (docs/adr/0219): a
   * step that gives one is refused where the template in force on the paper's date does not print
   * it, rather than issue a paper that says otherwise than the case (a decision giving 30 days to
   * comply printed with "10 ngày").
   */
  states?: readonly string[];
}
