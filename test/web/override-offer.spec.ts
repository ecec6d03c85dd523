import { problemSchema, type FieldErrorCode } from '@doorloop/contracts';
import { ApiError } from '../../apps/web/src/api/client';
import { isOverridableRefusal } from '../../apps/web/src/forms/validation';

/** A refusal as the api writes it, with one finding per code, all on the same field. */
const refusal = (status: number, codes: FieldErrorCode[]) =>
  new ApiError(
    status,
    problemSchema.parse({
      type: 'about:blank',
      title: status === 400 ? 'Invalid request' : 'Conflict',
      status,
      detail: 'Refused',
      code: status === 400 ? 'validation-failed' : 'change-refused',
      errors: codes.map((code) => ({ in: 'body', field: 'startDate', code, detail: 'Refused' })),
    }),
  );

/**
 * When a change page offers the override (issue 13): only after a refusal by one of the legal rules of DOMAIN.md
 * "Placements and court measures that are lawful and legible" — the legal maximum of a machtiging, closed care
 * starting after 18, running after 18 without treatment begun before 18, and past 18 + 6 months. The list here is
 * written from DOMAIN.md by hand, not read from the contract.
 */
describe('the override is offered only after a refusal by a legal rule', () => {
  it.each<FieldErrorCode>([
    'exceeds-legal-maximum',
    'closed-care-starts-after-18',
    'closed-care-without-treatment-before-18',
    'closed-care-past-limit',
  ])('offers it after a 400 naming %s', (code) => {
    expect(isOverridableRefusal(refusal(400, [code]))).toBe(true);
    expect(isOverridableRefusal(refusal(400, ['end-before-start', code]))).toBe(true);
  });

  it('does not offer it for a mistake (a subtype the type does not have, a bad date) or without findings', () => {
    expect(isOverridableRefusal(refusal(400, ['subtype-not-for-type']))).toBe(false);
    expect(isOverridableRefusal(refusal(400, ['invalid-date', 'end-before-start']))).toBe(false);
    expect(isOverridableRefusal(refusal(400, []))).toBe(false);
  });

  it('does not offer it for anything but a 400 of the api', () => {
    expect(isOverridableRefusal(refusal(409, ['closed-care-starts-after-18']))).toBe(false);
    expect(isOverridableRefusal(new Error('network'))).toBe(false);
    expect(isOverridableRefusal(null)).toBe(false);
  });
});
