import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { fieldPath } from './field-errors';
import { ProblemError, type FieldError } from './problem';

/** NUL and the other C0 controls, but tab, line feed and carriage return, which free text may hold. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * Refuses a body or query holding a control character, in a value or a key, before any schema sees it: no text field
 * has a use for one, and PostgreSQL refuses a NUL with an error whose parameters are the whole statement's text. One
 * check for every route, so a new text field cannot forget it.
 */
@Injectable()
export class ControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const errors = controlCharactersIn(value, []).map((path): FieldError => ({
      in: metadata.type === 'body' ? 'body' : 'query',
      field: fieldPath(path) || '(root)',
      code: 'control-character',
      detail: 'Remove the control character (such as NUL) from this field.',
    }));
    if (errors.length > 0) throw ProblemError.invalid(errors);
    return value;
  }
}

function controlCharactersIn(value: unknown, path: readonly PropertyKey[]): PropertyKey[][] {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? [[...path]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => controlCharactersIn(item, [...path, index]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    CONTROL_CHARACTER.test(key) ? [[...path, JSON.stringify(key)]] : controlCharactersIn(item, [...path, key]),
  );
}
