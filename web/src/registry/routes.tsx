/**
 * The business registry (every staff member reads; ADMIN, DIRECTOR and TEAM_LEAD write): the list,
 * a business with its history, the form, markets and hotspots, the CSV import. Loaded on demand.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, Route } from 'react-router';
import { PageLoading } from '../admin/routes.js';

const BusinessesPage = lazy(() => import('./BusinessesPage.js').then((m) => ({ default: m.BusinessesPage })));
const BusinessPage = lazy(() => import('./BusinessPage.js').then((m) => ({ default: m.BusinessPage })));
const BusinessFormPage = lazy(() => import('./BusinessFormPage.js').then((m) => ({ default: m.BusinessFormPage })));
const PlacesPage = lazy(() => import('./PlacesPage.js').then((m) => ({ default: m.PlacesPage })));
const ImportPage = lazy(() => import('./ImportPage.js').then((m) => ({ default: m.ImportPage })));

/** The registry link of the main navigation. */
export function RegistryNavLink() {
  const { t } = useTranslation('registry');
  return <NavLink to="/registry">{t('nav.registry')}</NavLink>;
}

function Loading() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

/** The registry routes, to place among the signed-in routes. */
export function registryRoutes() {
  return (
    <Route path="registry" element={<Loading />}>
      <Route index element={<BusinessesPage />} />
      <Route path="businesses/new" element={<BusinessFormPage />} />
      <Route path="businesses/:businessId" element={<BusinessPage />} />
      <Route path="businesses/:businessId/edit" element={<BusinessFormPage />} />
      <Route path="places" element={<PlacesPage />} />
      <Route path="import" element={<ImportPage />} />
    </Route>
  );
}
