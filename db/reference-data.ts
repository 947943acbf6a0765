/**
 * Reference data every installation needs (not demo data): the state-agency calendar, the legal
 * parameters, the violation catalogue and the Vietnamese procedures (version 1).
 * Applied after migrations by `npm start` and `npm run db:migrate`; idempotent.
 */
import type { Db } from './database.js';
import { seedCalendar } from './repositories/calendar.js';
import { seedLegalData } from './repositories/legal.js';
import { seedProcedures } from './repositories/procedures.js';
import { VN_PROCEDURES } from '../domain/procedures/index.js';

export async function seedReferenceData(db: Db): Promise<{ calendarDays: number; legalParams: number; violations: number; procedures: number }> {
  const calendarDays = await seedCalendar(db);
  const legal = await seedLegalData(db);
  const procedures = await seedProcedures(db, VN_PROCEDURES);
  return { calendarDays, legalParams: legal.params, violations: legal.violations, procedures };
}
