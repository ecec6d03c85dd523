import type { FieldError } from './field-error';

/** DOMAIN.md's exit checklist: do not end help before these basics are arranged. */
export const EXIT_CHECKLIST_ITEMS = [
  'housing',
  'income',
  'education-or-work',
  'daytime-activities',
  'support-network',
  'continuing-care',
] as const;

export type ExitChecklistItem = (typeof EXIT_CHECKLIST_ITEMS)[number];

export const EXIT_CHECKLIST_LABELS: Readonly<Record<ExitChecklistItem, string>> = {
  housing: 'Housing',
  income: 'Income and finances (including debts)',
  'education-or-work': 'Education or work',
  'daytime-activities': 'Daytime activities and leisure',
  'support-network': 'Support network and relation with parents',
  'continuing-care': 'Continuing care or treatment',
};

export const CHECKLIST_STATUSES = ['arranged', 'not-needed', 'not-arranged'] as const;

export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export interface ChecklistAnswer {
  readonly status: ChecklistStatus;
  /** Required when the item is not arranged: why not, and what happens instead. */
  readonly reason?: string;
}

export type ExitChecklist = Readonly<Partial<Record<ExitChecklistItem, ChecklistAnswer>>>;

export interface ClosureRequest {
  readonly checklist?: ExitChecklist;
  /** Closing without a complete checklist: allowed, with a reason that is kept. */
  readonly override?: { readonly reason: string };
}

/**
 * A trajectory closes with every checklist item answered (arranged, not needed, or not arranged with a reason), or
 * with an explicit override and its reason. Answers given alongside an override must still be valid.
 */
export function validateClosure(request: ClosureRequest): FieldError[] {
  const errors: FieldError[] = [];
  const { checklist, override } = request;
  if (override !== undefined && !hasText(override.reason)) {
    errors.push({
      path: 'override.reason',
      code: 'required',
      message: 'Closing without a complete exit checklist needs a reason: explain why help ends now',
    });
  }
  if (checklist === undefined) {
    if (override === undefined) {
      errors.push({
        path: 'checklist',
        code: 'checklist-incomplete',
        message: 'Fill in the exit checklist before closing, or close with an override and a reason',
      });
    }
    return errors;
  }
  errors.push(
    ...checklistErrors(checklist, EXIT_CHECKLIST_ITEMS, EXIT_CHECKLIST_LABELS, 'checklist', override === undefined),
  );
  return errors;
}

/**
 * The answers of a checklist (the exit checklist, adulthood administration): no unknown item, every answer arranged,
 * not needed, or not arranged with a reason, and, when `complete`, every item answered. Paths are `<path>.<item>`.
 */
export function checklistErrors<Item extends string>(
  checklist: Readonly<Partial<Record<Item, ChecklistAnswer>>>,
  items: readonly Item[],
  labels: Readonly<Record<Item, string>>,
  path: string,
  complete: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(checklist)) {
    if (!(items as readonly string[]).includes(key)) {
      errors.push({
        path: `${path}.${key}`,
        code: 'unknown-field',
        message: `Not a checklist item: use ${items.join(', ')}`,
      });
    }
  }
  for (const item of items) {
    const answer = checklist[item];
    const at = `${path}.${item}`;
    if (answer === undefined) {
      if (complete) {
        errors.push({
          path: at,
          code: 'required',
          message: `Answer "${labels[item]}": arranged, not needed, or not arranged with a reason`,
        });
      }
      continue;
    }
    if (!(CHECKLIST_STATUSES as readonly string[]).includes(answer.status)) {
      errors.push({
        path: `${at}.status`,
        code: 'invalid-value',
        message: 'Choose arranged, not-needed or not-arranged',
      });
    } else if (answer.status === 'not-arranged' && !hasText(answer.reason)) {
      errors.push({
        path: `${at}.reason`,
        code: 'required',
        message: `"${labels[item]}" is not arranged: give the reason`,
      });
    }
  }
  return errors;
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
