/**
 * Reference data every installation needs (not demo data): the state-agency calendar, the legal
 * parameters and the violation catalogue.
 * Applied after migrations by `npm start` and `npm run db:migrate`; idempotent.
 */
import type { Db } from './database.js';
import { seedCalendar } from './repositories/calendar.js';
import { seedLegalData } from './repositories/legal.js';

export async function seedReferenceData(db: Db): Promise<{ calendarDays: number; legalParams: number; violations: number }> {
  const calendarDays = await seedCalendar(db);
  const legal = await seedLegalData(db);
  return { calendarDays, legalParams: legal.params, violations: legal.violations };
}
