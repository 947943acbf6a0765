/**
 * The signed-in user, known from `GET /api/v1/auth/me` on load and from sign-in; the CSRF token of
 * the session goes to the API client. A 401 anywhere returns to the sign-in page.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SUPERVISOR_ROLES } from '../../../domain/roles.js';
import { api, ApiError, setCsrfToken, setSignedOutHandler } from './api.js';
import { queryClient } from './contract/client.js';
import type { TUser } from './contract/types.js';

interface TSessionState {
  status: 'loading' | 'signed-out' | 'signed-in';
  user?: TUser;
  /** Set when a session ended on its own (expired), to say so on the sign-in page. */
  expired?: boolean;
}

interface TSessionContext extends TSessionState {
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<TSessionContext | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TSessionState>({ status: 'loading' });

  useEffect(() => {
    setSignedOutHandler(() => {
      setCsrfToken(undefined);
      // Nothing read for one person is shown to the next on a shared tablet.
      queryClient.clear();
      setState({ status: 'signed-out', expired: true });
    });
    const ctrl = new AbortController();
    api<{ user: TUser; csrfToken: string }>('GET', '/api/v1/auth/me', { signal: ctrl.signal })
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setState({ status: 'signed-in', user: s.user });
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setState({ status: 'signed-out' });
      });
    return () => {
      ctrl.abort();
      setSignedOutHandler(undefined);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api<{ user: TUser; csrfToken: string }>('POST', '/api/v1/auth/login', { body: { username, password } });
    queryClient.clear();
    setCsrfToken(s.csrfToken);
    setState({ status: 'signed-in', user: s.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } catch (err) {
      // Signed out on the server already: nothing else to do.
      if (!(err instanceof ApiError)) throw err;
    }
    setCsrfToken(undefined);
    queryClient.clear();
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(() => ({ ...state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): TSessionContext {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user (only under the signed-in part of the app). */
export function useUser(): TUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

/** The roles that supervise a team's work (domain/roles.ts, as the engine has them). */
export const SUPERVISORS: readonly string[] = SUPERVISOR_ROLES;

export function hasAnyRole(user: TUser, roles: readonly string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
