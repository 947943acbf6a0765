/**
 * Reference data every installation needs (not demo data): the state-agency calendar, the legal
 * parameters, the violation catalogue, the Vietnamese procedures (version 1) and the papers'
 * templates (version 1, docs/adr/0157).
 * Applied after migrations by `npm start` and `npm run db:migrate`; idempotent.
 */
import type { Db } from './database.js';
import { seedCalendar } from './repositories/calendar.js';
import { seedLegalData } from './repositories/legal.js';
import { seedDocumentTemplates } from './repositories/document-templates.js';
import { seedProcedures } from './repositories/procedures.js';
import { VN_PROCEDURES } from '../domain/procedures/index.js';
import { DOCUMENT_TEMPLATES } from '../domain/documents/templates.js';

export async function seedReferenceData(db: Db): Promise<{ calendarDays: number; legalParams: number; violations: number; procedures: number; documentTemplates: number }> {
  const calendarDays = await seedCalendar(db);
  const legal = await seedLegalData(db);
  const procedures = await seedProcedures(db, VN_PROCEDURES);
  const documentTemplates = await seedDocumentTemplates(db, DOCUMENT_TEMPLATES);
  return { calendarDays, legalParams: legal.params, violations: legal.violations, procedures, documentTemplates };
}
