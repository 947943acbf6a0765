/**
 * Marking a warning, escalation or extension request handled (đã xử lý), with a note saying how: in
 * the supervisors' queue and on the case page. Offered to the role it is addressed to and the
 * supervisors above it (domain/roles.ts `escalationResolvers`, the rule the engine applies); the
 * server decides, and its refusal is shown here.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { escalationResolvers } from '../../../domain/roles.js';
import { api, ApiError, casePath, newIdempotencyKey } from '../lib/api.js';
import { hasAnyRole } from '../lib/session.js';
import type { TUser } from '../lib/contract/types.js';
import { ErrorPanel } from './ErrorPanel.js';

/** Whether `user` may mark an escalation addressed to `toRole` handled. */
export function canResolveEscalation(user: TUser, toRole: string): boolean {
  return hasAnyRole(user, escalationResolvers(toRole));
}

/** The note and its confirmation; `onDone` gets the sentence that says it was done. */
export function ResolveEscalationForm({ caseId, escalationId, onDone, onCancel }: { caseId: string; escalationId: string; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  // The same key for retries of this submission; a new one after it succeeded.
  const key = useRef(newIdempotencyKey());
  const id = useId();

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `${casePath(caseId)}/escalations/${encodeURIComponent(escalationId)}/resolve`, { body: { note: note.trim() }, idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      setNote('');
      onDone(t('escalation.done'));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-panel resolve-escalation" data-testid="resolve-escalation" onSubmit={(e) => void submit(e)}>
      <div className="field field-wide">
        <label htmlFor={`${id}-note`} className="field-label">
          {t('escalation.note')}
        </label>
        <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('escalation.notePlaceholder')} required />
      </div>
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !note.trim()}>
          {t('escalation.confirm')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
