import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../auth/session';
import type { ApiClient } from './client';
import type { Page } from '@doorloop/contracts';

export interface PagedResource<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
}

/** A cursor-paginated list: the first page when `key` (the filters) changes, the next one on `loadMore`. */
export function usePagedResource<T>(
  key: string,
  load: (api: ApiClient, cursor: string | undefined) => Promise<Page<T>>,
): PagedResource<T> {
  const api = useApi();
  const [state, setState] = useState<{ key: string; items: T[]; next: string | null; error?: unknown } | null>(null);
  const [cursor, setCursor] = useState<{ key: string; value: string } | null>(null);
  const wanted = cursor?.key === key ? cursor.value : undefined;
  useEffect(() => {
    let current = true;
    load(api, wanted).then(
      (page) =>
        current &&
        setState((previous) => ({
          key,
          items: wanted && previous?.key === key ? [...previous.items, ...page.items] : page.items,
          next: page.nextCursor ?? null,
        })),
      (error: unknown) => current && setState((previous) => ({ key, items: previous?.items ?? [], next: null, error })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, wanted]);
  const fresh = state?.key === key ? state : null;
  const next = fresh?.next ?? null;
  const loadMore = useCallback(() => {
    if (next) setCursor({ key, value: next });
  }, [key, next]);
  return {
    items: fresh?.items ?? [],
    error: fresh?.error,
    loading: fresh === null,
    hasMore: next !== null,
    loadMore,
  };
}
