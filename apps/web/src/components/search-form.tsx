import { Button, ButtonGroup } from '@utrecht/component-library-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldBinder, type FieldProps } from './fields';

/**
 * A search or filter form above a list: a `search` landmark (named by `label` when a page has more than one), its
 * fields in a row, and one secondary submit button. The page decides what submitting does (usually: the address).
 */
export function SearchForm(props: { label?: string; submitLabel: string; onSubmit: () => void; children: ReactNode }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form role="search" aria-label={props.label} onSubmit={submit} className="doorloop-filters" noValidate>
      {props.children}
      <ButtonGroup>
        <Button appearance="secondary-action-button" type="submit">
          {props.submitLabel}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The wiring of a filter form's fields to its draft: ids `filter-<name>`, apart from the page's other fields. */
export function filterBinder<T extends { [K in keyof T]: string }>(draft: T, onChange: (draft: T) => void) {
  return fieldBinder(draft, onChange, { prefix: 'filter-' });
}

/** A filter's choice: never required, and its empty choice is "all". */
export function FilterSelect(
  props: Omit<Extract<FieldProps, { type: 'select' }>, 'type' | 'optional' | 'placeholder'>,
) {
  const { t } = useTranslation();
  return <Field {...props} type="select" optional placeholder={t('common.all')} />;
}
