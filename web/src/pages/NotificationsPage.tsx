/**
 * The notification centre: my notifications, newest first, worded in my language from their kind
 * and parameters; opening one marks it read and goes to its case (or campaign version); all can be
 * marked read at once. Below, what I also get by e-mail (and the team lead's daily digest).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError } from '../lib/api.js';
import type { components } from '../lib/contract/schema.gen.js';
import { formatDateTime, notificationParams } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { invalidateNotifications } from '../lib/live-events.js';
import { useUser } from '../lib/session.js';
import { CAMPAIGN_APPROVERS } from '../../../domain/roles.js';

type TNotification = components['schemas']['Notification'];
type TPreferences = components['schemas']['NotificationPreferences'];
type TKind = TNotification['kind'];

const KINDS: TKind[] = ['STEP_ASSIGNED', 'CASE_ASSIGNED', 'DEADLINE_DUE_SOON', 'DEADLINE_BREACHED', 'INSTRUCTION', 'APPROVAL_WAITING', 'PAYMENT_MISMATCH', 'DOCUMENT_NOT_ISSUED'];
const PAGE = 20;

export function NotificationsPage() {
  const { t, i18n } = useTranslation('notifications');
  useTitle(t('title'));
  const client = useQueryClient();
  const navigate = useNavigate();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const page = useGet('/api/v1/notifications', { query: { limit, ...(onlyUnread ? { unread: 'true' as const } : {}) } });
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();

  async function run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    setError(undefined);
    try {
      await action();
      if (done) setStatus(done);
      await invalidateNotifications(client);
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
      return false;
    }
  }
  async function open(n: TNotification): Promise<void> {
    if (!n.readAt) await run(() => api('POST', `/api/v1/notifications/${n.id}/read`));
    void navigate(n.link);
  }

  const items = page.data?.items;
  const unread = page.data?.unread ?? 0;
  return (
    <div className="page notifications-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="muted" data-testid="unread-summary">
          {t('summary', { count: unread })}
        </p>
      </div>
      <div className="notification-tools">
        <label className="check">
          <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} /> {t('onlyUnread')}
        </label>
        <button type="button" className="button secondary" disabled={!unread} onClick={() => void run(() => api('POST', '/api/v1/notifications/read-all'), t('allRead'))}>
          {t('markAllRead')}
        </button>
      </div>
      <p className="status-line" role="status">
        {status}
      </p>
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      {page.error && !items && <ErrorPanel error={page.error} focus={false} />}
      <ul className="notification-list" aria-label={t('list')} aria-busy={page.loading && !items}>
        {items && items.length === 0 && <li className="empty-row">{onlyUnread ? t('emptyUnread') : t('empty')}</li>}
        {items?.map((n) => (
          <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'} data-testid="notification" data-kind={n.kind} data-case={n.caseId ?? undefined}>
            <div className="notification-text">
              {!n.readAt && <span className="unread-dot">{t('unread')}</span>}
              <Link
                to={n.link}
                onClick={(e) => {
                  e.preventDefault();
                  void open(n);
                }}
              >
                {t(`kinds.${n.kind}`, notificationParams(n.params, i18n.language))}
              </Link>
              <time dateTime={n.createdAt} className="muted small">
                {formatDateTime(n.createdAt)}
              </time>
            </div>
            {!n.readAt && (
              <button type="button" className="button subtle" onClick={() => void run(() => api('POST', `/api/v1/notifications/${n.id}/read`))}>
                {t('markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {page.data?.nextCursor && limit < 100 && (
        <button type="button" className="button secondary" onClick={() => setLimit((l) => Math.min(100, l + PAGE))}>
          {t('more')}
        </button>
      )}
      <Preferences />
    </div>
  );
}

function Preferences() {
  const { t } = useTranslation('notifications');
  const user = useUser();
  const saved = useGet('/api/v1/me/notification-preferences');
  // What the form shows: the user's changes, else what is saved.
  const [draft, setPrefs] = useState<TPreferences>();
  const prefs = draft ?? saved.data;
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  if (!prefs) return null;
  const isLead = user.roles.includes('TEAM_LEAD');
  // Approvals wait only for those who approve campaigns, payment mismatches for legal officers: nobody else is offered the choice.
  const kinds = KINDS.filter(
    (k) => (k !== 'APPROVAL_WAITING' || user.roles.some((r) => (CAMPAIGN_APPROVERS as readonly string[]).includes(r))) && (k !== 'PAYMENT_MISMATCH' || user.roles.includes('LEGAL_OFFICER')),
  );
  async function save(p: TPreferences): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      setPrefs(await api<TPreferences>('PUT', '/api/v1/me/notification-preferences', { body: p }));
      setStatus(t('prefs.saved'));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card notification-prefs" aria-labelledby="notification-prefs-title">
      <h2 id="notification-prefs-title">{t('prefs.title')}</h2>
      <p className="muted">{t('prefs.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(prefs);
        }}
      >
        <div className="field">
          <label htmlFor="notification-email" className="field-label">
            {t('prefs.address')}
          </label>
          <input
            id="notification-email"
            type="email"
            autoComplete="email"
            value={prefs.emailAddress ?? ''}
            onChange={(e) => setPrefs({ ...prefs, emailAddress: e.target.value.trim() ? e.target.value.trim() : null })}
            aria-describedby="notification-email-help"
          />
          <p id="notification-email-help" className="field-help">
            {t('prefs.addressHelp')}
          </p>
        </div>
        <fieldset>
          <legend className="visually-hidden">{t('prefs.title')}</legend>
          {kinds.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={prefs.email[k]} onChange={(e) => setPrefs({ ...prefs, email: { ...prefs.email, [k]: e.target.checked } })} /> {t(`kindNames.${k}`)}
            </label>
          ))}
          {isLead && (
            <label className="check">
              <input type="checkbox" checked={prefs.digest} onChange={(e) => setPrefs({ ...prefs, digest: e.target.checked })} /> {t('prefs.digest')}
            </label>
          )}
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          {t('prefs.save')}
        </button>
        <p className="status-line" role="status">
          {status}
        </p>
        {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      </form>
    </section>
  );
}
