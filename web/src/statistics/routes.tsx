/**
 * The unit's statistics (thống kê, docs/statistics.md): the leaders' dashboard, the report of any
 * period in the official table with its exports and lock, and the cases behind any figure. For the
 * unit's leaders (LEADER_VIEWER, DIRECTOR) and team leads (their own team's figures). Loaded on
 * demand, so inspectors' tablets never download it.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, Route } from 'react-router';
import { PageLoading } from '../admin/routes.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { STATISTICS_READERS } from '../../../domain/roles.js';

const DashboardPage = lazy(() => import('./DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const ReportPage = lazy(() => import('./ReportPage.js').then((m) => ({ default: m.ReportPage })));
const DrillPage = lazy(() => import('./DrillPage.js').then((m) => ({ default: m.DrillPage })));

/** The statistics link of the main navigation (its readers only). */
export function StatisticsNavLink() {
  const { t } = useTranslation('statistics');
  const user = useUser();
  return hasAnyRole(user, STATISTICS_READERS) ? <NavLink to="/statistics">{t('nav.statistics')}</NavLink> : null;
}

function Layout() {
  const { t } = useTranslation('statistics');
  const user = useUser();
  if (!hasAnyRole(user, STATISTICS_READERS))
    return (
      <p className="page notice" data-testid="forbidden">
        {t('onlyReaders')}
      </p>
    );
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

/** The statistics routes, to place among the signed-in routes. */
export function statisticsRoutes() {
  return (
    <Route path="statistics" element={<Layout />}>
      <Route index element={<DashboardPage />} />
      <Route path="report" element={<ReportPage />} />
      <Route path="cases" element={<DrillPage />} />
    </Route>
  );
}
