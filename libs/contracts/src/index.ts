/**
 * The HTTP contract of the api, written once: every request and response schema per resource, the vocabulary, the
 * page shape, the problem codes and the default time zone. The api's DTOs and OpenAPI document derive from it, and
 * the web app infers its types from it; it imports only zod and the domain, so the browser can bundle it.
 */
export * from './audit-records';
export * from './continuity';
export * from './cursor';
export * from './handovers';
export * from './health';
export * from './identity';
export * from './me/auth';
export * from './milestones';
export * from './oversight';
export * from './placements';
export * from './problem';
export * from './reference-data';
export * from './scalars';
export * from './reports';
export * from './signals';
export * from './tasks';
export * from './temporal-codec';
export * from './time-zone';
export * from './trajectories';
export * from './vocabulary';
