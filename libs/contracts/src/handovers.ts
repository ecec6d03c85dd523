import { z } from 'zod';
import { HANDOVER_STATUSES } from '@doorloop/domain';
import { reason } from './scalars';

/** A warm handover between two organisations, as the api answers it. */
export const handoverSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  sendingOrganisationId: z.uuid(),
  receivingOrganisationId: z.uuid(),
  status: z.enum(HANDOVER_STATUSES),
  reason: z.string().nullable(),
  dueAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
});
export type Handover = z.output<typeof handoverSchema>;

/** POST /handovers/{id}/acknowledgement: accept, or reject with a reason. */
export const acknowledgementSchema = z
  .strictObject({ accepted: z.boolean(), reason: reason.optional() })
  .refine((a) => a.accepted || a.reason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['reason'],
    params: { code: 'required' },
  });
export type Acknowledgement = z.input<typeof acknowledgementSchema>;
