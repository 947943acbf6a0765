import type { ColumnType, Generated } from 'kysely';

/**
 * One exception to the Monday–Friday week of state agencies (ngày nghỉ lễ, nghỉ bù, làm bù),
 * kept by admins. `status` is `STATUTORY`, `ANNOUNCED`, `COMPUTED` or `PENDING`.
 */
export interface CalendarDayTable {
  date: string;
  is_working_day: boolean;
  reason: string;
  status: string;
  source: string;
  updated_at: Generated<Date>;
  updated_by: string;
}

/** One row: the calendar's revision, bumped by every change; deadlines record the revision they used. */
export interface CalendarRevisionTable {
  id: ColumnType<1, 1, never>;
  revision: number;
  changed_at: Generated<Date>;
}
