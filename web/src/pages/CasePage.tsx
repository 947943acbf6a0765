/**
 * A case: its facts, the steps open now (each with its deadline and explanation, the actions the
 * user may take and the form from the procedure definition), what was done so far (who, when,
 * what was recorded, evidence), related cases, notes and the audit log. Live events refresh it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Countdown, DeadlineDetails, dueDateOf } from '../components/Deadline.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { EvidenceList } from '../components/Evidence.js';
import { canResolveEscalation, ResolveEscalationForm } from '../components/ResolveEscalation.js';
import { AssignCase } from '../components/AssignCase.js';
import { CaseDocuments } from '../components/CaseDocuments.js';
import { PublicTip } from '../components/PublicTip.js';
import { StepActions } from '../components/StepActions.js';
import { StepForm } from '../components/StepForm.js';
import { tx } from '../i18n.js';
import { api, ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatDateTime, formatIsoDate, formatMoney } from '../lib/format.js';
import { useCaseDetail, useCaseProcedure, useGet, useLegalParams, useNow, useStaff, useStepPrefills, useTitle, useWorkingDays } from '../lib/hooks.js';
import { useLiveEvents } from '../lib/live-events.js';
import { amountInWords } from '../../../domain/money-words.js';
import { useUser } from '../lib/session.js';
import { useAction } from '../lib/use-action.js';
import type { TAuditEvent, TCase, TCaseDetail, TCaseEscalation, TColleague, TField, TFileRef, TProcedure, TStep } from '../lib/contract/types.js';
import { deadlinesAhead } from '../../../domain/deadlines-ahead.js';
import { plainLegalBasis } from '../../../domain/source-doubts.js';

function useName(): (id: string | undefined) => string {
  const staff = useStaff();
  const { t } = useTranslation();
  return (id) => (!id ? '' : id === 'system' ? t('roles.SYSTEM') : (staff?.get(id)?.displayName ?? id));
}

export function CasePage() {
  const caseId = (useParams()['*'] ?? '').replace(/\/+$/, '');
  // One page per case: going from a case to its sub-case (same route) starts afresh, so what was said,
  // typed or opened about one case (the status line, a note, the audit log) never shows on the other.
  return <CaseView key={caseId} caseId={caseId} />;
}

function CaseView({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const staff = useStaff();
  const name = useName();
  const c = useCaseDetail(caseId);
  const p = useCaseProcedure(caseId);
  // Its papers, issued and to come (docs/documents.md): read once the case is (a case not there yet has none), again after every action.
  const papers = useGet('/api/v1/cases/{caseId}/documents', c.data ? { path: { caseId } } : null);
  const [status, setStatus] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  const [auditVersion, setAuditVersion] = useState(0);
  const reloadCase = c.reload;
  const reloadProcedure = p.reload;
  const reloadPapers = papers.reload;
  const procedureMissing = !!p.error;

  const refresh = useCallback(() => {
    reloadCase();
    // A completed step may have issued a paper: the list reads it (the case's own event would too, a moment later).
    reloadPapers();
    if (procedureMissing) reloadProcedure();
    setAuditVersion((v) => v + 1);
  }, [reloadCase, reloadPapers, reloadProcedure, procedureMissing]);
  // The case and its procedure are fetched again by the invalidation; the audit log is read apart.
  useLiveEvents({ onCase: (e) => e.caseId === caseId && setAuditVersion((v) => v + 1) });

  // After an action the form it came from may be gone: the focus goes to the line that says what happened.
  const done = (message: string): void => {
    setStatus(message);
    statusLine.current?.focus();
    refresh();
  };

  const file = c.data?.case;
  const def = p.data?.procedure;
  useTitle(file?.title ?? caseId);
  // What the case already knows for the open steps' forms (docs/adr/0116). The page first shows once
  // they are in, like the case and its procedure: nothing jumps when they arrive.
  // A case a public tip started: its first step starts from the tip (docs/adr/0130).
  const withDefaults = (file?.snapshot.open ?? [])
    .filter((o) => (c.data?.publicTip && def?.start.includes(o.stepId)) || def?.steps.find((s) => s.id === o.stepId)?.form.fields.some((f) => f.prefill))
    .map((o) => o.stepId);
  const prefills = useStepPrefills(caseId, withDefaults);
  const [shownOnce, setShownOnce] = useState(false);
  // The papers too (read or failed), so that their card does not push the page down when they arrive.
  if (!shownOnce && file && def && (papers.data || papers.error) && withDefaults.every((id) => prefills.settled.has(id))) setShownOnce(true);

  if (c.error && !file) {
    return (
      <div className="page">
        <ErrorPanel error={c.error} focus={false} />
        {c.error.code === 'NOT_FOUND' && <p className="muted">{t('case.notFoundYet')}</p>}
      </div>
    );
  }
  if (!file || !def || !shownOnce) {
    return (
      <div className="page case-page" aria-busy="true">
        <div className="case-head skeleton-block" />
        <div className="case-layout">
          <div className="current-steps card skeleton-block tall" />
          <aside className="case-side">
            <div className="card skeleton-block" />
          </aside>
        </div>
        <p className="visually-hidden">{t('app.loading')}</p>
      </div>
    );
  }

  const stepOf = (id: string): TStep | undefined => def.steps.find((s) => s.id === id);
  const open = file.snapshot.open;
  // The read model's open steps (their due dates, pauses) and escalations, as the supervisors' queue has them.
  const { tasks, escalations } = c.data!;
  const colleagues: TColleague[] = staff ? [...staff.values()] : [];

  return (
    <div className="page case-page" data-testid="case-page" data-case={file.caseId}>
      <header className="case-head">
        <p className="case-kicker">
          <span className="badge kind">{t(`kinds.${file.kind}`)}</span>
          <span className={`badge status-${file.status}`} data-testid="case-status">
            {t(`case.status.${file.status}`)}
          </span>
          {file.overdue && <span className="badge overdue">{t('case.overdue')}</span>}
        </p>
        <h1>{file.title}</h1>
        <dl className="facts">
          <div>
            <dt className="visually-hidden">ID</dt>
            <dd className="case-id">{file.caseId}</dd>
          </div>
          <div>
            <dt>{t('case.procedure')}</dt>
            <dd>
              {tx(def.title, lang)} ({t('case.version', { v: def.version })})
            </dd>
          </div>
          <div>
            <dt>{t('case.openedAt')}</dt>
            <dd>{formatDateTime(file.openedAt)}</dd>
          </div>
          {c.data?.lookupCode && (
            <div>
              <dt>{t('case.lookupCode')}</dt>
              <dd>
                <span className="lookup-code" data-testid="lookup-code">
                  {c.data.lookupCode}
                </span>
                {c.data.lookupReady === false && (
                  <span className="small muted" data-testid="lookup-not-ready">
                    {' '}
                    {t('case.lookupNotReady')}
                  </span>
                )}
              </dd>
            </div>
          )}
          {file.closedAt && (
            <div>
              <dt>{t('case.closedAt')}</dt>
              <dd>{formatDateTime(file.closedAt)}</dd>
            </div>
          )}
          <AssignCase caseFile={file} user={user} colleagues={colleagues} nameOf={name} onDone={done} />
        </dl>
      </header>
      <p className="status-line" role="status" data-testid="case-status-line" tabIndex={-1} ref={statusLine}>
        {status}
      </p>

      {/* Reading and focus order: the steps to do, deadlines and related cases, then the history. */}
      <div className="case-layout">
        <section aria-labelledby="current-steps" className="current-steps">
          <h2 id="current-steps">{t('case.currentSteps')}</h2>
          {open.length === 0 && <p className="card muted">{t('case.noOpenSteps')}</p>}
          {open.map((o) => {
            const step = stepOf(o.stepId);
            if (!step) return null;
            const paused = !!o.deadline?.pauses.some((x) => !x.to);
            return (
              <article className="card step-card" key={o.stepId} data-testid="open-step" data-step={o.stepId} aria-labelledby={`s-${o.stepId}-title`}>
                <header className="step-head">
                  <h3 id={`s-${o.stepId}-title`}>
                    <span className="step-id">{o.stepId}</span> {tx(step.title, lang)}
                  </h3>
                  <p className="small muted">
                    {t('case.stepRoles')}: {step.roles.map((r) => t(`roles.${r}`)).join(', ')} · {t('case.assignee')}:{' '}
                    <span data-testid="assignee">{o.assigneeId ? <NameOf id={o.assigneeId} /> : t('case.unassigned')}</span>
                  </p>
                  {step.legalBasis && (
                    <p className="small legal">
                      <span className="label">{t('case.stepLegalBasis')}:</span> {plainLegalBasis(step.legalBasis)}
                    </p>
                  )}
                </header>
                {o.deadline && <DeadlineDetails deadline={o.deadline} paused={paused} />}
                {o.awaitingEvent && <p className="notice">{t('deadline.awaiting', { event: tx(def.events.find((e) => e.id === o.awaitingEvent)?.title, lang) || o.awaitingEvent })}</p>}
                {step.subProcedure ? (
                  <p>
                    {t('case.runsAsCase')} {o.childCaseId ? <Link to={caseUrl(o.childCaseId)}>{o.childCaseId}</Link> : <span className="muted">{t('case.childPending')}</span>}
                  </p>
                ) : (
                  <>
                    <StepActions caseFile={file} step={step} open={o} user={user} colleagues={colleagues} onDone={done} />
                    {/* A fresh form per state of the case: what was typed for a step that changed is not kept. It starts from the step's defaults, once they are in. */}
                    {withDefaults.includes(o.stepId) && !prefills.settled.has(o.stepId) ? (
                      <p className="muted">{t('prefill.loading')}</p>
                    ) : (
                      <StepForm
                        key={`${o.stepId}:${o.openedAt}`}
                        caseFile={file}
                        open={o}
                        step={step}
                        user={user}
                        onDone={done}
                        prefill={prefills.byStep.get(o.stepId)}
                        papers={papers.data?.toCome.filter((x) => x.stepId === o.stepId)}
                      />
                    )}
                  </>
                )}
              </article>
            );
          })}
        </section>

        <aside className="case-side">
          {c.data?.publicTip && <PublicTip caseId={file.caseId} user={user} />}
          <Deadlines file={file} def={def} tasks={tasks} />
          <CaseDocuments
            caseId={file.caseId}
            def={def}
            documents={papers.data?.documents ?? []}
            toCome={papers.data?.toCome ?? []}
            notIssued={papers.data?.notIssued ?? []}
            error={papers.error}
            roles={user?.roles ?? []}
            userId={user?.id}
            caseOpen={file.status === 'OPEN'}
            reissueOpen={papers.data?.reissueOpen ?? false}
            onDone={done}
          />
          <Escalations escalations={escalations} def={def} caseId={file.caseId} caseOpen={file.status === 'OPEN'} onDone={done} />
          <Related file={file} />
        </aside>
        <Timeline file={file} def={def} />
        <Notes file={file} onDone={done} />
        <AuditLog caseId={file.caseId} def={def} version={auditVersion} />
      </div>
    </div>
  );
}

/** First letter in lower case: a title or a label inside a sentence. */
function inSentence(text: string, lang: string): string {
  return text.charAt(0).toLocaleLowerCase(lang) + text.slice(1);
}

/**
 * The deadlines running now: those of the open steps, and the hard ones already counted for a step
 * not open yet — the penalty decision's, from the date of the violation record (Art. 66(1)), while
 * the review and the explanation are still going on (domain/deadlines-ahead.ts, on the calendar
 * and the legal parameters the server counts with).
 */
function Deadlines({ file, def, tasks }: { file: TCase; def: TProcedure; tasks: TCaseDetail['tasks'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const calendar = useWorkingDays();
  const params = useLegalParams();
  const now = useNow();
  const stepOf = (id: string): TStep | undefined => def.steps.find((s) => s.id === id);
  const s = file.snapshot;
  const ahead =
    file.status === 'OPEN' && calendar && params
      ? deadlinesAhead(def, { completed: s.completed, open: s.open, legalParams: params, ...(s.facts ? { facts: s.facts } : {}) }, calendar, new Date(now).toISOString())
      : [];
  const running = tasks.filter((task) => task.dueAt);
  return (
    <section className="card deadlines" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('deadline.summaryTitle')}</h2>
      {running.length + ahead.length > 0 ? (
        <ul className="plain deadline-list">
          {ahead.map((a) => {
            const paper = stepOf(a.from.stepId)?.form.fields.find((f) => f.key === a.from.field);
            return (
              <li key={`ahead-${a.stepId}`} className="deadline-ahead" data-testid="deadline-ahead" data-step={a.stepId}>
                <span className="label">{t('deadline.ahead', { what: inSentence(tx(stepOf(a.stepId)?.title, lang) || a.stepId, lang) })}</span>
                <span className="deadline-line">
                  <strong data-testid="deadline-ahead-due">{formatIsoDate(a.deadline.due)}</strong> <Countdown dueAt={a.deadline.dueAt} />
                </span>
                <span className="small">
                  {t('deadline.aheadFrom', { amount: t(`units.${a.unit}`, { count: a.amount }), paper: inSentence(tx(paper?.label, lang) || a.from.field, lang), date: formatIsoDate(a.from.date) })}
                </span>
                <span className="small muted">{t('deadline.aheadRunning', { step: a.stepId })}</span>
                <span className="small legal">
                  <span className="label">{t('deadline.legalBasis')}:</span> {plainLegalBasis(a.legalBasis)}
                </span>
              </li>
            );
          })}
          {running.map((task) => (
            <li key={task.stepId}>
              <span>
                <span className="step-id">{task.stepId}</span> {tx(stepOf(task.stepId)?.title, lang)}
              </span>
              <span className="deadline-line">
                {formatIsoDate(dueDateOf(task.dueAt!))} <Countdown dueAt={task.dueAt} breached={task.overdue} paused={task.paused} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('deadline.noDeadlines')}</p>
      )}
    </section>
  );
}

function NameOf({ id }: { id: string }) {
  return <>{useName()(id)}</>;
}

/** A recorded value, shown as people read it: dates dd/mm/yyyy, money with words, choices by label. */
function Value({ field, value }: { field: TField | undefined; value: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (value === '[protected]') return <span className="muted">🔒</span>;
  if (!field) return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  switch (field.type) {
    case 'date':
      return <>{formatIsoDate(String(value))}</>;
    case 'money':
      return typeof value === 'number' ? (
        <>
          {formatMoney(value)} <span className="muted">({amountInWords(value)})</span>
        </>
      ) : (
        <>{String(value)}</>
      );
    case 'boolean':
      return <>{value ? t('form.yes') : t('form.no')}</>;
    case 'enum':
      return <>{tx(field.options?.find((o) => o.value === value)?.label, lang) || String(value)}</>;
    case 'file':
      return <Files files={(value as TFileRef[]) ?? []} />;
    case 'violation': {
      // The catalogue's facts recorded with the act: the bracket for this offender, never typed by hand.
      const v = value as { code?: string; descriptionVi?: string; bracketMin?: number; bracketMax?: number; limitationYears?: number } | string;
      if (typeof v !== 'object' || v === null) return <>{String(v)}</>;
      return (
        <span data-testid="violation-value">
          <strong>{v.code}</strong> {v.descriptionVi} — {t('violation.recorded', { min: formatMoney(v.bracketMin ?? 0), max: formatMoney(v.bracketMax ?? 0), years: v.limitationYears ?? 1 })}
        </span>
      );
    }
    case 'group':
      return (
        <ol className="group-values">
          {((value as Record<string, unknown>[]) ?? []).map((row, i) => (
            <li key={i}>
              {(field.fields ?? [])
                .filter((f) => row[f.key] !== undefined)
                .map((f) => (
                  <span key={f.key} className="group-value">
                    <span className="label">{tx(f.label, lang)}:</span> <Value field={f} value={row[f.key]} />
                  </span>
                ))}
            </li>
          ))}
        </ol>
      );
    default:
      return <span className="pre">{String(value)}</span>;
  }
}

function Files({ files }: { files: TFileRef[] }) {
  return <EvidenceList files={files} />;
}

function Timeline({ file, def }: { file: TCase; def: TProcedure }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = useName();
  const done = file.snapshot.completed;
  return (
    <section aria-labelledby="timeline-title" className="timeline-section">
      <h2 id="timeline-title">{t('case.timeline')}</h2>
      {done.length === 0 && <p className="card muted">{t('case.timelineEmpty')}</p>}
      <ol className="timeline" data-testid="timeline">
        {done.map((c, i) => {
          const step = def.steps.find((s) => s.id === c.stepId);
          const fields = step?.form.fields ?? [];
          const childCaseId = typeof c.data.childCaseId === 'string' ? c.data.childCaseId : undefined;
          // In the form's own order, then anything the form no longer lists; files are shown as evidence.
          const keys = [...fields.map((f) => f.key).filter((k) => k in c.data), ...Object.keys(c.data).filter((k) => !fields.some((f) => f.key === k))];
          const entries = keys.filter((k) => k !== 'childCaseId' && k !== 'childOutcome' && !fields.some((f) => f.key === k && f.type === 'file')).map((k) => [k, c.data[k]] as const);
          const evidence = c.evidence ?? [];
          return (
            <li key={`${c.stepId}-${i}`} className="card timeline-item" data-testid="timeline-item" data-step={c.stepId}>
              <header>
                <h3>
                  <span className="step-id">{c.stepId}</span> {tx(step?.title, lang) || c.stepId}
                </h3>
                <p className="outcome">
                  <span className="label">{t('case.outcome')}:</span> {tx(step?.outcomes.find((o) => o.id === c.outcome)?.title, lang) || c.outcome}
                </p>
                <p className="small muted">
                  <time dateTime={c.at}>{formatDateTime(c.at)}</time> · {name(c.by)} ({t('case.as', { role: t(`roles.${c.role}`) })})
                </p>
              </header>
              {entries.length > 0 && (
                <dl className="record">
                  {entries.map(([k, v]) => {
                    const field = fields.find((f) => f.key === k);
                    // The number of a paper the step issued: written by INS, in no form field (docs/documents.md).
                    const paperNumber = !field && step?.documents?.some((d) => d.numberField === k);
                    return (
                      <div key={k}>
                        <dt>{field ? tx(field.label, lang) : paperNumber ? t('documents.numberField') : k}</dt>
                        <dd>
                          <Value field={field} value={v} />
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              )}
              {evidence.length > 0 && (
                <div className="evidence">
                  <h4>{t('case.evidence')}</h4>
                  <Files files={evidence} />
                </div>
              )}
              {childCaseId && (
                <p>
                  <Link to={caseUrl(childCaseId)}>{childCaseId}</Link>
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Warnings, escalations and extension requests still open (the supervisors' queue for this case), each to be marked handled by whom it is for. */
function Escalations({ escalations, def, caseId, caseOpen, onDone }: { escalations: TCaseEscalation[]; def: TProcedure; caseId: string; caseOpen: boolean; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [resolving, setResolving] = useState<string>();
  const open = escalations.filter((e) => !e.resolvedAt);
  // The workflow's own reasons (the escalation ladder) in the reader's language, from the reason as data; people's reasons as written.
  const reasonText = (e: TCaseEscalation): string => {
    const p = e.reasonParams;
    switch (e.reasonCode) {
      case 'EXTENSION_REQUESTED':
        return `+${t(`units.${p.unit}`, { count: p.amount })}: ${p.text}`;
      case 'TIME_SHARE_USED':
        return t('case.reasonShare', { n: p.percent });
      case 'HOURS_AFTER_DEADLINE':
        return t('case.reasonAfter', { n: p.hours });
      case 'DEADLINE_PASSED':
        return t('case.reasonBreach');
      default:
        return e.reason;
    }
  };
  if (open.length === 0) return null;
  return (
    <section className="card escalations" aria-labelledby="escalations-title" data-testid="escalations">
      <h2 id="escalations-title">{t('case.escalations')}</h2>
      <ul className="plain">
        {open.map((e) => (
          <li key={e.id} className={`escalation ${e.kind}`} data-testid="escalation" data-escalation={e.id} data-kind={e.kind}>
            <span className="label">{t(`case.escalationKinds.${e.kind}`, { defaultValue: e.kind })}</span> {t('case.escalationTo', { role: t(`roles.${e.toRole}`, { defaultValue: e.toRole }) })}
            <span className="small muted">
              <span className="step-id">{e.stepId}</span> {tx(def.steps.find((s) => s.id === e.stepId)?.title, i18n.language)} · {formatDateTime(e.createdAt)}
            </span>
            <span className="small">{reasonText(e)}</span>
            {caseOpen && canResolveEscalation(user, e.toRole) && (
              <span className="escalation-actions">
                <button
                  type="button"
                  className={`button small ${resolving === e.id ? 'primary' : 'secondary'}`}
                  aria-expanded={resolving === e.id}
                  onClick={() => setResolving(resolving === e.id ? undefined : e.id)}
                >
                  {t('escalation.resolve')}
                </button>
              </span>
            )}
            {resolving === e.id && (
              <ResolveEscalationForm
                caseId={caseId}
                escalationId={e.id}
                onDone={(message) => {
                  setResolving(undefined);
                  onDone(message);
                }}
                onCancel={() => setResolving(undefined)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelatedCase({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation();
  const r = useGet('/api/v1/cases/{caseId}', { path: { caseId: id } });
  return (
    <li data-testid="related-case">
      <span className="small muted">{label}</span>
      <Link to={caseUrl(id)}>{r.data?.case.title ?? id}</Link>
      <span className="small muted">
        {id}
        {r.data ? ` · ${t(`case.status.${r.data.case.status}`)}` : ''}
      </span>
    </li>
  );
}

function Related({ file }: { file: TCase }) {
  const { t } = useTranslation();
  const children = new Map<string, string>();
  for (const o of file.snapshot.open) if (o.childCaseId) children.set(o.childCaseId, o.stepId);
  for (const c of file.snapshot.completed) if (typeof c.data.childCaseId === 'string') children.set(c.data.childCaseId, c.stepId);
  const parent = file.parentCaseId ?? file.snapshot.parent?.caseId;
  return (
    <section className="card" aria-labelledby="related-title">
      <h2 id="related-title">{t('case.related')}</h2>
      {!parent && children.size === 0 ? (
        <p className="muted">{t('case.noRelated')}</p>
      ) : (
        <ul className="plain related">
          {parent && <RelatedCase id={parent} label={t('case.parent')} />}
          {[...children].map(([id, stepId]) => (
            <RelatedCase key={id} id={id} label={t('case.child', { step: stepId })} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Notes({ file, onDone }: { file: TCase; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const name = useName();
  const [text, setText] = useState('');
  // One key until the note is saved: sent again after a lost answer, it is not added twice.
  const { busy, error, clearError, run } = useAction();
  async function add(): Promise<void> {
    if (!(await run((idempotencyKey) => api('POST', `${casePath(file.caseId)}/notes`, { idempotencyKey, body: { text } })))) return;
    setText('');
    onDone(t('case.noteSaved'));
  }
  return (
    <section aria-labelledby="notes-title" className="card">
      <h2 id="notes-title">{t('case.notes')}</h2>
      {file.snapshot.notes.length === 0 ? (
        <p className="muted">{t('case.noNotes')}</p>
      ) : (
        <ul className="plain notes">
          {file.snapshot.notes.map((n, i) => (
            <li key={i}>
              <p className="pre">{n.text}</p>
              <p className="small muted">
                {name(n.by)} · {formatDateTime(n.at)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {file.status === 'OPEN' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="field field-wide">
            <label htmlFor="note-text" className="field-label">
              {t('case.noteLabel')}
            </label>
            <textarea id="note-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          {error && <ErrorPanel error={error} onDismiss={clearError} />}
          <button type="submit" className="button secondary" disabled={busy || !text.trim()}>
            {t('case.noteSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}

function AuditLog({ caseId, def, version }: { caseId: string; def: TProcedure; version: number }) {
  const { t, i18n } = useTranslation();
  const name = useName();
  const [opened, setOpened] = useState(false);
  const [events, setEvents] = useState<TAuditEvent[]>();
  const [error, setError] = useState<ApiError>();
  const seen = useRef(-1);
  useEffect(() => {
    if (!opened || seen.current === version) return;
    seen.current = version;
    api<{ events: TAuditEvent[] }>('GET', `${casePath(caseId)}/audit`)
      .then((r) => setEvents(r.events))
      .catch((err: unknown) => setError(err instanceof ApiError ? err : undefined));
  }, [opened, version, caseId]);
  return (
    <details className="card audit" onToggle={(e) => setOpened((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t('case.audit')}</h2>
      </summary>
      {error && <ErrorPanel error={error} focus={false} />}
      {events && (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.seq')}</th>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.who')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.step')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{formatDateTime(e.at)}</td>
                  <td>
                    {name(e.actorId)} <span className="muted small">({t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })})</span>
                  </td>
                  <td title={e.hash}>{t(`audit.${e.action}`, { defaultValue: e.action })}</td>
                  <td>{e.stepId ? `${e.stepId} ${tx(def.steps.find((s) => s.id === e.stepId)?.title, i18n.language)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
