/**
 * Delegations of sanctioning power (giao quyền, docs/adr/0197; Law on Handling Administrative
 * Violations Art. 54): the unit's administrator records the head's decision giving a deputy the
 * head's power — standing for a term, or for one case — and ends one from a day (today or later).
 * A deputy's decision is refused without one in force on its date, and its paper signs "KT." and
 * cites the decision. Nothing is deleted: a decision taken is judged by what was in force that day.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput, useDateProblem } from '../components/DateInput.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api } from '../lib/api.js';
import { formatDateTime, formatIsoDate, parseViDate } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useAction } from '../lib/use-action.js';
import { issueText } from '../lib/error-text.js';
import type { TDelegation } from '../lib/contract/types.js';
import { EditableTable, RowButton } from './editable-table.js';
import { CheckboxField, Field, serverIssues } from './simple-form.js';
import './admin.css';

type TRole = 'DIRECTOR' | 'TEAM_LEAD';

interface TDraft {
  role: TRole;
  grantorId: string;
  delegateId: string;
  scope: 'STANDING' | 'CASE';
  caseId: string;
  decisionNumber: string;
  /** Dates as typed (dd/mm/yyyy). */
  decisionDate: string;
  validFrom: string;
  validTo: string;
  content: string;
  /** Also the coercion decision (Art. 87(2): only while the head is absent). */
  coercion: boolean;
  /** With coercion: the head's absence it is made for. */
  headAbsence: string;
}

/** The day before `iso` (yyyy-mm-dd): a delegation ended from a day is in force until the day before. */
const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const EMPTY: TDraft = {
  role: 'DIRECTOR',
  grantorId: '',
  delegateId: '',
  scope: 'STANDING',
  caseId: '',
  decisionNumber: '',
  decisionDate: '',
  validFrom: '',
  validTo: '',
  content: '',
  coercion: false,
  headAbsence: '',
};

export function DelegationsPage() {
  const { t } = useTranslation('admin');
  const { t: common, i18n } = useTranslation();
  useTitle(t('delegations.title'));
  const list = useGet('/api/v1/delegations');
  const users = useGet('/api/v1/users');
  const [form, setForm] = useState<TDraft>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState('');
  const create = useAction();
  const revoke = useAction();
  const [revoking, setRevoking] = useState<{ id: string; from: string; reason: string; submitted: boolean }>();
  const dateProblem = useDateProblem();
  const today = list.data?.today;

  const holders = (deputy: boolean) => (users.data?.users ?? []).filter((u) => u.active && u.kind === 'PERSON' && u.roles.includes(form.role) && u.deputy === deputy);
  const nameOf = (id: string) => users.data?.users.find((u) => u.id === id)?.displayName ?? id;
  const text = (i: { rule?: string | undefined; params?: Record<string, string | number> | undefined; message: string }) =>
    (i.rule ? issueText({ rule: i.rule, params: i.params, message: i.message }, common, i18n.language) : undefined) ?? i.message;
  const server: Record<string, string> = Object.fromEntries(Object.entries(serverIssues(create.error)).map(([path, i]) => [path, text(i)]));
  const dates = { decisionDate: parseViDate(form.decisionDate), validFrom: parseViDate(form.validFrom), validTo: parseViDate(form.validTo) };
  const dateError = (k: 'decisionDate' | 'validFrom' | 'validTo', bounds: { min?: string | undefined; max?: string | undefined }, required: boolean) =>
    !form[k].trim() ? (required ? t('validation.required') : undefined) : dateProblem(form[k], bounds);
  const problems: Partial<Record<keyof TDraft, string>> = {
    ...(!form.grantorId ? { grantorId: t('validation.required') } : {}),
    ...(!form.delegateId ? { delegateId: t('validation.required') } : {}),
    ...(form.scope === 'CASE' && !form.caseId.trim() ? { caseId: t('validation.required') } : {}),
    ...(!form.decisionNumber.trim() ? { decisionNumber: t('validation.required') } : {}),
    ...(!form.content.trim() ? { content: t('validation.required') } : {}),
    // Coercion only while the head is absent, for a stated term (Art. 87(2)).
    ...(form.coercion && !form.headAbsence.trim() ? { headAbsence: common('errors.issues.coercionWhileAbsent') } : {}),
    decisionDate: dateError('decisionDate', { max: today }, true),
    validFrom: dateError('validFrom', { min: dates.decisionDate }, true),
    validTo: form.coercion && form.scope === 'CASE' && !form.validTo.trim() ? common('errors.issues.coercionWhileAbsent') : dateError('validTo', { min: dates.validFrom }, form.scope === 'STANDING'),
  };
  const show = (k: keyof TDraft) => (submitted && problems[k]) || server[k];
  const set = <K extends keyof TDraft>(k: K, v: TDraft[K]) => setForm({ ...form, [k]: v, ...(k === 'role' ? { grantorId: '', delegateId: '' } : {}) });

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setSubmitted(true);
    setStatus('');
    if (Object.values(problems).some(Boolean)) return;
    const body = {
      role: form.role,
      grantorId: form.grantorId,
      delegateId: form.delegateId,
      scope: form.scope,
      ...(form.scope === 'CASE' ? { caseId: form.caseId.trim() } : {}),
      decisionNumber: form.decisionNumber,
      decisionDate: dates.decisionDate!,
      validFrom: dates.validFrom!,
      ...(dates.validTo ? { validTo: dates.validTo } : {}),
      content: form.content,
      ...(form.coercion ? { coercion: true, headAbsence: form.headAbsence } : {}),
    };
    if (await create.run((idempotencyKey) => api('POST', '/api/v1/delegations', { body, idempotencyKey }))) {
      setStatus(t('delegations.saved', { number: form.decisionNumber, name: nameOf(form.delegateId) }));
      setForm(EMPTY);
      setSubmitted(false);
      list.reload();
    }
  }

  async function end(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!revoking) return;
    const from = parseViDate(revoking.from);
    setRevoking({ ...revoking, submitted: true });
    if (!from || !revoking.reason.trim() || dateProblem(revoking.from, { min: today })) return;
    if (await revoke.run((idempotencyKey) => api('POST', `/api/v1/delegations/${encodeURIComponent(revoking.id)}/revoke`, { body: { from, reason: revoking.reason }, idempotencyKey }))) {
      setStatus(t('delegations.revoked', { date: formatIsoDate(from) }));
      setRevoking(undefined);
      list.reload();
    }
  }

  const term = (d: TDelegation) =>
    d.validTo ? t('delegations.fromTo', { from: formatIsoDate(d.validFrom), to: formatIsoDate(d.validTo) }) : t('delegations.from', { from: formatIsoDate(d.validFrom) });
  const state = (d: TDelegation) =>
    d.revokedFrom && today && d.revokedFrom <= today
      ? t('delegations.ended', { date: formatIsoDate(d.revokedFrom) })
      : d.inForceToday
        ? d.revokedFrom
          ? t('delegations.inForceUntil', { date: formatIsoDate(dayBefore(d.revokedFrom)) })
          : t('delegations.inForce')
        : today && d.validFrom > today
          ? t('delegations.notYet')
          : t('delegations.expired');
  const revokeError = revoking?.submitted
    ? {
        from: !revoking.from.trim() ? t('validation.required') : dateProblem(revoking.from, { min: today }),
        reason: !revoking.reason.trim() ? t('validation.required') : undefined,
      }
    : {};
  const revokeServer: Record<string, string> = Object.fromEntries(Object.entries(serverIssues(revoke.error)).map(([path, i]) => [path, text(i)]));

  return (
    <div className="page admin-page">
      <h1>{t('delegations.title')}</h1>
      <p className="muted">{t('delegations.intro')}</p>
      {(list.error || users.error) && <ErrorPanel error={(list.error ?? users.error)!} />}

      <h2 id="delegations-list-title">{t('delegations.listTitle')}</h2>
      <EditableTable
        className="delegations-table"
        labelledBy="delegations-list-title"
        columns={[t('delegations.fields.decision'), t('delegations.people'), t('delegations.fields.scope'), t('delegations.term'), t('delegations.state')]}
        loading={!list.data}
        skeletonRows={2}
      >
        {list.data?.delegations.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              {t('delegations.none')}
            </td>
          </tr>
        )}
        {list.data?.delegations.map((d) => (
          <tr key={d.id} data-testid="delegation-row" data-number={d.decisionNumber}>
            <td>
              <span className="label">{d.decisionNumber}</span>
              <span className="muted small"> · {formatIsoDate(d.decisionDate)}</span>
              <br />
              <span className="muted small">{d.content}</span>
            </td>
            <td>
              {t('delegations.grants', { grantor: d.grantorName, delegate: d.delegateName })}
              <br />
              <span className="muted small">{t(`delegations.roles.${d.role}`)}</span>
            </td>
            <td>
              {d.scope === 'CASE' ? t('delegations.forCase', { caseId: d.caseId }) : t('delegations.standing')}
              {d.coercion && (
                <>
                  <br />
                  <span className="muted small">{t('delegations.withCoercion')}</span>
                  {d.headAbsence && (
                    <>
                      <br />
                      <span className="muted small">{t('delegations.headAbsent', { absence: d.headAbsence })}</span>
                    </>
                  )}
                </>
              )}
            </td>
            <td>{term(d)}</td>
            <td data-testid="delegation-state">
              {state(d)}
              {d.revokeReason && <span className="muted small"> — {d.revokeReason}</span>}
              <br />
              <span className="muted small">{t('delegations.recordedBy', { who: d.createdBy, at: formatDateTime(d.createdAt) })}</span>
            </td>
            <td className="row-actions">
              {!d.revokedFrom && (d.inForceToday || (today !== undefined && d.validFrom > today)) && (
                <RowButton
                  label={t('delegations.end')}
                  rowLabel={d.decisionNumber}
                  onClick={() => {
                    revoke.clearError();
                    setRevoking({ id: d.id, from: today ? formatIsoDate(today) : '', reason: '', submitted: false });
                  }}
                />
              )}
            </td>
          </tr>
        ))}
      </EditableTable>

      {revoking && (
        <form className="card" onSubmit={(e) => void end(e)} noValidate aria-labelledby="delegation-end-title">
          <h2 id="delegation-end-title">{t('delegations.endTitle', { number: list.data?.delegations.find((d) => d.id === revoking.id)?.decisionNumber ?? '' })}</h2>
          <div className="form-grid aligned">
            <Field id="revoke-from" label={t('delegations.fields.revokeFrom')} help={t('delegations.revokeFromHelp')} error={revokeError.from ?? revokeServer.from} required>
              {(p) => <DateInput {...p} value={revoking.from} min={today} onChange={(v) => setRevoking({ ...revoking, from: v })} />}
            </Field>
            <Field id="revoke-reason" label={t('delegations.fields.reason')} error={revokeError.reason ?? revokeServer.reason} required wide>
              {(p) => <input {...p} value={revoking.reason} maxLength={500} onChange={(e) => setRevoking({ ...revoking, reason: e.target.value })} />}
            </Field>
          </div>
          {revoke.error && <ErrorPanel error={revoke.error} onDismiss={revoke.clearError} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={revoke.busy}>
              {t('delegations.endSave')}
            </button>
            <button type="button" className="button" onClick={() => setRevoking(undefined)}>
              {t('delegations.cancel')}
            </button>
          </div>
        </form>
      )}

      <p className="status-line" role="status" data-testid="delegations-status">
        {status}
      </p>

      <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="delegation-form-title">
        <h2 id="delegation-form-title">{t('delegations.formTitle')}</h2>
        <div className="form-grid aligned">
          <Field id="dg-role" label={t('delegations.fields.role')} required>
            {(p) => (
              <select {...p} value={form.role} onChange={(e) => set('role', e.target.value as TRole)}>
                <option value="DIRECTOR">{t('translation:roles.DIRECTOR')}</option>
                <option value="TEAM_LEAD">{t('translation:roles.TEAM_LEAD')}</option>
              </select>
            )}
          </Field>
          <Field id="dg-grantor" label={t('delegations.fields.grantorId')} help={t('delegations.grantorHelp')} error={show('grantorId')} required>
            {(p) => (
              <select {...p} value={form.grantorId} onChange={(e) => set('grantorId', e.target.value)}>
                <option value="">{t('delegations.choose')}</option>
                {holders(false).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="dg-delegate" label={t('delegations.fields.delegateId')} help={t('delegations.delegateHelp')} error={show('delegateId')} required>
            {(p) => (
              <select {...p} value={form.delegateId} onChange={(e) => set('delegateId', e.target.value)}>
                <option value="">{t('delegations.choose')}</option>
                {holders(true).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="dg-scope" label={t('delegations.fields.scope')} required>
            {(p) => (
              <select {...p} value={form.scope} onChange={(e) => set('scope', e.target.value as TDraft['scope'])}>
                <option value="STANDING">{t('delegations.standing')}</option>
                <option value="CASE">{t('delegations.oneCase')}</option>
              </select>
            )}
          </Field>
          {form.scope === 'CASE' && (
            <Field id="dg-case" label={t('delegations.fields.caseId')} error={show('caseId')} required>
              {(p) => <input {...p} value={form.caseId} maxLength={100} onChange={(e) => set('caseId', e.target.value)} />}
            </Field>
          )}
          <Field id="dg-number" label={t('delegations.fields.decisionNumber')} help={t('delegations.numberHelp')} error={show('decisionNumber')} required>
            {(p) => <input {...p} value={form.decisionNumber} maxLength={60} onChange={(e) => set('decisionNumber', e.target.value)} />}
          </Field>
          <Field id="dg-date" label={t('delegations.fields.decisionDate')} error={show('decisionDate')} required>
            {(p) => <DateInput {...p} value={form.decisionDate} max={today} onChange={(v) => set('decisionDate', v)} />}
          </Field>
          <Field id="dg-from" label={t('delegations.fields.validFrom')} error={show('validFrom')} required>
            {(p) => <DateInput {...p} value={form.validFrom} min={dates.decisionDate} onChange={(v) => set('validFrom', v)} />}
          </Field>
          <Field id="dg-to" label={t('delegations.fields.validTo')} help={t('delegations.validToHelp')} error={show('validTo')} required={form.scope === 'STANDING' || form.coercion}>
            {(p) => <DateInput {...p} value={form.validTo} min={dates.validFrom} onChange={(v) => set('validTo', v)} />}
          </Field>
          <Field id="dg-content" label={t('delegations.fields.content')} help={t('delegations.contentHelp')} error={show('content')} required wide>
            {(p) => <textarea {...p} rows={2} value={form.content} maxLength={1000} onChange={(e) => set('content', e.target.value)} />}
          </Field>
        </div>
        <CheckboxField id="dg-coercion" label={t('delegations.fields.coercion')} checked={form.coercion} onChange={(v) => set('coercion', v)} />
        {form.coercion && (
          <div className="form-grid aligned">
            <Field id="dg-absence" label={t('delegations.fields.headAbsence')} help={t('delegations.headAbsenceHelp')} error={show('headAbsence')} required wide>
              {(p) => <textarea {...p} rows={2} value={form.headAbsence} maxLength={500} onChange={(e) => set('headAbsence', e.target.value)} />}
            </Field>
          </div>
        )}
        {create.error && <ErrorPanel error={create.error} onDismiss={create.clearError} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={create.busy}>
            {t('delegations.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
