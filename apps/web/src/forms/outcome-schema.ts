import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { FieldErrors } from './validation';

/**
 * The structured outcome of a task, as a form built from the same zod schema the api checks it with
 * (libs/contracts). The schema is turned into JSON Schema, which says plainly what each field is: text, a date, a
 * choice, a list. Labels come from the translations by field name; the browser checks with the schema itself, so the
 * rules cannot drift apart, and words each finding in the user's language.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  format?: string;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
}

export type OutcomeValue = string | OutcomeValue[] | { [key: string]: OutcomeValue };
export type OutcomeObject = { [key: string]: OutcomeValue };

export function outcomeJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export function initialValue(schema: JsonSchema): OutcomeValue {
  if (schema.type === 'object') {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, property]) => [name, initialValue(property)]),
    );
  }
  if (schema.type === 'array') {
    return Array.from({ length: schema.minItems ?? 0 }, () => initialValue(schema.items ?? {}));
  }
  return '';
}

/** Optional text left empty is left out, as if the field were not there; required fields stay, to be named. */
function withoutEmptyOptionals(schema: JsonSchema, value: OutcomeValue): OutcomeValue {
  if (schema.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name, v]) => required.has(name) || !(typeof v === 'string' && v.trim() === ''))
        .map(([name, v]) => [name, withoutEmptyOptionals(schema.properties?.[name] ?? {}, v)]),
    );
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    return value.map((item) => withoutEmptyOptionals(schema.items ?? {}, item));
  }
  return value;
}

/** Checks the outcome with the kind's schema: the parsed (trimmed) outcome to send, or the errors by field id. */
export function checkOutcome(
  schema: z.ZodType,
  json: JsonSchema,
  value: OutcomeValue,
  t: TFunction,
): { ok: true; outcome: unknown } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(withoutEmptyOptionals(json, value));
  if (parsed.success) return { ok: true, outcome: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    errors[issue.path.map(String).join('-') || 'outcome'] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  if (issue.code === 'too_small') {
    return issue.origin === 'array'
      ? t('validation.minItems', { count: Number(issue.minimum) })
      : t('validation.required');
  }
  if (issue.code === 'too_big') {
    return issue.origin === 'array'
      ? t('validation.maxItems', { count: Number(issue.maximum) })
      : t('validation.tooLong', { max: Number(issue.maximum) });
  }
  if (issue.code === 'invalid_value') return t('validation.choose');
  // A rule of the domain (a basis that does not fit the continuation): its code is the api's field-error code.
  const code = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  if (typeof code === 'string') return t(`fieldErrors.${code}` as 'fieldErrors.required');
  if (issue.code === 'invalid_format' && issue.format === 'date') return t('validation.date');
  // A missing or malformed value: the schemas here hold text, dates, choices and lists, so "fill this in" fits.
  return t('validation.required');
}
