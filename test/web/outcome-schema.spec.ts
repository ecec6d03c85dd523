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
});
