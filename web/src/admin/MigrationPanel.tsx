/**
 * Running cases of older versions moved to this one: each case is tried first (a dry run says
 * which open steps exist in the new version and what changes for them), and only then moved.
 * A case not moved keeps its own version to the end.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useGet } from '../lib/hooks.js';
import type { TCaseListItem, TMigrationPlan } from '../lib/contract/types.js';

type TCaseItem = TCaseListItem;

export function MigrationPanel({ procedureId, version, onDone }: { procedureId: string; version: number; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const cases = useGet('/api/v1/cases', { query: { procedure: procedureId, status: 'OPEN', limit: 100 } });
  const [plans, setPlans] = useState<Record<string, TMigrationPlan>>({});
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ caseId: string; error: ApiError }>();
  const older = (cases.data?.items ?? []).filter((c) => c.procedure.version !== version);

  async function run(c: TCaseItem, dryRun: boolean): Promise<void> {
    setBusy(c.caseId);
    setError(undefined);
    try {
      const r = await api<{ applied: boolean; plan: TMigrationPlan }>('POST', `${casePath(c.caseId)}/migrate`, { body: { toVersion: version, dryRun } });
      setPlans((p) => ({ ...p, [c.caseId]: r.plan }));
      if (r.applied) {
        onDone(t('migrate.applied', { id: c.caseId, v: version }));
        cases.reload();
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError({ caseId: c.caseId, error: err });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="migrate-title" data-testid="migration-panel">
      <h3 id="migrate-title">{t('migrate.title', { v: version })}</h3>
      <p className="muted">{t('migrate.intro')}</p>
      {cases.error && <ErrorPanel error={cases.error} focus={false} />}
      <div className="table-scroll">
        <table className="data-table" aria-busy={!cases.data}>
          <caption className="visually-hidden">{t('migrate.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('migrate.case')}</th>
              <th scope="col">{t('migrate.version')}</th>
              <th scope="col">{t('migrate.openSteps')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('migrate.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {!cases.data && (
              <tr className="skeleton-row" aria-hidden="true">
                <td colSpan={4}>
                  <span className="skeleton" />
                </td>
              </tr>
            )}
            {cases.data && older.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('migrate.none', { v: version })}
                </td>
              </tr>
            )}
            {older.map((c) => {
              const plan = plans[c.caseId];
              return (
                <tr key={c.caseId} data-testid="migration-case" data-case={c.caseId}>
                  <td>
                    <Link to={caseUrl(c.caseId)}>{c.title}</Link>
                    <span className="case-id">
                      {c.caseId} · {formatDateTime(c.openedAt)}
                    </span>
                  </td>
                  <td>{t('migrate.fromTo', { from: c.procedure.version, to: version })}</td>
                  <td>{c.currentSteps.join(', ')}</td>
                  <td className="row-actions">
                    <button type="button" className="button secondary" disabled={busy === c.caseId} onClick={() => void run(c, true)}>
                      {t('migrate.dryRun')}
                    </button>
                    {plan && plan.canApply && (
                      <button type="button" className="button primary" disabled={busy === c.caseId} onClick={() => void run(c, false)}>
                        {t('migrate.apply', { v: version })}
                      </button>
                    )}
                    {error?.caseId === c.caseId && <ErrorPanel error={error.error} onDismiss={() => setError(undefined)} />}
                    {plan && <PlanReport plan={plan} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PlanReport({ plan }: { plan: TMigrationPlan }) {
  const { t } = useTranslation('admin');
  const flags = ['rolesChanged', 'formChanged', 'deadlineChanged', 'outcomesChanged'] as const;
  return (
    <div className={`plan ${plan.canApply ? 'ok' : 'blocked'}`} data-testid="migration-plan" role="region" aria-label={t('migrate.planTitle', { from: plan.from, to: plan.to })}>
      <p className="label">{plan.canApply ? t('migrate.canApply', { from: plan.from, to: plan.to }) : t('migrate.blocked', { from: plan.from, to: plan.to })}</p>
      <ul className="plan-steps">
        {plan.openSteps.map((s) => {
          const changes = flags.filter((f) => s[f]);
          return (
            <li key={s.stepId}>
              <span className="step-id">{s.stepId}</span>{' '}
              {!s.existsInTarget ? t('migrate.stepMissing', { v: plan.to }) : changes.length ? changes.map((f) => t(`migrate.flags.${f}`)).join('; ') : t('migrate.stepSame')}
            </li>
          );
        })}
      </ul>
      {plan.addedSteps.length > 0 && <p className="small">{t('migrate.added', { steps: plan.addedSteps.join(', ') })}</p>}
      {plan.removedSteps.length > 0 && <p className="small">{t('migrate.removed', { steps: plan.removedSteps.join(', ') })}</p>}
      {plan.blockers.length > 0 && (
        <p className="small">
          <span className="label">{t('migrate.serverSays')}:</span> {plan.blockers.join(' ')}
        </p>
      )}
    </div>
  );
}
