/**
 * Inspection campaigns (kế hoạch kiểm tra): schedulers draft and submit, the director approves,
 * both operate the schedule and preview runs; leaders follow progress. Loaded on demand.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, Route } from 'react-router';
import { PageLoading } from '../admin/routes.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { CAMPAIGN_READERS } from './access.js';

const CampaignsPage = lazy(() => import('./CampaignsPage.js').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('./CampaignPage.js').then((m) => ({ default: m.CampaignPage })));
const VersionPage = lazy(() => import('./VersionPage.js').then((m) => ({ default: m.VersionPage })));
const RunPage = lazy(() => import('./RunPage.js').then((m) => ({ default: m.RunPage })));

/** The campaigns link of the main navigation (planning and the unit's leadership). */
export function CampaignsNavLink() {
  const { t } = useTranslation('campaigns');
  const user = useUser();
  return hasAnyRole(user, CAMPAIGN_READERS) ? <NavLink to="/campaigns">{t('nav.campaigns')}</NavLink> : null;
}

function Layout() {
  const { t } = useTranslation('campaigns');
  const user = useUser();
  if (!hasAnyRole(user, CAMPAIGN_READERS)) return <p className="page notice">{t('onlyPlanners')}</p>;
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

/** The campaign routes, to place among the signed-in routes. */
export function campaignRoutes() {
  return (
    <Route path="campaigns" element={<Layout />}>
      <Route index element={<CampaignsPage />} />
      <Route path="new" element={<VersionPage />} />
      <Route path=":campaignId" element={<CampaignPage />} />
      <Route path=":campaignId/versions/:version" element={<VersionPage />} />
      <Route path=":campaignId/runs/:period" element={<RunPage />} />
    </Route>
  );
}
