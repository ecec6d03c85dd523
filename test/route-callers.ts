/** Who may call a route of the API document, as a user key of a region (the demo users are named by the same keys). */
export type Caller = 'coordinator' | 'police' | 'director' | 'auditor' | 'admin';

/**
 * A caller the route admits, so a request reaches its handler (or its scope check) instead of stopping at 403: written
 * by hand from docs/security.md.
 */
export function callerOf(path: string): Caller {
  if (/^\/(tasks|handovers)/.test(path)) return 'police';
  if (/^\/(overdue-handovers|dashboard)/.test(path)) return 'director';
  if (/^\/audit-records/.test(path)) return 'auditor';
  if (/^\/temporal-codec/.test(path)) return 'admin';
  return 'coordinator';
}
