import { z } from 'zod';
import { IDENTIFYING_FIELDS, isValidBsn } from '@doorloop/domain';

// Messages never repeat the value: a refused BSN is still a BSN.
const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .describe('Full name, as the young person uses it.');
const bsn = z
  .string()
  .refine(isValidBsn, {
    message: 'must be a BSN: 9 digits that pass the elfproef (11-proof)',
    params: { code: 'invalid-format' },
  })
  .describe('Burgerservicenummer: 9 digits, no spaces or dots.');

/** PUT /trajectories/{id}/identity */
export const identityInputSchema = z
  .strictObject({
    name: name.nullable().optional(),
    bsn: bsn.nullable().optional(),
  })
  .describe(
    'Replaces the identifying fields kept for the trajectory: a field left out or null is removed. Only fields the ' +
      "trajectory's region keeps are accepted.",
  );
export type IdentityInput = z.input<typeof identityInputSchema>;

export const identitySchema = z
  .strictObject({
    name: z.string().nullable(),
    bsn: z.string().nullable(),
    keptFields: z
      .array(z.enum(IDENTIFYING_FIELDS))
      .describe("The identifying fields the trajectory's region keeps; any other is refused."),
  })
  .describe('The identifying fields of a trajectory, decrypted for you; null where nothing is kept.');
export type Identity = z.output<typeof identitySchema>;
