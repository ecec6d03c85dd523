import { z } from 'zod';

export const HEALTH_DEPENDENCIES = ['postgresql', 'temporal'] as const;
export type HealthDependency = (typeof HEALTH_DEPENDENCIES)[number];

/** GET /health: 200 only when every dependency answers (a 503 problem names the ones down). */
export const readinessSchema = z.object({
  status: z.literal('ok'),
  checks: z.object({ postgresql: z.literal('up'), temporal: z.literal('up') }),
});
export type Readiness = z.output<typeof readinessSchema>;

/** GET /health/live: the process answers. */
export const livenessSchema = z.object({ status: z.literal('ok') });
export type Liveness = z.output<typeof livenessSchema>;
