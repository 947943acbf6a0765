/**
 * The team-load view of the supervisor console: every open step of the cases one supervises (all
 * roles, not only one's own), counted per team and per officer — open, overdue and due soon on the
 * working-day calendar, unassigned, clock stopped — with each officer's tasks a click away, so work
 * can be moved from the overloaded to the free.
 */
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countdown, countdownOf, dueDateOf } from '../components/Deadline.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { caseUrl } from '../lib/api.js';
import { formatIsoDate } from '../lib/format.js';
import { useGet, useNow, useProcedureDefs, useStaff, useTitle, useWorkingDays } from '../lib/hooks.js';
import { stepTitleIn } from '../i18n.js';
import { useLiveEvents } from '../lib/live-events.js';
import { isUnitWide } from '../../../domain/roles.js';
import { useUser } from '../lib/session.js';
import type { TWorkTask } from '../lib/supervision.js';
import type { TColleague } from '../lib/contract/types.js';
import { ConsoleNav } from './SupervisorPage.js';
import '../supervisor.css';

interface TCounts {
  open: number;
  overdue: number;
  soon: number;
  unassigned: number;
  paused: number;
}

const zero = (): TCounts => ({ open: 0, overdue: 0, soon: 0, unassigned: 0, paused: 0 });

/** Officers who carry field work (assignable to steps). */
const WORKERS = ['INSPECTOR', 'TEAM_LEAD'];

export function TeamLoadPage() {
  const { t, i18n } = useTranslation('supervisor');
  const { t: tc } = useTranslation();
  useTitle(t('load.title'));
  const user = useUser();
  const unitWide = isUnitWide(user);
  const work = useGet('/api/v1/supervision/workload');
  const teams = useGet('/api/v1/teams');
  const staff = useStaff();
  const calendar = useWorkingDays();
  const now = useNow();
  const defs = useProcedureDefs((work.data?.tasks ?? []).map((x) => `${x.procedureId}@${x.procedureVersion}`));
  useLiveEvents();

  const [opened, setOpened] = useState(new Set<string>());
  const toggle = (id: string): void =>
    setOpened((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const tasks = work.data?.tasks;
  const urgency = (x: TWorkTask) => (!x.dueAt || x.paused || !calendar ? 'ok' : countdownOf(calendar, x.dueAt, x.overdue, now).urgency);

  const view = useMemo(() => {
    if (!tasks) return undefined;
    const add = (c: TCounts, x: TWorkTask, u: string): void => {
      c.open++;
      if (u === 'overdue') c.overdue++;
      if (u === 'soon') c.soon++;
      if (!x.assigneeId) c.unassigned++;
      if (x.paused) c.paused++;
    };
    const total = zero();
    const byTeam = new Map<string, { counts: TCounts; people: Map<string, { counts: TCounts; tasks: TWorkTask[] }> }>();
    const teamOf = (id: string) => {
      let e = byTeam.get(id);
      if (!e) byTeam.set(id, (e = { counts: zero(), people: new Map() }));
      return e;
    };
    // The teams one supervises, each with its officers, even those with nothing open (they can take work).
    const teamIds = new Set(tasks.map((x) => x.teamId));
    if (user.teamId) teamIds.add(user.teamId);
    // Unit-wide roles see every team of the unit, the idle ones too.
    if (unitWide) for (const x of teams.data?.teams ?? []) teamIds.add(x.id);
    for (const id of teamIds) {
      const team = teamOf(id);
      for (const c of staff?.values() ?? []) if (c.active && c.teamId === id && c.roles.some((r) => WORKERS.includes(r))) team.people.set(c.id, { counts: zero(), tasks: [] });
    }
    for (const x of tasks) {
      const u = urgency(x);
      add(total, x, u);
      const team = teamOf(x.teamId);
      add(team.counts, x, u);
      if (x.assigneeId) {
        let p = team.people.get(x.assigneeId);
        if (!p) team.people.set(x.assigneeId, (p = { counts: zero(), tasks: [] }));
        add(p.counts, x, u);
        p.tasks.push(x);
      }
    }
    return { total, teams: [...byTeam.entries()].sort(([a], [b]) => a.localeCompare(b)) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- urgency reads the calendar and the time listed here
  }, [tasks, staff, calendar, now, user.teamId, unitWide, teams.data]);

  const teamName = (id: string): string => teams.data?.teams.find((x) => x.id === id)?.name ?? id;
  const person = (id: string): TColleague | undefined => staff?.get(id);
  const most = Math.max(1, ...(view?.teams.flatMap(([, team]) => [...team.people.values()].map((p) => p.counts.open)) ?? [1]));
  const stepTitle = (x: TWorkTask): string => stepTitleIn(defs, x.procedureId, x.procedureVersion, x.stepId, i18n.language) || x.stepTitle;

  return (
    <div className="page console-page load-page">
      <div className="page-head">
        <h1>{t('load.title')}</h1>
        <ConsoleNav />
      </div>
      <dl className="counters load-totals" aria-live="polite">
        {(['open', 'overdue', 'soon', 'unassigned', 'paused'] as const).map((k) => (
          <div key={k} className={k}>
            <dt>{t(`load.columns.${k}`)}</dt>
            <dd data-testid={`total-${k}`}>{view && calendar ? view.total[k] : '–'}</dd>
          </div>
        ))}
      </dl>
      {work.error && !tasks && <ErrorPanel error={work.error} focus={false} />}
      {work.data?.truncated && <p className="notice">{t('load.truncated')}</p>}
      {!view && <div className="card skeleton-block tall" aria-busy="true" />}
      {view && view.teams.length === 0 && <p className="card muted">{t('load.empty')}</p>}
      {view?.teams.map(([teamId, team]) => (
        <section key={teamId} className="card load-team" aria-labelledby={`team-${teamId}`} data-testid="load-team" data-team={teamId}>
          <h2 id={`team-${teamId}`}>{teamName(teamId)}</h2>
          <div className="table-scroll">
            <table className="load-table">
              <caption className="visually-hidden">{t('load.caption', { team: teamName(teamId) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('load.columns.officer')}</th>
                  <th scope="col" className="num">
                    {t('load.columns.open')}
                  </th>
                  <th scope="col" className="num">
                    {t('load.columns.overdue')}
                  </th>
                  <th scope="col" className="num">
                    {t('load.columns.soon')}
                  </th>
                  <th scope="col" className="bar-col">
                    <span className="visually-hidden">{t('load.columns.bar')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...team.people.entries()]
                  .sort(([, a], [, b]) => b.counts.open - a.counts.open || b.counts.overdue - a.counts.overdue)
                  .map(([id, p]) => {
                    const shown = opened.has(id) && p.tasks.length > 0;
                    return (
                      <Fragment key={id}>
                        <tr data-testid="load-person" data-user={id}>
                          <th scope="row">
                            {p.tasks.length > 0 ? (
                              <button type="button" className="load-toggle" aria-expanded={shown} aria-controls={`tasks-${id}`} onClick={() => toggle(id)}>
                                <span className="load-caret" aria-hidden="true">
                                  {shown ? '▾' : '▸'}
                                </span>
                                <span className="load-name">{person(id)?.displayName ?? id}</span>
                              </button>
                            ) : (
                              <span className="load-name idle">{person(id)?.displayName ?? id}</span>
                            )}
                            <span className="load-roles small muted">{(person(id)?.roles ?? []).map((r) => tc(`roles.${r}`)).join(', ')}</span>
                          </th>
                          <td className="num" data-testid="person-open">
                            {p.counts.open}
                          </td>
                          <td className={`num${p.counts.overdue ? ' has-overdue' : ''}`} data-testid="person-overdue">
                            {p.counts.overdue}
                          </td>
                          <td className={`num${p.counts.soon ? ' has-soon' : ''}`}>{p.counts.soon}</td>
                          <td className="bar-col" aria-hidden="true">
                            <span className="load-bar">
                              <span className="load-bar-overdue" style={{ width: `${(p.counts.overdue / most) * 100}%` }} />
                              <span className="load-bar-rest" style={{ width: `${((p.counts.open - p.counts.overdue) / most) * 100}%` }} />
                            </span>
                          </td>
                        </tr>
                        {shown && (
                          <tr className="load-tasks-row" id={`tasks-${id}`}>
                            <td colSpan={5}>
                              <ul className="plain load-tasks" aria-label={t('load.tasksOf', { name: person(id)?.displayName ?? id })}>
                                {p.tasks.map((x) => (
                                  <li key={`${x.caseId}#${x.stepId}`}>
                                    <span className="load-task-case">
                                      <Link to={caseUrl(x.caseId)}>{x.caseTitle}</Link>
                                      <span className="case-id">{x.caseId}</span>
                                    </span>
                                    <span className="small">
                                      <span className="step-id">{x.stepId}</span> {stepTitle(x)}
                                    </span>
                                    <span className="deadline-line">
                                      <Countdown dueAt={x.dueAt} breached={x.overdue} paused={x.paused} />
                                      {x.dueAt && <span className="small muted">{formatIsoDate(dueDateOf(x.dueAt))}</span>}
                                    </span>
                                  </li>
                                ))}
                              </ul>
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
              </tbody>
              <tfoot>
                <tr data-testid="team-total">
                  <th scope="row">
                    {t('load.teamTotal')}
                    <span className="small muted"> · {t('load.unassignedPaused', { unassigned: team.counts.unassigned, paused: team.counts.paused })}</span>
                  </th>
                  <td className="num" data-testid="team-open">
                    {team.counts.open}
                  </td>
                  <td className={`num${team.counts.overdue ? ' has-overdue' : ''}`} data-testid="team-overdue">
                    {team.counts.overdue}
                  </td>
                  <td className="num">{team.counts.soon}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
