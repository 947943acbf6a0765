/**
 * What else can be done with an open step, offered only to those the procedure allows: take or give
 * back the task, assign it (team lead, director), ask for or grant an extension, record a superior's
 * written extension after the grant, stop or restart the clock, escalate. The server still decides,
 * and its refusal is shown here.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, casePath, newIdempotencyKey } from '../lib/api.js';
import { hasAnyRole, SUPERVISORS } from '../lib/session.js';
import type { TCase, TColleague, TOpenStep, TStep, TUser } from '../lib/contract/types.js';
import { readViDate } from '../lib/format.js';
import { DateInput } from './DateInput.js';
import { ErrorPanel } from './ErrorPanel.js';

type TKind = 'claim' | 'release' | 'assign' | 'requestExtension' | 'grantExtension' | 'recordApproval' | 'pause' | 'resume' | 'escalate';

function allowedActions(user: TUser, step: TStep, open: TOpenStep, caseFile: TCase): TKind[] {
  const out: TKind[] = [];
  const works = hasAnyRole(user, step.roles);
  const supervises = hasAnyRole(user, SUPERVISORS);
  if (step.subProcedure) return out;
  if (!open.assigneeId && works) out.push('claim');
  if (open.assigneeId && (open.assigneeId === user.id || supervises)) out.push('release');
  if (supervises) out.push('assign');
  const ext = step.extension;
  const d = open.deadline;
  const paused = !!d?.pauses.some((p) => !p.to);
  // A period that has ended is neither stopped nor extended (docs/adr/0208): the server refuses it,
  // so the buttons are not offered. The party's own periods may still be extended (not hard ones).
  const passed = !!d && !paused && Date.now() > Date.parse(d.dueAt);
  const extendable = !passed || (!d?.hard && d?.binds === 'PARTY');
  if (ext && d && d.extensions.length < ext.maxCount && extendable) {
    const pending = caseFile.snapshot.escalations.some((e) => e.stepId === step.id && e.kind === 'EXTENSION_REQUEST' && !e.resolvedAt);
    // Where only the issuer of a decision extends (docs/adr/0192), everyone else asks.
    const issuer = ext.grantedBy ? caseFile.snapshot.completed.findLast((c) => c.stepId === ext.grantedBy)?.by : undefined;
    const grants = hasAnyRole(user, ext.grantRoles) && (issuer === undefined || issuer === user.id);
    if (works && !pending && !grants) out.push('requestExtension');
    if (grants) out.push('grantExtension');
  }
  // A superior's extension granted without the granter's own superior's writing (docs/adr/0221) may have it recorded later (docs/adr/0224).
  if (ext?.bySuperior && d?.extensions.some((e) => e.dueBefore !== undefined && !e.approval) && hasAnyRole(user, ext.grantRoles)) out.push('recordApproval');
  if (step.pause && d && hasAnyRole(user, step.pause.roles) && (paused || !passed)) out.push(paused ? 'resume' : 'pause');
  if (works || supervises) out.push('escalate');
  return out;
}

const LABEL: Record<TKind, string> = {
  claim: 'actions.claim',
  release: 'actions.release',
  assign: 'actions.assign',
  requestExtension: 'actions.requestExtension',
  grantExtension: 'actions.grantExtension',
  recordApproval: 'actions.recordApproval',
  pause: 'actions.pause',
  resume: 'actions.resume',
  escalate: 'actions.escalate',
};

export function StepActions({
  caseFile,
  step,
  open,
  user,
  colleagues,
  onDone,
}: {
  caseFile: TCase;
  step: TStep;
  open: TOpenStep;
  user: TUser;
  colleagues: TColleague[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const kinds = allowedActions(user, step, open, caseFile);
  const [active, setActive] = useState<TKind>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [amount, setAmount] = useState('1');
  const [reason, setReason] = useState('');
  const [pauseReason, setPauseReason] = useState(step.pause?.reasons[0] ?? '');
  const [toRole, setToRole] = useState('TEAM_LEAD');
  // The direct superior's written extension (docs/adr/0221): all three, or none.
  const [approvalNo, setApprovalNo] = useState('');
  const [approvalDate, setApprovalDate] = useState('');
  const [approvalIssuer, setApprovalIssuer] = useState('');
  const key = useRef(newIdempotencyKey());
  if (kinds.length === 0) return null;
  const idp = `a-${step.id}`;
  const base = `${casePath(caseFile.caseId)}/steps/${encodeURIComponent(step.id)}`;
  const asksApproval = (active === 'grantExtension' && step.extension?.bySuperior !== undefined) || active === 'recordApproval';
  const approvalTyped = [approvalNo, approvalDate, approvalIssuer].filter((v) => v.trim()).length;
  const approvalIso = (() => {
    const d = readViDate(approvalDate);
    return d.kind === 'date' ? d.iso : undefined;
  })();
  const approvalIncomplete = asksApproval && approvalTyped > 0 && (approvalTyped < 3 || !approvalIso);
  const approval = asksApproval && approvalTyped === 3 && approvalIso ? { documentNo: approvalNo.trim(), date: approvalIso, issuer: approvalIssuer.trim() } : undefined;
  const candidates = colleagues.filter((c) => c.active && c.teamId === caseFile.teamId && c.roles.some((r) => step.roles.includes(r)));

  async function run(kind: TKind): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const opts = { idempotencyKey: key.current };
      if (kind === 'claim') await api('POST', `${base}/claim`, opts);
      else if (kind === 'grantExtension') await api('POST', `${base}/extension`, { ...opts, body: { amount: Number(amount), reason, ...(approval ? { approval } : {}) } });
      else if (kind === 'recordApproval') await api('POST', `${base}/actions`, { ...opts, body: { type: 'RECORD_EXTENSION_APPROVAL', approval } });
      else {
        const body =
          kind === 'release'
            ? { type: 'RELEASE' }
            : kind === 'assign'
              ? { type: 'ASSIGN', assigneeId: assignee }
              : kind === 'requestExtension'
                ? { type: 'REQUEST_EXTENSION', amount: Number(amount), reason }
                : kind === 'pause'
                  ? { type: 'PAUSE_CLOCK', reason: pauseReason }
                  : kind === 'resume'
                    ? { type: 'RESUME_CLOCK' }
                    : { type: 'ESCALATE', reason, toRole };
        await api('POST', `${base}/actions`, { ...opts, body });
      }
      key.current = newIdempotencyKey();
      setActive(undefined);
      setReason('');
      onDone(t('actions.done', { action: t(LABEL[kind]) }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const immediate = (k: TKind) => k === 'claim' || k === 'release' || k === 'resume';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (active) void run(active);
  };
  const unit = step.extension ? t(`actions.unitNames.${step.extension.unit}`) : '';

  return (
    <div className="step-actions">
      <div className="action-buttons" role="group" aria-label={t('actions.title')}>
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className={`button ${active === k ? 'primary' : 'secondary'}`}
            aria-expanded={immediate(k) ? undefined : active === k}
            aria-controls={immediate(k) ? undefined : `${idp}-panel`}
            disabled={busy}
            onClick={() => {
              setError(undefined);
              if (immediate(k)) void run(k);
              else setActive(active === k ? undefined : k);
            }}
          >
            {t(LABEL[k])}
          </button>
        ))}
      </div>
      {active && !immediate(active) && (
        <form className="action-panel" id={`${idp}-panel`} onSubmit={submit}>
          {active === 'assign' && (
            <div className="field">
              <label htmlFor={`${idp}-assignee`} className="field-label">
                {t('actions.assignTo')}
              </label>
              <select id={`${idp}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} required>
                <option value="">{t('form.choose')}</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName} — {c.roles.map((r) => t(`roles.${r}`)).join(', ')}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(active === 'requestExtension' || active === 'grantExtension') && step.extension && (
            <div className="field">
              <label htmlFor={`${idp}-amount`} className="field-label">
                {t('actions.amount', { unit, max: step.extension.maxAmount })}
              </label>
              <input id={`${idp}-amount`} type="number" min={1} max={step.extension.maxAmount} value={amount} onChange={(e) => setAmount(e.target.value)} required />
            </div>
          )}
          {asksApproval && (
            <fieldset className="field field-wide" aria-describedby={`${idp}-approval-help`}>
              <legend className="field-label">{t('actions.approval.title')}</legend>
              <p id={`${idp}-approval-help`} className="field-help">
                {t(active === 'recordApproval' ? 'actions.approval.laterHelp' : 'actions.approval.help')}
              </p>
              <label htmlFor={`${idp}-approval-no`} className="field-label">
                {t('actions.approval.documentNo')}
              </label>
              <input id={`${idp}-approval-no`} value={approvalNo} maxLength={100} onChange={(e) => setApprovalNo(e.target.value)} />
              <label htmlFor={`${idp}-approval-date`} className="field-label">
                {t('actions.approval.date')}
              </label>
              <DateInput id={`${idp}-approval-date`} value={approvalDate} onChange={setApprovalDate} aria-describedby={`${idp}-approval-error`} />
              <label htmlFor={`${idp}-approval-issuer`} className="field-label">
                {t('actions.approval.issuer')}
              </label>
              <input id={`${idp}-approval-issuer`} value={approvalIssuer} maxLength={300} onChange={(e) => setApprovalIssuer(e.target.value)} />
              <p id={`${idp}-approval-error`} className="field-error" role="status">
                {approvalIncomplete ? t('actions.approval.incomplete') : ''}
              </p>
            </fieldset>
          )}
          {active === 'pause' && step.pause && (
            <div className="field">
              <label htmlFor={`${idp}-pause`} className="field-label">
                {t('actions.pauseReason')}
              </label>
              <select id={`${idp}-pause`} value={pauseReason} onChange={(e) => setPauseReason(e.target.value)}>
                {step.pause.reasons.map((r) => (
                  <option key={r} value={r}>
                    {t(`actions.pauseReasons.${r}`, { defaultValue: r })}
                  </option>
                ))}
              </select>
            </div>
          )}
          {active === 'escalate' && (
            <div className="field">
              <label htmlFor={`${idp}-to`} className="field-label">
                {t('actions.escalateTo')}
              </label>
              <select id={`${idp}-to`} value={toRole} onChange={(e) => setToRole(e.target.value)}>
                {['TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER'].map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(active === 'requestExtension' || active === 'grantExtension' || active === 'escalate') && (
            <div className="field field-wide">
              <label htmlFor={`${idp}-reason`} className="field-label">
                {t('actions.reason')}
              </label>
              <textarea id={`${idp}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
            </div>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="button primary"
              disabled={
                busy ||
                approvalIncomplete ||
                (active === 'recordApproval' && !approval) ||
                (active === 'assign' && !assignee) ||
                ((active === 'requestExtension' || active === 'grantExtension' || active === 'escalate') && !reason.trim())
              }
            >
              {t('actions.confirm')}
            </button>
            <button type="button" className="button subtle" onClick={() => setActive(undefined)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}
