/**
 * The bell in the top bar: a link to the notification centre with the number of unread
 * notifications, kept live by the event stream (a `notification` event refetches it, lib/live-events.ts).
 */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useGet } from '../lib/hooks.js';
import { useLiveEvents } from '../lib/live-events.js';

export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const page = useGet('/api/v1/notifications', { query: { limit: 1 } });
  useLiveEvents();
  const unread = page.data?.unread ?? 0;
  return (
    <NavLink to="/notifications" className="bell" aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')} data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {unread > 0 && (
        <span className="bell-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
