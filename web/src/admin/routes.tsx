/**
 * The admin area (a unit's ADMIN, or a NATIONAL_ADMIN): procedures, the holiday calendar, the
 * violation catalogue, users and teams (a unit's ADMIN), legal parameters, the unit's public site. The national
 * configuration is read only but to a national administrator (docs/adr/0040). Loaded on demand,
 * so inspectors' tablets never download the editor.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route } from 'react-router';
import { canAdminister } from '../../../domain/roles.js';
import { canEditUnitSite } from '../../../domain/tenancy.js';
import { useUser } from '../lib/session.js';

const ProceduresPage = lazy(() => import('./ProceduresPage.js').then((m) => ({ default: m.ProceduresPage })));
const ProcedureEditorPage = lazy(() => import('./ProcedureEditorPage.js').then((m) => ({ default: m.ProcedureEditorPage })));
const CalendarPage = lazy(() => import('./CalendarPage.js').then((m) => ({ default: m.CalendarPage })));
const ViolationsPage = lazy(() => import('./ViolationsPage.js').then((m) => ({ default: m.ViolationsPage })));
const PeoplePage = lazy(() => import('./PeoplePage.js').then((m) => ({ default: m.PeoplePage })));
const LegalParamsPage = lazy(() => import('./LegalParamsPage.js').then((m) => ({ default: m.LegalParamsPage })));
const DelegationsPage = lazy(() => import('./DelegationsPage.js').then((m) => ({ default: m.DelegationsPage })));
const AgencyPage = lazy(() => import('./AgencyPage.js').then((m) => ({ default: m.AgencyPage })));
const SitePagesPage = lazy(() => import('./SitePagesPage.js').then((m) => ({ default: m.SitePagesPage })));

/** While a page's code arrives: the space of a page, nothing that jumps. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page" aria-busy="true">
      <div className="skeleton-block tall" />
      <p className="visually-hidden">{t('app.loading')}</p>
    </div>
  );
}

function AdminLayout() {
  const { t } = useTranslation('admin');
  const user = useUser();
  if (!canAdminister(user)) return <p className="page notice">{t('onlyAdmins')}</p>;
  return (
    <>
      <nav aria-label={t('nav.label')} className="subnav">
        <NavLink to="/admin/procedures">{t('nav.procedures')}</NavLink>
        <NavLink to="/admin/calendar">{t('nav.calendar')}</NavLink>
        <NavLink to="/admin/violations">{t('nav.violations')}</NavLink>
        {user.roles.includes('ADMIN') && <NavLink to="/admin/people">{t('nav.people')}</NavLink>}
        {user.roles.includes('ADMIN') && <NavLink to="/admin/delegations">{t('nav.delegations')}</NavLink>}
        {user.roles.includes('ADMIN') && <NavLink to="/admin/agency">{t('nav.agency')}</NavLink>}
        <NavLink to="/admin/legal-parameters">{t('nav.params')}</NavLink>
        {canEditUnitSite(user) && <NavLink to="/admin/site">{t('nav.site')}</NavLink>}
      </nav>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </>
  );
}

/** The admin link of the main navigation (for admins, a unit's or national, only). */
export function AdminNavLink() {
  const { t } = useTranslation('admin');
  const user = useUser();
  return canAdminister(user) ? <NavLink to="/admin">{t('nav.admin')}</NavLink> : null;
}

/** The admin routes, to place among the signed-in routes. */
export function adminRoutes() {
  return (
    <Route path="admin" element={<AdminLayout />}>
      <Route index element={<Navigate to="/admin/procedures" replace />} />
      <Route path="procedures" element={<ProceduresPage />} />
      <Route path="procedures/:procedureId/:version" element={<ProcedureEditorPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="violations" element={<ViolationsPage />} />
      <Route path="people" element={<PeoplePage />} />
      <Route path="legal-parameters" element={<LegalParamsPage />} />
      <Route path="site" element={<SitePagesPage />} />
      <Route path="agency" element={<AgencyPage />} />
      <Route path="delegations" element={<DelegationsPage />} />
    </Route>
  );
}
