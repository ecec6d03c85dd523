import type { TFunction } from 'i18next';
import { OUTCOME_SCHEMAS } from '@doorloop/contracts';
import {
  checkOutcome,
  initialValue,
  outcomeJsonSchema,
  type OutcomeObject,
} from '../../apps/web/src/forms/outcome-schema';
import { fieldId } from '../../apps/web/src/forms/validation';

/** The translation keys themselves, so the tests see which message was chosen. */
const t = ((key: string, options?: Record<string, unknown>) =>
  options && 'count' in options ? `${key}:${String(options.count)}` : key) as unknown as TFunction;

type Kind = keyof typeof OUTCOME_SCHEMAS;

/** The browser's check of a filled `kind` form, as the task page runs it: the kind's schema and its JSON Schema. */
function checkForm(kind: Kind, value: Parameters<typeof checkOutcome>[2]) {
  const schema = OUTCOME_SCHEMAS[kind];
  return checkOutcome(schema, outcomeJsonSchema(schema), value, t);
}

describe('task outcome forms built from the contract schemas', () => {
  const kinds = Object.keys(OUTCOME_SCHEMAS) as Kind[];

  it.each(kinds)('starts %s with every field of its schema, lists at their minimum length', (kind) => {
    const json = outcomeJsonSchema(OUTCOME_SCHEMAS[kind]);
    const value = initialValue(json) as OutcomeObject;
    expect(Object.keys(value).sort()).toEqual(Object.keys(json.properties ?? {}).sort());
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      if (property.type === 'array') expect(value[name]).toHaveLength(property.minItems ?? 0);
    }
  });

  it.each(kinds)('names every required field of an empty %s form, and no optional one', (kind) => {
    const json = outcomeJsonSchema(OUTCOME_SCHEMAS[kind]);
    const result = checkOutcome(OUTCOME_SCHEMAS[kind], json, initialValue(json), t);
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    const optional = Object.keys(json.properties ?? {}).filter((name) => !(json.required ?? []).includes(name));
    for (const name of optional) expect(Object.keys(errors)).not.toContain(name);
    expect(Object.keys(errors).length).toBeGreaterThan(0);
  });

  it('accepts a filled transition plan, sends it trimmed, and leaves no field behind', () => {
    const result = checkForm('transition-review', {
      plans: [{ lifeDomain: 'housing', plan: '  Demo: begeleid wonen  ', owner: 'Demo Wmo', date: '2027-03-01' }],
      wishes: 'Demo: dicht bij school blijven.',
    });
    expect(result).toEqual({
      ok: true,
      outcome: {
        plans: [{ lifeDomain: 'housing', plan: 'Demo: begeleid wonen', owner: 'Demo Wmo', date: '2027-03-01' }],
        wishes: 'Demo: dicht bij school blijven.',
      },
    });
  });

  it('puts each finding on the id of its field, the id the api names the same field by', () => {
    const result = checkForm('transition-review', {
      plans: [{ lifeDomain: '', plan: 'Demo plan', owner: '', date: '31-02-2027' }],
      wishes: ' ',
    });
    expect(result.ok ? {} : result.errors).toEqual({
      'plans-0-lifeDomain': 'validation.choose',
      'plans-0-owner': 'validation.required',
      'plans-0-date': 'validation.date',
      wishes: 'validation.required',
    });
    // The api reports `outcome.plans[0].owner`; without its prefix that is the same form field.
    expect(fieldId('plans[0].owner')).toBe('plans-0-owner');
  });

  it('leaves an empty optional field out instead of refusing it', () => {
    expect(checkForm('handover', { summary: 'Demo: overdracht besproken.', wishes: '' })).toEqual({
      ok: true,
      outcome: { summary: 'Demo: overdracht besproken.' },
    });
  });

  it('asks for at least one entry of a list that needs one', () => {
    const result = checkForm('placement-evaluation', { observations: [], riskSignals: [], wishes: 'Demo' });
    expect(result.ok ? {} : result.errors).toEqual({ observations: 'validation.minItems:1' });
  });

  const provider = '0b6f8f3e-5a4c-4c1e-9a59-2f4d1c3b7a10';
  const participation = {
    how: 'present',
    notAskedReason: '',
    ownWords: 'Demo: ik blijf bij mijn begeleider.',
    agrees: 'yes',
    parentsView: '',
  };

  it('sends a continuation decision with her participation as nested fields, empty optional ones left out', () => {
    const result = checkForm('continuation-decision', {
      continuation: 'same-provider',
      basis: 'verlengde-jeugdhulp',
      providerOrganisationId: provider,
      lifeDomains: [],
      participation,
      summary: '',
    });
    expect(result).toEqual({
      ok: true,
      outcome: {
        continuation: 'same-provider',
        basis: 'verlengde-jeugdhulp',
        providerOrganisationId: provider,
        lifeDomains: [],
        participation: { how: 'present', ownWords: 'Demo: ik blijf bij mijn begeleider.', agrees: 'yes' },
      },
    });
  });

  it("words the domain's refusal of a decision by its field-error code, on the field the api names", () => {
    // Same provider needs a basis for after 18; "not asked" needs the reason why (api: outcome.participation.notAskedReason).
    const result = checkForm('continuation-decision', {
      continuation: 'same-provider',
      basis: 'none',
      providerOrganisationId: provider,
      lifeDomains: [],
      participation: { ...participation, how: 'not-asked' },
      summary: '',
    });
    expect(result.ok ? {} : result.errors).toEqual({
      basis: 'fieldErrors.basis-not-for-age',
      'participation-notAskedReason': 'fieldErrors.required',
    });
    expect(fieldId('participation.notAskedReason')).toBe('participation-notAskedReason');
  });

  it('asks every adulthood item, then the reason of one not arranged, on the ids of the checklist fields', () => {
    const answered = { status: 'arranged', reason: '' };
    const checklist = {
      'health-insurance': answered,
      income: { status: 'not-arranged', reason: ' ' },
      'id-and-digid': { status: '', reason: '' },
      'bank-account': answered,
      'address-registration': answered,
      'mentorship-or-administration': { status: 'not-needed', reason: '' },
    };
    const unanswered = checkForm('adulthood-admin', { checklist, summary: '' });
    expect(unanswered.ok ? {} : unanswered.errors).toEqual({ 'checklist-id-and-digid-status': 'validation.choose' });
    // Once every item has its answer, the domain's rule: not arranged needs a reason.
    const answeredAll = checkForm('adulthood-admin', {
      checklist: { ...checklist, 'id-and-digid': answered },
      summary: '',
    });
    expect(answeredAll.ok ? {} : answeredAll.errors).toEqual({ 'checklist-income-reason': 'fieldErrors.required' });
  });
});
