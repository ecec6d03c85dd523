import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, createApiClient, type ApiClient } from '../api/client';
import type { Me } from '@doorloop/contracts';
import {
  CALLBACK_PATH,
  completeSignIn,
  forgetTokens,
  loadIssuer,
  signIn,
  signOut,
  storedTokens,
  type Issuer,
  type Tokens,
} from './oidc';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: SessionState;
  api: ApiClient;
  signIn: () => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * This tab's tokens. Not React state: the api client reads them when it sends a request, and a new token must not
 * re-create the client (and with it every page's data).
 */
const current: { tokens: Tokens | null } = { tokens: storedTokens() };

/** Who is signed in, and an api client that speaks for them. Handles the return from the issuer too. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [issuer, setIssuer] = useState<Issuer | null>(null);

  const expire = useCallback(() => {
    current.tokens = null;
    forgetTokens();
    setState({ status: 'signed-out', reason: 'expired' });
  }, []);
  const api = useMemo(() => createApiClient(() => current.tokens?.accessToken ?? null, expire), [expire]);

  // Once per page load: the issuer's configuration, the code exchange when we come back from it, then who we are.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const callback = location.pathname === CALLBACK_PATH ? new URL(window.location.href) : null;
    void (async () => {
      try {
        const loaded = await loadIssuer();
        setIssuer(loaded);
        if (callback) {
          const { tokens: fresh, returnTo } = await completeSignIn(loaded, callback);
          current.tokens = fresh;
          void navigate(returnTo, { replace: true });
        }
        if (!current.tokens) {
          setState({ status: 'signed-out' });
          return;
        }
        setState({ status: 'signed-in', me: await api.get('/me') });
      } catch (error) {
        // A 401 has already ended the session (expire); anything else is shown on the sign-in page.
        if (error instanceof ApiError && error.status === 401) return;
        setState({ status: 'failed', error });
      }
    })();
  }, [api, location.pathname, navigate]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      api,
      signIn: () => {
        // Without the issuer's configuration (the api or the issuer was away) a fresh start is the retry.
        if (!issuer) window.location.reload();
        else void signIn(issuer, `${location.pathname}${location.search}`);
      },
      signOut: () => {
        const tokens = current.tokens;
        current.tokens = null;
        signOut(issuer, tokens);
      },
    }),
    [state, api, issuer, location.pathname, location.search],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages that are shown to signed-in users. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe without a signed-in user');
  return state.me;
}

export function useApi(): ApiClient {
  return useSession().api;
}
