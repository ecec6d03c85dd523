import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../auth/session';
import type { ApiClient } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads what a page shows; `key` says when to load again (a changed id or filter). A response that arrives after the
 * key changed is dropped, so a slow answer never overwrites a newer one.
 */
export function useResource<T>(key: string, load: (api: ApiClient) => Promise<T>): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown } | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load(api).then(
      (data) => current && setState({ key, data }),
      (error: unknown) => current && setState({ key, error }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure on every render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const fresh = state?.key === key ? state : null;
  return { data: fresh?.data, error: fresh?.error, loading: fresh === null, reload };
}
