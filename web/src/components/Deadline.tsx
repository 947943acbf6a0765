/** Deadlines: a countdown in working days, and the full explanation of how a due date was counted. */
import { useTranslation } from 'react-i18next';
import type { WorkingCalendar } from '../../../domain/calendar.js';
import { formatDateTime, formatIsoDate, skippedDaysText, todayInVietnam } from '../lib/format.js';
import { useNow, useWorkingDays } from '../lib/hooks.js';
import type { TDeadline } from '../lib/contract/types.js';
import { urgencyOf, type TUrgency } from '../lib/working-days.js';
import { plainLegalBasis } from '../../../domain/source-doubts.js';

/** The Vietnamese date a deadline instant belongs to (24:00 ends the day before it). */
export function dueDateOf(dueAt: string): string {
  return todayInVietnam(new Date(Date.parse(dueAt) - 1));
}

/** Working days left (negative: overdue) and how urgent, on the calendar of state agencies. */
export function countdownOf(calendar: WorkingCalendar, dueAt: string, breached: boolean, now: number): { left: number; urgency: TUrgency } {
  const passed = now > Date.parse(dueAt);
  const left = calendar.workingDaysBetween(todayInVietnam(new Date(now)), dueDateOf(dueAt));
  // Past 24:00 of the due day but still "0 days": it is overdue all the same.
  return { left, urgency: urgencyOf(passed && left >= 0 ? -1 : left, breached || passed) };
}

export function useCountdown(dueAt: string | null | undefined, breached: boolean): { left?: number; urgency?: TUrgency } {
  const calendar = useWorkingDays();
  const now = useNow();
  if (!dueAt || !calendar) return {};
  return countdownOf(calendar, dueAt, breached, now);
}

/** Calendar days from `today` to `due` (both yyyy-mm-dd in Vietnam): negative once it has passed. */
export function calendarDaysLeft(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * "3 working days left" / "Due today" / "Overdue by 2 working days", coloured by urgency (always
 * judged in working days, as the inbox sorts). `calendarDays`: a period the law counts in calendar
 * days or months (the 10 days to pay, Art. 73) says its days as such: "8 days left".
 */
export function Countdown({ dueAt, breached = false, paused = false, calendarDays = false }: { dueAt: string | null | undefined; breached?: boolean; paused?: boolean; calendarDays?: boolean }) {
  const { t } = useTranslation();
  const { left: workingLeft, urgency } = useCountdown(dueAt, breached);
  const left = calendarDays && dueAt && workingLeft !== undefined ? calendarDaysLeft(todayInVietnam(), dueDateOf(dueAt)) : workingLeft;
  if (!dueAt) return <span className="countdown none">{t('deadline.none')}</span>;
  if (paused)
    return (
      <span className="countdown paused" data-urgency="paused">
        {t('deadline.paused')}
      </span>
    );
  if (left === undefined || urgency === undefined)
    return (
      <span className="countdown loading" aria-hidden="true">
        &nbsp;
      </span>
    );
  const text =
    urgency === 'overdue'
      ? left < 0
        ? t(calendarDays ? 'deadline.overdueDays' : 'deadline.overdue', { count: -left })
        : t('deadline.overdueToday')
      : left === 0
        ? t('deadline.dueToday')
        : t(calendarDays ? 'deadline.leftDays' : 'deadline.left', { count: left });
  return (
    <span className={`countdown ${urgency}`} data-urgency={urgency}>
      {text}
    </span>
  );
}

/** One deadline with its due date, countdown, legal basis and how it was counted. */
export function DeadlineDetails({ deadline, paused }: { deadline: TDeadline; paused: boolean }) {
  const { t, i18n } = useTranslation();
  const base = deadline.explanation.base;
  const provisional = deadline.explanation.provisional ?? base.provisional;
  const isHours = deadline.unit === 'hours';
  const due = isHours ? formatDateTime(deadline.dueAt) : t('deadline.dueAt', { date: formatIsoDate(deadline.due) });
  const amount = t(`units.${deadline.unit}`, { count: deadline.amount });
  return (
    <div className="deadline" data-testid="deadline">
      <div className="deadline-head">
        <span>
          {t('deadline.due')}: <strong>{due}</strong>
        </span>
        <Countdown dueAt={deadline.dueAt} breached={deadline.breached} paused={paused} calendarDays={deadline.unit !== 'working_days' && deadline.unit !== 'hours'} />
      </div>
      <p className="muted small">
        {deadline.hard ? t('deadline.hard') : t('deadline.soft')}
        {deadline.binds === 'PARTY' && <> · {t('deadline.party')}</>}
      </p>
      {provisional && (
        <p className="notice small" data-testid="deadline-provisional">
          <strong>{t('deadline.provisional')}</strong>{' '}
          {[
            provisional.days.length
              ? t(provisional.treatedAs === 'WORKING' ? 'deadline.provisionalAgency' : 'deadline.provisionalParty', { days: provisional.days.map((d) => formatIsoDate(d.date)).join(', ') })
              : '',
            provisional.years?.length ? t('deadline.provisionalYears', { years: provisional.years.join(', ') }) : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}
      {deadline.explanation.capped && (
        <p className="small" data-testid="deadline-capped">
          {t('deadline.capped', {
            date: formatIsoDate(deadline.explanation.capped.capDue),
            own: formatIsoDate(deadline.explanation.capped.uncappedDue),
            basis: plainLegalBasis(deadline.explanation.capped.legalBasis),
          })}
        </p>
      )}
      <details className="explanation" open>
        <summary>{t('deadline.explanation')}</summary>
        {i18n.language === 'vi' ? (
          <p>{deadline.explanation.summaryVi}</p>
        ) : (
          <p>
            {isHours || !base.countFrom || !base.anchorDate
              ? `${amount} → ${formatDateTime(deadline.dueAt)}`
              : t('deadline.rule', { amount, from: formatIsoDate(base.countFrom), anchor: formatIsoDate(base.anchorDate) })}
          </p>
        )}
        {!!base.skipped?.length && <p className="small">{t('deadline.skipped', { days: skippedDaysText(base.skipped, (n) => t(`admin:weekdays.${n}`)) })}</p>}
        {deadline.explanation.extensions.length > 0 && (
          <p className="small">
            {t('deadline.extensions')}:{' '}
            {deadline.explanation.extensions
              .map((e) => t('deadline.extension', { amount: t(`units.${e.unit}`, { count: e.amount }), date: isHours ? formatDateTime(e.dueAfter) : formatIsoDate(e.dueAfter) }))
              .join('; ')}
          </p>
        )}
        {deadline.pauses.length > 0 && (
          <p className="small">
            {t('deadline.pauses')}:{' '}
            {deadline.pauses
              .map((p) =>
                p.to
                  ? t('deadline.pause', { from: formatDateTime(p.from), to: formatDateTime(p.to), days: deadline.explanation.pauses.find((x) => x.from === p.from)?.daysAdded ?? 0 })
                  : t('deadline.pauseOpen', { from: formatDateTime(p.from) }),
              )
              .join('; ')}
          </p>
        )}
      </details>
      <p className="small legal">
        <span className="label">{t('deadline.legalBasis')}:</span> {plainLegalBasis(deadline.legalBasis)}
      </p>
    </div>
  );
}
