/** Pieces shared by the scheduler pages: badges, the cadence in words, progress counters, a run's plan. */
import { riskReasonOf } from '../../../domain/risk-reasons.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tx } from '../i18n.js';
import { dayOffText, formatIsoDate, formatMoney } from '../lib/format.js';
import { useProcedureDefs } from '../lib/hooks.js';
import type { TColleague, TTeam } from '../lib/contract/types.js';
import { findingText, WEEK_DAYS } from './model.js';
import type { TCadence, TFinding, TRunPlan, TRunStatus, TTotals, TVersionStatus } from '../lib/contract/types.js';

export function VersionBadge({ status }: { status: TVersionStatus }) {
  const { t } = useTranslation('campaigns');
  return <span className={`badge cv-${status}`}>{t(`versionStatus.${status}`)}</span>;
}

export function RunBadge({ status }: { status: TRunStatus }) {
  const { t } = useTranslation('campaigns');
  return (
    <span className={`badge run-${status}`} data-testid="run-status" data-status={status}>
      {t(`runStatus.${status}`)}
    </span>
  );
}

/** "Thứ Hai hằng tuần, 08:00" / "mỗi 2 giờ": when the runs are due. */
export function useCadenceText(): (c: TCadence) => string {
  const { t } = useTranslation('campaigns');
  return (c) => {
    if (c.kind === 'INTERVAL') return t('cadence.every', { count: c.every.amount, unit: t(`cadence.units.${c.every.unit}`, { count: c.every.amount }) });
    const parts: string[] = [];
    if (c.daysOfWeek.length)
      parts.push(
        WEEK_DAYS.filter((d) => c.daysOfWeek.includes(d))
          .map((d) => t(`weekDays.${d}`))
          .join(', '),
      );
    if (c.daysOfMonth.length) parts.push(t('cadence.daysOfMonth', { days: c.daysOfMonth.join(', ') }));
    if (c.months.length) parts.push(t('cadence.months', { months: c.months.join(', ') }));
    if (!parts.length) parts.push(t('cadence.daily'));
    else if (!c.months.length && !c.daysOfMonth.length) parts.push(t('cadence.weekly'));
    return `${parts.join(' · ')}, ${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
  };
}

/** Planned, started, done, violations, overdue, fines: the progress of a campaign or a run. */
export function TotalsView({ totals, testId }: { totals: TTotals | undefined; testId?: string }) {
  const { t } = useTranslation('campaigns');
  // While the figures load, their places are there (a dash each), so that what follows does not move when they arrive.
  const n = (v: number | undefined): string => (v === undefined ? '–' : String(v));
  const items: [string, string, string | undefined][] = [
    ['planned', n(totals?.planned), undefined],
    ['started', n(totals?.started), undefined],
    ['done', n(totals?.done), undefined],
    ['violations', n(totals?.violations), totals?.violations ? 'soon' : undefined],
    ['overdue', n(totals?.overdue), totals?.overdue ? 'overdue' : undefined],
    ...(totals?.abandoned ? [['abandoned', String(totals.abandoned), 'soon'] as [string, string, string]] : []),
    ['fineDecided', totals ? formatMoney(totals.fineDecided) : '–', undefined],
    ['finePaid', totals ? formatMoney(totals.finePaid) : '–', undefined],
  ];
  return (
    <dl className="counters campaign-totals" data-testid={testId} aria-busy={!totals}>
      {items.map(([key, value, cls]) => (
        <div key={key} className={cls} data-total={key}>
          <dt>{t(`totals.${key}`)}</dt>
          <dd className={key.startsWith('fine') ? 'money' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Findings({ findings, businessName }: { findings: TFinding[]; businessName: (id: string) => string | undefined }) {
  const { t } = useTranslation('campaigns');
  const findingWords = (f: TFinding): string => {
    const text = findingText(f);
    return text ? t(text.key, text.params) : f.message;
  };
  if (!findings.length) return <p className="muted">{t('plan.noFindings')}</p>;
  return (
    <ul className="plain findings" data-testid="findings">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding-${f.severity}`} data-testid="finding" data-code={f.code} data-severity={f.severity}>
          <span className={`badge sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span> <strong>{t(`findingCodes.${f.code}`)}</strong>
          {f.businessId && <> — {businessName(f.businessId) ?? f.businessId}</>}
          <span className="finding-message">{findingWords(f)}</span>
        </li>
      ))}
    </ul>
  );
}

/** How many of the businesses left out are listed (a unit has thousands; the rest are counted). */
const EXCLUDED_SHOWN = 200;

/**
 * A run's plan: the businesses chosen in rank order with their score and reasons, the team and
 * inspector each goes to, what was left out and why, and the guardrail findings.
 */
export function PlanView({ plan, staff, teams, headingLevel = 3 }: { plan: TRunPlan; staff?: Map<string, TColleague>; teams?: TTeam[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('campaigns');
  // The plan stores each reason as its Vietnamese sentence: said in the reader's language where its form is known.
  const reasonText = (text: string): string => {
    const r = riskReasonOf(text);
    return r.code === 'TEXT' ? r.text : t(`plan.reason.${r.code}`, r);
  };
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const byBusiness = new Map(plan.assignments.map((a) => [a.businessId, a]));
  const names = new Map([...plan.excluded.filter((x) => x.name).map((x) => [x.businessId, x.name!] as const), ...plan.selected.map((s) => [s.businessId, s.name] as const)]);
  const teamName = (id: string): string => teams?.find((x) => x.id === id)?.name ?? id;
  return (
    <div className="plan-view" data-testid="plan">
      <p className="plan-dates">
        {t('plan.due', { date: formatIsoDate(plan.dueDate) })}
        {plan.movedBecause ? (
          <span className="badge moved" data-testid="moved-because">
            {t('plan.moved', { date: formatIsoDate(plan.runDate), why: dayOffText(plan.dueDate, plan.movedBecause, (n) => t(`admin:weekdays.${n}`)) })}
          </span>
        ) : (
          <> · {t('plan.runsOn', { date: formatIsoDate(plan.runDate) })}</>
        )}
      </p>
      {!plan.canStart && (
        <p className="notice" data-testid="plan-blocked">
          {t('plan.blocked')}
        </p>
      )}
      <H>{t('plan.findings')}</H>
      <Findings findings={plan.findings} businessName={(id) => names.get(id)} />
      <H>{t('plan.targets', { count: plan.selected.length })}</H>
      <div className="table-scroll">
        <table className="data-table plan-targets" data-testid="plan-targets">
          <caption className="visually-hidden">{t('plan.targetsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.rank')}</th>
              <th scope="col">{t('plan.business')}</th>
              <th scope="col">{t('plan.score')}</th>
              <th scope="col">{t('plan.reasons')}</th>
              <th scope="col">{t('plan.assignedTo')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.selected.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('plan.noTargets')}
                </td>
              </tr>
            )}
            {plan.selected.map((s) => {
              const a = byBusiness.get(s.businessId);
              return (
                <tr key={s.businessId} data-testid="plan-target" data-business={s.businessId}>
                  <td>{s.rank}</td>
                  <td>
                    <Link to={`/registry/businesses/${encodeURIComponent(s.businessId)}`} className="case-title">
                      {s.name}
                    </Link>
                    <span className="case-id">{s.taxCode}</span>
                  </td>
                  <td className="num">{s.score}</td>
                  <td>
                    {s.reasons.length ? (
                      <ul className="plain reasons">
                        {s.reasons.map((r) => (
                          <li key={r}>{reasonText(r)}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t('plan.noReasons')}</span>
                    )}
                  </td>
                  <td data-testid="assignment">
                    {a ? (
                      <>
                        {teamName(a.teamId)}
                        <span className="case-id">{staff?.get(a.assigneeId)?.displayName ?? a.assigneeId}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {plan.excluded.length > 0 && (
        <details className="excluded" data-testid="plan-excluded">
          <summary>{t('plan.excluded', { count: plan.excluded.length })}</summary>
          <ul className="plain excluded-list">
            {plan.excluded.slice(0, EXCLUDED_SHOWN).map((x) => (
              <li key={x.businessId} data-testid="excluded" data-business={x.businessId}>
                <Link to={`/registry/businesses/${encodeURIComponent(x.businessId)}`}>{x.name ?? x.businessId}</Link>
                {x.taxCode && <span className="muted"> ({x.taxCode})</span>}: {x.reason}
              </li>
            ))}
          </ul>
          {plan.excluded.length > EXCLUDED_SHOWN && <p className="muted">{t('plan.excludedMore', { count: plan.excluded.length - EXCLUDED_SHOWN })}</p>}
        </details>
      )}
    </div>
  );
}

/** The procedure a campaign opens, by its name and version (never its id, `ins-inspection@1`). */
export function useProcedureName(procedure: { id: string; version: number }): string {
  const { t, i18n } = useTranslation();
  const def = useProcedureDefs([`${procedure.id}@${procedure.version}`]).get(`${procedure.id}@${procedure.version}`);
  const version = t('case.version', { v: procedure.version });
  return def ? `${tx(def.title, i18n.language)} (${version})` : version;
}
