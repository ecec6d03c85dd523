import { z } from 'zod';
import { acknowledgementSchema, createTrajectorySchema } from '@doorloop/contracts';
import { fieldErrors } from './field-errors';

function codesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return Object.fromEntries(fieldErrors(result.error, 'body', input).map((e) => [e.field, e.code]));
}

describe('fieldErrors', () => {
  it('gives each finding of the trajectory schema its own code', () => {
    expect(
      codesOf(createTrajectorySchema, {
        pseudonym: 'Anna de Vries',
        birthDate: '2009-02-30',
        partners: [{ organisationId: 'x', role: 'baker' }],
        placements: Array.from({ length: 51 }, () => ({})),
      }),
    ).toMatchObject({
      pseudonym: 'invalid-format',
      birthDate: 'invalid-date',
      municipalityCode: 'required',
      'partners[0].organisationId': 'invalid-format',
      'partners[0].role': 'invalid-value',
      placements: 'too-many',
    });
  });

  it('tells a missing field from one of the wrong type', () => {
    expect(codesOf(z.object({ accepted: z.boolean() }), {})).toEqual({ accepted: 'required' });
    expect(codesOf(z.object({ accepted: z.boolean() }), { accepted: 'yes' })).toEqual({ accepted: 'invalid-type' });
  });

  it('reads an empty text as not filled in, and a short one as too short', () => {
    expect(codesOf(z.object({ reason: z.string().trim().min(1) }), { reason: '  ' })).toEqual({ reason: 'required' });
    expect(codesOf(z.object({ code: z.string().min(3) }), { code: 'ab' })).toEqual({ code: 'too-short' });
    expect(codesOf(z.object({ plans: z.array(z.string()).min(1) }), { plans: [] })).toEqual({ plans: 'too-few' });
  });

  it('takes the code a refinement names', () => {
    expect(codesOf(acknowledgementSchema, { accepted: false })).toEqual({ reason: 'required' });
  });
});
