/** Opening a case (team leads and directors; inspectors for on-the-spot fines, tips and paper files). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { tx } from '../i18n.js';
import { api, ApiError, caseUrl, newIdempotencyKey } from '../lib/api.js';
import { loadProcedure, useGet, useTitle } from '../lib/hooks.js';
import { canOpenKind, isUnitWide } from '../../../domain/roles.js';
import { caseKindRank } from '../../../domain/procedure.js';
import { useUser } from '../lib/session.js';
import type { TProcedure, TProcedureVersion } from '../lib/contract/types.js';

export function NewCasePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  // Opened from a business of the registry: the case is about it (it shows in the business's history).
  const businessId = useSearchParams()[0].get('businessId') ?? undefined;
  const business = useGet('/api/v1/businesses/{businessId}', businessId ? { path: { businessId } } : null).data?.business;
  useTitle(t('newCase.title'));
  const versions = useGet('/api/v1/procedures');
  const teams = useGet('/api/v1/teams');
  const [defs, setDefs] = useState<TProcedure[]>();
  const [procedureId, setProcedureId] = useState('');
  const [title, setTitle] = useState('');
  const [titledFor, setTitledFor] = useState<string>();
  if (business && titledFor !== business.id) {
    setTitledFor(business.id);
    setTitle((v) => v || `${business.name} — ${[business.address.line, business.address.commune].filter(Boolean).join(', ')}`);
  }
  const [teamId, setTeamId] = useState(user.teamId ?? '');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<ApiError>();
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!versions.data) return;
    // The latest published version of each procedure.
    const latest = new Map<string, TProcedureVersion>();
    // National procedures and the unit's own (a national administrator's list also holds other units' own, which no case of this unit may use).
    for (const v of versions.data.versions)
      if (v.status === 'PUBLISHED' && (v.owner_unit_id === null || v.owner_unit_id === user.unitId) && (latest.get(v.procedure_id)?.version ?? 0) < v.version) latest.set(v.procedure_id, v);
    const openable = [...latest.values()].filter((v) => canOpenKind(user, v.kind));
    let live = true;
    void Promise.all(openable.map((v) => loadProcedure(v.procedure_id, v.version)))
      .then((list) => {
        if (!live) return;
        // The kinds an officer opens most first, then by title; the first is chosen.
        const ordered = [...list].sort((a, b) => caseKindRank(a.kind) - caseKindRank(b.kind) || a.title.vi.localeCompare(b.title.vi, 'vi'));
        setDefs(ordered);
        setProcedureId((current) => current || ordered[0]?.id || '');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [versions.data, user]);

  const chooseTeam = isUnitWide(user) || !user.teamId;
  const titleError = submitted && !title.trim();
  const teamError = submitted && !teamId;

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setSubmitted(true);
    if (!title.trim() || !teamId || !procedureId) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<{ caseId: string }>('POST', '/api/v1/cases', { body: { procedureId, title: title.trim(), teamId, ...(businessId ? { businessId } : {}) }, idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      void navigate(caseUrl(r.caseId));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <h1>{t('newCase.title')}</h1>
      <p className="muted">{t('newCase.intro')}</p>
      {versions.error && <ErrorPanel error={versions.error} focus={false} />}
      <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-busy={!defs}>
        {businessId && (
          <p className="notice" data-testid="case-business">
            {t('registry:newCase.about')} <Link to={`/registry/businesses/${encodeURIComponent(businessId)}`}>{business?.name ?? businessId}</Link>
            {business && ` (${t('registry:business.taxCode')} ${business.taxCode})`}
          </p>
        )}
        <div className="field">
          <label htmlFor="nc-procedure" className="field-label">
            {t('newCase.procedure')}
          </label>
          <select id="nc-procedure" value={procedureId} onChange={(e) => setProcedureId(e.target.value)} disabled={!defs}>
            {!defs && <option value="">{t('app.loading')}</option>}
            {defs?.map((d) => (
              <option key={d.id} value={d.id}>
                {tx(d.title, i18n.language)}
                {d.variantOf ? ` (${t('newCase.unitProcedure')})` : ''}
              </option>
            ))}
          </select>
          {defs?.length === 0 && <p className="notice">{t('newCase.noProcedures')}</p>}
        </div>
        <div className="field">
          <label htmlFor="nc-title" className="field-label">
            {t('newCase.caseTitle')}
            <span className="req" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <p className="field-help" id="nc-title-help">
            {t('newCase.caseTitleHelp')}
          </p>
          <input
            id="nc-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
            aria-required="true"
            aria-invalid={titleError || undefined}
            aria-describedby={titleError ? 'nc-title-help nc-title-error' : 'nc-title-help'}
          />
          {titleError && (
            <p className="field-error" id="nc-title-error">
              {t('validation.required')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="nc-team" className="field-label">
            {t('newCase.team')}
          </label>
          <select id="nc-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} disabled={!chooseTeam} aria-invalid={teamError || undefined}>
            {chooseTeam && <option value="">{t('form.choose')}</option>}
            {(teams.data?.teams ?? [])
              .filter((tm) => chooseTeam || tm.id === user.teamId)
              .map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {tm.name}
                </option>
              ))}
          </select>
          {teamError && <p className="field-error">{t('validation.required')}</p>}
        </div>
        {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !defs || defs.length === 0}>
            {busy ? t('newCase.submitting') : t('newCase.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
