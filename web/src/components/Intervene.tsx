/**
 * A supervisor stepping in on an open step from the queue or the live feed, without leaving the
 * console: instruct (a note on the case), reassign, extend the deadline, stop or restart the clock —
 * whatever the procedure lets the supervisor's roles do (the step's own actions, components/StepActions),
 * the server deciding and its refusal shown here.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tx } from '../i18n.js';
import { api, casePath, caseUrl } from '../lib/api.js';
import { formatIsoDate } from '../lib/format.js';
import { useCaseDetail, useCaseProcedure, useStaff } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import { Countdown, dueDateOf } from './Deadline.js';
import { ErrorPanel } from './ErrorPanel.js';
import { StepActions } from './StepActions.js';
import { useAction } from '../lib/use-action.js';

export function Intervene({ caseId, stepId, version, onDone }: { caseId: string; stepId: string | null; version: number; onDone: () => void }) {
  const { t, i18n } = useTranslation('supervisor');
  const { t: tc } = useTranslation();
  const user = useUser();
  const staff = useStaff();
  const c = useCaseDetail(caseId);
  const p = useCaseProcedure(caseId);
  const [chosen, setChosen] = useState(stepId);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  // One key until the instruction is saved: sent again after a lost answer, it is not added twice.
  const { busy, error, clearError, run } = useAction();
  const statusLine = useRef<HTMLParagraphElement>(null);
  const ids = useId();
  const reload = c.reload;

  // The case moved on (an event for it arrived): show it as it is now.
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);

  const done = (message: string): void => {
    setStatus(message);
    statusLine.current?.focus();
    reload();
    onDone();
  };

  async function instruct(): Promise<void> {
    if (!(await run((idempotencyKey) => api('POST', `${casePath(caseId)}/notes`, { idempotencyKey, body: { text: note.trim() } })))) return;
    setNote('');
    done(t('intervene.instructed'));
  }

  const file = c.data?.case;
  const def = p.data?.procedure;
  if ((c.error && !file) || (p.error && !def)) return <ErrorPanel error={(c.error ?? p.error)!} focus={false} />;
  if (!file || !def) {
    return (
      <div className="intervene skeleton-block" aria-busy="true">
        <span className="visually-hidden">{tc('app.loading')}</span>
      </div>
    );
  }
  const open = file.snapshot.open.filter((o) => def.steps.some((s) => s.id === o.stepId && !s.subProcedure));
  const o = open.find((x) => x.stepId === chosen) ?? open[0];
  const step = o && def.steps.find((s) => s.id === o.stepId);
  const colleagues = staff ? [...staff.values()] : [];

  return (
    <section className="intervene" aria-label={t('intervene.title', { title: file.title })} data-testid="intervene">
      <p className="status-line" role="status" tabIndex={-1} ref={statusLine} data-testid="intervene-status">
        {status}
      </p>
      {!o || !step ? (
        <p className="muted">{file.status === 'CLOSED' ? t('intervene.closed') : t('intervene.noOpenStep')}</p>
      ) : (
        <>
          {open.length > 1 && (
            <div className="field inline">
              <label htmlFor={`${ids}-step`} className="field-label">
                {t('intervene.step')}
              </label>
              <select id={`${ids}-step`} value={o.stepId} onChange={(e) => setChosen(e.target.value)}>
                {open.map((x) => (
                  <option key={x.stepId} value={x.stepId}>
                    {x.stepId} {tx(def.steps.find((s) => s.id === x.stepId)?.title, i18n.language)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p className="intervene-step">
            <span>
              <span className="step-id">{o.stepId}</span> {tx(step.title, i18n.language)}
            </span>
            {o.deadline && (
              <span className="deadline-line" data-testid="intervene-deadline">
                {tc('deadline.due')}: {formatIsoDate(dueDateOf(o.deadline.dueAt))} <Countdown dueAt={o.deadline.dueAt} breached={o.deadline.breached} paused={o.deadline.pauses.some((x) => !x.to)} />
              </span>
            )}
            <span className="small muted">
              {tc('case.assignee')}: {o.assigneeId ? (staff?.get(o.assigneeId)?.displayName ?? o.assigneeId) : tc('case.unassigned')}
            </span>
          </p>
          {/* A fresh set of actions per state of the step: an open form is not kept across a change. */}
          <StepActions key={`${o.stepId}:${o.openedAt}:${o.deadline?.dueAt ?? ''}`} caseFile={file} step={step} open={o} user={user} colleagues={colleagues} onDone={done} />
        </>
      )}
      {file.status === 'OPEN' && (
        <form
          className="instruct"
          onSubmit={(e) => {
            e.preventDefault();
            void instruct();
          }}
        >
          <div className="field field-wide">
            <label htmlFor={`${ids}-note`} className="field-label">
              {t('intervene.instructLabel')}
            </label>
            <textarea id={`${ids}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('intervene.instructPlaceholder')} />
          </div>
          {error && <ErrorPanel error={error} onDismiss={clearError} />}
          <div className="form-actions">
            <button type="submit" className="button secondary" disabled={busy || !note.trim()}>
              {t('intervene.instruct')}
            </button>
            <Link to={caseUrl(caseId)} className="button subtle">
              {t('intervene.openCase')}
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
