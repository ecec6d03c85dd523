/**
 * What the retention job erases, by category, counted from a trajectory's closure date:
 * - `case-data`: the trajectory and everything recorded about it (facts, agenda, tasks and their outcomes, handovers,
 *   closure record, pause extensions), its identifying fields with it;
 * - `identity`: the identifying fields alone (name, BSN: the wrapped data key and the ciphertexts), crypto-shredded.
 * In this order: what the first erases, the second need not look at.
 */
export const RETENTION_CATEGORIES = ['case-data', 'identity'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];
