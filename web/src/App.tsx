/** Routes and the frame around every signed-in page: navigation by role, the notification bell, language, sign-out. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router';
import { AdminNavLink, adminRoutes } from './admin/routes.js';
import { CampaignsNavLink, campaignRoutes } from './campaigns/routes.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { NotificationBell } from './components/NotificationBell.js';
import { canAdminister, canOpenCases } from '../../domain/roles.js';
import { SessionProvider, useSession, useUser } from './lib/session.js';
import { CasePage } from './pages/CasePage.js';
import { InboxPage } from './pages/InboxPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NewCasePage } from './pages/NewCasePage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { CasesPage } from './pages/CasesPage.js';
import { BulkReportPage } from './pages/BulkReportPage.js';
import { SupervisorPage } from './pages/SupervisorPage.js';
import { TeamLoadPage } from './pages/TeamLoadPage.js';
import { usesConsole } from './lib/supervision.js';
import { RegistryNavLink, registryRoutes } from './registry/routes.js';
import { StatisticsNavLink, statisticsRoutes } from './statistics/routes.js';

function RequireSession() {
  const { status } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') {
    return (
      <div className="app-loading" aria-busy="true">
        <header className="topbar" />
        <p className="visually-hidden">{t('app.loading')}</p>
      </div>
    );
  }
  if (status === 'signed-out') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell />;
}

function Shell() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // On a new page, the focus goes to the content (screen readers announce the new page).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')} className="mainnav">
          <NavLink to="/" end>
            {t('nav.inbox')}
          </NavLink>
          <NavLink to="/cases" end>
            {t('nav.cases')}
          </NavLink>
          {canOpenCases(user) && <NavLink to="/cases/new">{t('nav.newCase')}</NavLink>}
          {usesConsole(user) && <NavLink to="/supervision">{t('supervisor:nav.main')}</NavLink>}
          <RegistryNavLink />
          <CampaignsNavLink />
          <StatisticsNavLink />
          <AdminNavLink />
          {canAdminister(user) && <a href="/api/docs">{t('nav.apiDocs')}</a>}
        </nav>
        <div className="topbar-end">
          <NotificationBell />
          <LanguageSwitch />
          <span className="who" data-testid="signed-in-user">
            <span className="visually-hidden">{t('nav.signedInAs', { name: '' })}</span>
            <span className="who-name">{user.displayName}</span>
            <span className="who-role">
              {user.roles.map((r) => (user.deputy && (r === 'DIRECTOR' || r === 'TEAM_LEAD') ? t('roles.deputyOf', { role: t(`roles.${r}`) }) : t(`roles.${r}`))).join(', ')}
            </span>
          </span>
          <button type="button" className="button subtle on-dark" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="page">{t('errors.codes.NOT_FOUND')}</p>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession />}>
            <Route index element={<InboxPage />} />
            <Route path="cases" element={<CasesPage />} />
            <Route path="cases/new" element={<NewCasePage />} />
            <Route path="cases/*" element={<CasePage />} />
            <Route path="bulk-actions/:id" element={<BulkReportPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="supervision" element={<SupervisorPage />} />
            <Route path="supervision/load" element={<TeamLoadPage />} />
            {registryRoutes()}
            {campaignRoutes()}
            {statisticsRoutes()}
            {adminRoutes()}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
