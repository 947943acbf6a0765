/**
 * The bulk-action bar of the cases screen: one action over the chosen cases, or over every case
 * the filter matches (resolved by the server) — reassign to an officer (team leads and directors),
 * add a note, ask for an extension, move to another procedure version (admins). It says how many
 * cases before anything is sent; each case's workflow then judges it, and the report opens
 * (`POST /api/v1/bulk-actions`, pages/BulkReportPage.tsx). A run Temporal interrupted is completed
 * by sending the same request again, with the same key: nothing is done twice.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { bulkActionsFor, MAX_BULK_CASES, type TBulkAction } from '../../../domain/bulk-actions.js';
import { api, ApiError, newIdempotencyKey } from '../lib/api.js';
import type { TBulkReport, TColleague } from '../lib/contract/types.js';
import { useUser } from '../lib/session.js';
import { ErrorPanel } from './ErrorPanel.js';

/** The cases an action is about: those chosen, or all that the filter matches (`count` of them). */
export type TBulkSelection = { caseIds: string[] } | { filter: Record<string, string>; count: number };

/** Who may take over a case's steps: active officers and leads of the unit (of the team, for a lead). */
function assignable(staff: TColleague[], lead: { roles: readonly string[]; teamId: string | null }): TColleague[] {
  const ownTeamOnly = !lead.roles.includes('DIRECTOR');
  return staff
    .filter((s) => s.active && s.roles.some((r) => r === 'INSPECTOR' || r === 'TEAM_LEAD') && (!ownTeamOnly || s.teamId === lead.teamId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
}

export function BulkActions({ selection, staff, onClear }: { selection: TBulkSelection; staff: TColleague[]; onClear: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const ids = useId();
  const actions = bulkActionsFor(user);
  const [action, setAction] = useState<TBulkAction>(actions[0] ?? 'ADD_NOTE');
  const [toUserId, setToUserId] = useState('');
  const [fromUserId, setFromUserId] = useState('');
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('1');
  const [toVersion, setToVersion] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  /** One key per intended action: a retry of the same one reuses it, any change makes a new one. */
  const [key, setKey] = useState(newIdempotencyKey);
  const count = 'caseIds' in selection ? selection.caseIds.length : selection.count;
  const people = assignable(staff, user);

  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setConfirming(false);
      setError(undefined);
      setKey(newIdempotencyKey());
    };

  const params = (): Record<string, unknown> | undefined => {
    switch (action) {
      case 'REASSIGN':
        return toUserId ? { toUserId, ...(fromUserId ? { fromUserId } : {}) } : undefined;
      case 'ADD_NOTE':
        return text.trim() ? { text: text.trim() } : undefined;
      case 'REQUEST_EXTENSION':
        return text.trim() && Number(amount) >= 1 ? { amount: Number(amount), reason: text.trim() } : undefined;
      case 'MIGRATE_VERSION':
        return Number(toVersion) >= 1 ? { toVersion: Number(toVersion) } : undefined;
    }
  };
  const ready = params() !== undefined && count > 0 && count <= MAX_BULK_CASES;

  async function run(): Promise<void> {
    setBusy(true);
    setError(undefined);
    const target = 'caseIds' in selection ? { caseIds: selection.caseIds } : { filter: selection.filter };
    try {
      const report = await api<TBulkReport>('POST', '/api/v1/bulk-actions', { body: { action, target, params: params() }, idempotencyKey: key });
      onClear();
      void navigate(`/bulk-actions/${report.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const incomplete = error && (error.details as { reason?: string; bulkId?: string } | undefined)?.reason === 'BULK_INCOMPLETE' ? (error.details as { bulkId: string }).bulkId : undefined;
  const who = people.find((p) => p.id === toUserId)?.displayName ?? toUserId;

  return (
    <section className="bulk-bar" aria-labelledby={`${ids}-title`} data-testid="bulk-bar">
      <h2 id={`${ids}-title`} className="bulk-title">
        {t('bulk.selected', { count })}
      </h2>
      {count > MAX_BULK_CASES && <p className="bulk-error">{t('bulk.tooMany', { max: MAX_BULK_CASES })}</p>}
      <form
        className="bulk-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) setConfirming(true);
        }}
      >
        <div className="field inline">
          <label htmlFor={`${ids}-action`} className="field-label">
            {t('bulk.action')}
          </label>
          <select id={`${ids}-action`} value={action} onChange={(e) => change(setAction)(e.target.value as TBulkAction)}>
            {actions.map((a) => (
              <option key={a} value={a}>
                {t(`bulk.actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {action === 'REASSIGN' && (
          <>
            <div className="field inline">
              <label htmlFor={`${ids}-to`} className="field-label">
                {t('bulk.toUser')}
              </label>
              <select id={`${ids}-to`} value={toUserId} onChange={(e) => change(setToUserId)(e.target.value)} required>
                <option value="">{t('bulk.choose')}</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field inline">
              <label htmlFor={`${ids}-from`} className="field-label">
                {t('bulk.fromUser')}
              </label>
              <select id={`${ids}-from`} value={fromUserId} onChange={(e) => change(setFromUserId)(e.target.value)}>
                <option value="">{t('bulk.fromAnyone')}</option>
                {[...staff]
                  .filter((p) => p.id !== toUserId)
                  .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName}
                    </option>
                  ))}
              </select>
            </div>
          </>
        )}
        {action === 'REQUEST_EXTENSION' && (
          <div className="field inline narrow">
            <label htmlFor={`${ids}-amount`} className="field-label">
              {t('bulk.amount')}
            </label>
            <input id={`${ids}-amount`} type="number" min={1} max={1000} value={amount} onChange={(e) => change(setAmount)(e.target.value)} required />
          </div>
        )}
        {(action === 'ADD_NOTE' || action === 'REQUEST_EXTENSION') && (
          <div className="field grow">
            <label htmlFor={`${ids}-text`} className="field-label">
              {action === 'ADD_NOTE' ? t('bulk.note') : t('bulk.reason')}
            </label>
            <textarea id={`${ids}-text`} rows={2} value={text} onChange={(e) => change(setText)(e.target.value)} required />
          </div>
        )}
        {action === 'MIGRATE_VERSION' && (
          <div className="field inline narrow">
            <label htmlFor={`${ids}-version`} className="field-label">
              {t('bulk.toVersion')}
            </label>
            <input id={`${ids}-version`} type="number" min={1} value={toVersion} onChange={(e) => change(setToVersion)(e.target.value)} required />
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!ready || busy || confirming}>
            {t('bulk.apply')}
          </button>
          <button type="button" className="button subtle" onClick={onClear}>
            {t('bulk.clear')}
          </button>
        </div>
      </form>
      {confirming && (
        <div className="bulk-confirm" role="alertdialog" aria-labelledby={`${ids}-confirm`} data-testid="bulk-confirm">
          <p id={`${ids}-confirm`}>
            <strong>{t(`bulk.confirm.${action}`, { count, who, version: toVersion })}</strong> {t('bulk.confirmHelp')}
          </p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void run()} autoFocus>
              {busy ? t('bulk.running', { count }) : t('bulk.confirmButton', { count })}
            </button>
            <button type="button" className="button subtle" disabled={busy} onClick={() => setConfirming(false)}>
              {t('actions.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      {incomplete && (
        <p className="form-actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
            {t('bulk.retry')}
          </button>
          <Link to={`/bulk-actions/${incomplete}`} className="button subtle">
            {t('bulk.openReport')}
          </Link>
        </p>
      )}
    </section>
  );
}
