/**
 * What a template is filled from: the case as the workflow holds it when the document is issued,
 * with what the issuing activity looks up (the unit's names as of the document's date, the
 * business, the officers' names). Pure data, so a draft preview and the issued paper are filled the
 * same way.
 */
import type { TDocumentType } from './types.js';

export interface TUnitAsOf {
  unitId: string;
  /** "SỞ CÔNG THƯƠNG TỈNH NINH BÌNH" (after 01/07/2025), or the parent before; '' when none. */
  parentAgency: string;
  /** "CHI CỤC QUẢN LÝ THỊ TRƯỜNG" / "CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NAM ĐỊNH". */
  agency: string;
  /** The head's title line for decisions: "CHI CỤC TRƯỞNG". */
  headTitle: string;
  /** The place in the date line: "Ninh Bình". */
  place: string;
  /** The province in force on the date. */
  province: string;
  /** Where the unit's fines are paid, when its admin set it (docs/adr/0193): "Kho bạc Nhà nước khu vực IX" and the account number. */
  treasury?: string | undefined;
  treasuryAccount?: string | undefined;
}

export interface TDocumentContext {
  type: TDocumentType;
  caseId: string;
  caseTitle: string;
  procedureId: string;
  procedureVersion: number;
  /** The step whose completion (or extension) issues the document, and its outcome. */
  stepId: string;
  outcome?: string | undefined;
  /** The document's own date (the decision's or the record's date from the form), ISO yyyy-mm-dd. */
  date: string;
  unit: TUnitAsOf;
  team?: { id: string; name: string } | undefined;
  /** The case's business from the registry, when it has one. */
  business?: { name: string; address: string; taxCode?: string | undefined; representative?: string | undefined } | undefined;
  /** The latest completed data of every step so far, by step id (the issuing step's included). `violation` fields hold the catalogue's facts. */
  steps: Record<string, Record<string, unknown>>;
  /** Facts handed to a sub-procedure's case by its parent (decisionDate, fineAmount…). */
  facts: Record<string, unknown>;
  /** The papers already issued in this case (and its parent), for references ("Biên bản số 3/BB-VPHC ngày …"). */
  issued: Array<{ type: TDocumentType; number: string; date: string }>;
  /** Who signs: the officer completing the step, with the role they act in and their own team's name (a team lead decides for it: ./issuer.ts). */
  signer: {
    name: string;
    role: string;
    team?: string | undefined;
    /** A deputy of the role (docs/adr/0197), and the delegation in force on the paper's date under which he or she signs. */
    deputy?: boolean | undefined;
    delegation?: { number: string; date: string } | undefined;
  };
  /** For an extension decision: the extension granted. */
  extension?: { stepId: string; amount: number; unit: string; reason: string; newDue: string } | undefined;
  /** For a correcting/replacing decision: the document it corrects and what changes. */
  correction?: { of: { type: TDocumentType; number: string; date: string }; kind: 'CORRECT' | 'REPLACE'; reason: string; text: string } | undefined;
}
