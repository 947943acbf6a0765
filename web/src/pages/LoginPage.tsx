/** Sign-in, in Vietnamese by default: the server's refusal is shown under the form. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { ApiError } from '../lib/api.js';
import { useTitle } from '../lib/hooks.js';
import { useSession } from '../lib/session.js';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useTitle(t('login.title'));
  const next = params.get('next');
  if (session.status === 'signed-in') return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.fill'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(username.trim(), password);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'other';
      setError(code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED' ? t(`login.errors.${code}`) : `${t('login.errors.other')} ${err instanceof Error ? err.message : ''}`);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="login-brand">{t('app.name')}</p>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {session.expired && !error && <p className="notice">{t('login.sessionExpired')}</p>}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="username" className="field-label">
              {t('login.username')}
            </label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="password" className="field-label">
              {t('login.password')}
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </div>
          <p className="login-error" id="login-error" role="alert" data-testid="login-error">
            {error ?? ''}
          </p>
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
