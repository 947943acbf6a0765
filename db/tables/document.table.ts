import type { ColumnType, Generated } from 'kysely';
import type { TDocumentTemplate } from '../../domain/documents/template.js';
import type { TDocumentType } from '../../domain/documents/types.js';

type DateOnly = ColumnType<string, string, string>;

/** An issued paper: frozen bytes and their hash (docs/documents.md). Only `status` ever changes (a later correction). */
export interface DocumentTable {
  id: string;
  issue_key: string;
  case_id: string;
  unit_id: string;
  type: TDocumentType;
  step_id: string;
  year: number;
  seq: number;
  number: string;
  doc_date: DateOnly;
  title: string;
  template_version: number;
  status: ColumnType<'ISSUED' | 'CORRECTED' | 'REPLACED', 'ISSUED' | undefined, 'CORRECTED' | 'REPLACED'>;
  corrects_id: string | null;
  sha256: string;
  signed: boolean;
  mime: string;
  size: number;
  content: Uint8Array;
  issued_by: string;
  issued_at: ColumnType<Date, Date | undefined, never>;
}

/** The last number given per unit, type and year. */
export interface DocumentRegisterTable {
  unit_id: string;
  type: TDocumentType;
  year: number;
  last_seq: number;
}

/** A unit's names on its papers from a date (its own configuration; the national rule otherwise). */
export interface UnitAgencyTable {
  unit_id: string;
  valid_from: DateOnly;
  parent_agency: string;
  agency: string;
  head_title: string;
  place: string;
  /** Where the unit's fines are paid from this row's date (docs/adr/0193): the State Treasury and its account; both or neither. */
  treasury: ColumnType<string | null, string | null | undefined, string | null>;
  treasury_account: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who set the row (null: set before this was recorded). */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

/** A version of a paper's template (docs/adr/0157): national configuration; a published one never changes. */
export interface DocumentTemplateTable {
  type: TDocumentType;
  version: number;
  effective_from: DateOnly;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  /** Parsed by `ZDocumentTemplate` before it is stored. */
  definition: ColumnType<TDocumentTemplate, string, string>;
  created_by: string;
  created_at: Generated<Date>;
  updated_by: string;
  updated_at: Generated<Date>;
  published_by: string | null;
  published_at: Date | null;
  retired_by: string | null;
  retired_at: Date | null;
}
