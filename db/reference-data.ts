/**
 * Reference data every installation needs (not demo data): the state-agency calendar.
 * Applied after migrations by `npm start` and `npm run db:migrate`; idempotent.
 */
import type { Db } from './database.js';
import { seedCalendar } from './repositories/calendar.js';

export async function seedReferenceData(db: Db): Promise<{ calendarDays: number }> {
  return { calendarDays: await seedCalendar(db) };
}
