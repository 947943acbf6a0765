/**
 * The server's refusal, shown where the action was attempted: what it means (by code, translated),
 * why, worded in the reader's language from its rule and params (lib/error-text.ts, never the
 * server's English sentence to a Vietnamese reader), the code and the legal basis it cites. It takes the focus so that a
 * screen reader announces it and the keyboard lands on it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { plainLegalBasis } from '../../../domain/source-doubts.js';
import { validationIssues, type ApiError } from '../lib/api.js';
import { errorMessage } from '../lib/error-text.js';

export function ErrorPanel({ error, onDismiss, focus = true }: { error: ApiError; onDismiss?: () => void; focus?: boolean }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [error, focus]);
  // A refusal with a reason of its own (national configuration, another unit's procedure…) says it in the reader's language.
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  // A conflict that names a field (a tax code already registered, an id already taken) is not another user's change: reloading would not help.
  const headline =
    typeof reason === 'string' && i18n.exists(`errors.reasons.${reason}`)
      ? t(`errors.reasons.${reason}`)
      : error.code === 'CONFLICT' && validationIssues(error).some((i) => i.path)
        ? t('errors.conflictWithRecord')
        : i18n.exists(`errors.codes.${error.code}`)
          ? t(`errors.codes.${error.code}`)
          : t('errors.title');
  const message = errorMessage(error, t, i18n.language);
  return (
    <div className="error-panel" role="alert" tabIndex={-1} ref={ref} data-testid="server-error" data-code={error.code}>
      <p className="error-headline">{headline}</p>
      <dl className="error-facts">
        {message && message !== headline && (
          <>
            <dt>{t('errors.message')}</dt>
            <dd data-testid="server-error-message">{message}</dd>
          </>
        )}
        <dt>{t('errors.code')}</dt>
        <dd>
          <code data-testid="server-error-code">{error.code}</code>
        </dd>
        {error.legalBasis && (
          <>
            <dt>{t('errors.legalBasis')}</dt>
            <dd data-testid="server-error-legal-basis">{plainLegalBasis(error.legalBasis)}</dd>
          </>
        )}
        {error.requestId && (
          <>
            <dt>{t('errors.requestId')}</dt>
            <dd>
              <code>{error.requestId}</code>
            </dd>
          </>
        )}
      </dl>
      {onDismiss && (
        <button type="button" className="button subtle" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
