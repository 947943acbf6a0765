/**
 * The day a campaign run happens (domain/campaign.ts `planRun`), on its own so that the campaign
 * page can judge "run now" by the same rule (web/src/campaigns/model.ts `runNowOutsideWindow`)
 * without the rest of the campaign rules.
 */
import type { TIsoDate, WorkingCalendar } from './calendar.js';
import type { TCampaignDefinition } from './campaign-schema.js';

/**
 * The day a run due on `dueDate` happens: the next working day when it falls on a weekend or a
 * holiday (unless the campaign says to run anyway).
 */
export function runDateFor(def: Pick<TCampaignDefinition, 'holidayPolicy'>, calendar: WorkingCalendar, dueDate: TIsoDate): { runDate: TIsoDate; movedBecause?: string } {
  if (def.holidayPolicy === 'RUN_ANYWAY' || calendar.isWorkingDay(dueDate)) return { runDate: dueDate };
  return { runDate: calendar.nextWorkingDayOnOrAfter(dueDate), movedBecause: calendar.nonWorkingReason(dueDate) };
}
