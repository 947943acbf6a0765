/**
 * Who handles the case (cán bộ phụ trách), and — for a team lead or director, while the case is open
 * — giving the whole case to an inspector of its team (giao hồ sơ): its open inspector steps move to
 * them and the ones that open later go to them (`POST /api/v1/cases/{caseId}/assignee`). The server
 * still decides; its refusal is shown here.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, casePath, newIdempotencyKey } from '../lib/api.js';
import { hasAnyRole, SUPERVISORS } from '../lib/session.js';
import type { TCase, TColleague, TUser } from '../lib/contract/types.js';
import { ErrorPanel } from './ErrorPanel.js';

export function AssignCase({
  caseFile,
  user,
  colleagues,
  nameOf,
  onDone,
}: {
  caseFile: TCase;
  user: TUser;
  colleagues: TColleague[];
  nameOf: (id: string) => string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const current = caseFile.snapshot.assigneeId;
  const mayAssign = caseFile.status === 'OPEN' && hasAnyRole(user, SUPERVISORS);
  const candidates = colleagues.filter((c) => c.active && c.teamId === caseFile.teamId && c.roles.includes('INSPECTOR'));

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `${casePath(caseFile.caseId)}/assignee`, { idempotencyKey: key.current, body: { assigneeId: assignee } });
      key.current = newIdempotencyKey();
      setOpen(false);
      onDone(t('assignCase.done', { name: nameOf(assignee) }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="assign-case">
      <dt>{t('assignCase.label')}</dt>
      <dd data-testid="case-assignee">
        {current ? nameOf(current) : <span className="muted">{t('assignCase.none')}</span>}
        {mayAssign && (
          <button type="button" className="button secondary small" aria-expanded={open} aria-controls="assign-case-panel" onClick={() => setOpen(!open)}>
            {t('assignCase.action')}
          </button>
        )}
      </dd>
      {open && (
        <dd>
          <form id="assign-case-panel" className="action-panel" onSubmit={(e) => void submit(e)}>
            <p className="muted">{t('assignCase.help')}</p>
            <div className="field">
              <label htmlFor="assign-case-to" className="field-label">
                {t('assignCase.to')}
              </label>
              <select id="assign-case-to" value={assignee} onChange={(e) => setAssignee(e.target.value)} required>
                <option value="">{t('form.choose')}</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                  </option>
                ))}
              </select>
            </div>
            {error && <ErrorPanel error={error} />}
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy || !assignee}>
                {t('assignCase.submit')}
              </button>
              <button type="button" className="button secondary" onClick={() => setOpen(false)}>
                {t('actions.cancel')}
              </button>
            </div>
          </form>
        </dd>
      )}
    </div>
  );
}
