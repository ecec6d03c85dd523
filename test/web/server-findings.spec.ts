import i18next, { type TFunction } from 'i18next';
import { FIELD_ERROR_CODES, PROBLEM_CODES, problemSchema } from '@doorloop/contracts';
import { ApiError } from '../../apps/web/src/api/client';
import { serverFieldErrors } from '../../apps/web/src/forms/validation';
import { en } from '../../apps/web/src/i18n/en';
import { nl } from '../../apps/web/src/i18n/nl';

/** The real catalogues through i18next, in the language asked for. */
async function translator(language: 'nl' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { nl: { translation: nl }, en: { translation: en } } });
  return instance.t;
}

/** A 400 as the api writes it (parsed by the contract's schema) for a placement that ends before it starts. */
const endBeforeStart = new ApiError(
  400,
  problemSchema.parse({
    type: 'about:blank',
    title: 'Invalid request',
    status: 400,
    detail: 'The request has 1 invalid field',
    code: 'validation-failed',
    errors: [
      {
        in: 'body',
        field: 'placements[0].endDate',
        code: 'end-before-start',
        detail: 'The placement ends before it starts: check both dates',
      },
    ],
  }),
);

describe('server-side findings in the user language', () => {
  it('shows a field finding of the api on its field in Dutch, by its code, never the English detail', async () => {
    const errors = serverFieldErrors(endBeforeStart, await translator('nl'));
    expect(errors).toEqual({ 'placements-0-endDate': 'De einddatum moet na de begindatum liggen.' });
  });

  it('shows the same finding in English when the user reads English', async () => {
    const errors = serverFieldErrors(endBeforeStart, await translator('en'));
    expect(errors).toEqual({ 'placements-0-endDate': 'The end date must be after the start date.' });
  });

  it('has a Dutch text, other than the English one, for every problem and field code of the contract', async () => {
    const [tNl, tEn] = [await translator('nl'), await translator('en')];
    for (const code of PROBLEM_CODES) {
      expect(tNl(`problems.${code}`)).not.toBe(`problems.${code}`);
      expect(tNl(`problems.${code}`)).not.toBe(tEn(`problems.${code}`));
    }
    for (const code of FIELD_ERROR_CODES) {
      expect(tNl(`fieldErrors.${code}`)).not.toBe(`fieldErrors.${code}`);
      expect(tNl(`fieldErrors.${code}`)).not.toBe(tEn(`fieldErrors.${code}`));
    }
  });
});
