import type { ColumnType } from 'kysely';
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
}
