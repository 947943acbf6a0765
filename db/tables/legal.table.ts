import type { ColumnType, Generated } from 'kysely';

/** One effective-dated value of a legal parameter. */
export interface LegalParameterTable {
  key: string;
  effective_from: string;
  effective_to: string | null;
  value: number;
  unit: string;
  description_vi: string;
  legal_basis: string;
  confidence: 'V' | 'P' | 'U';
  to_confirm: boolean;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** A row of the violation catalogue (its full definition as JSON). */
export interface ViolationTable {
  code: string;
  definition: ColumnType<unknown, string, string>;
  to_confirm: boolean;
  updated_by: string;
  updated_at: Generated<Date>;
}
