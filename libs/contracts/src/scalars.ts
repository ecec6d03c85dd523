import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

/** A calendar date as the api reads and writes it. */
export const isoDate = z.iso
  .date('must be a calendar date written YYYY-MM-DD')
  .describe(`Calendar date, YYYY-MM-DD (${DEFAULT_TIME_ZONE}).`);

export const uuid = z.uuid('must be a UUID');

/** The longest reason the api takes (a handover's rejection, a checklist item not arranged, a closure's override). */
export const REASON_MAX_LENGTH = 2000;
/** Why something was decided: free text, trimmed, never empty. */
export const reason = z.string().trim().min(1).max(REASON_MAX_LENGTH);

export const organisationId = z.uuid('must be the id of an organisation listed at /api/v1/organisations');

/** A query parameter listing values of `values`, comma-separated, e.g. `status=open,claimed`. */
export const csvOf = <T extends readonly [string, ...string[]]>(values: T, example: string, message?: string) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(values, message ?? `must be one or more of ${values.join(', ')}, separated by commas`)).min(1))
    .describe(`Comma-separated, e.g. ${example}.`);
