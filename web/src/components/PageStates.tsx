/** The two states of a page that shows one record before it has it: loading, and refused or failed. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../lib/api.js';
import { ErrorPanel } from './ErrorPanel.js';

/** While the record loads: the space of its head and first card, nothing that jumps. */
export function RecordSkeleton({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`page ${className}`.trim()} aria-busy="true">
      <div className="case-head skeleton-block" />
      <div className="card skeleton-block tall" />
      <p className="visually-hidden">{t('app.loading')}</p>
    </div>
  );
}

/** The server's refusal (not found, not yours…) and the way back. */
export function RecordFailed({ error, backTo, backLabel }: { error: ApiError; backTo: string; backLabel: string }) {
  return (
    <div className="page">
      <ErrorPanel error={error} focus={false} />
      <Link to={backTo}>{backLabel}</Link>
    </div>
  );
}
