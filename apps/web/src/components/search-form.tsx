import { Button, ButtonGroup } from '@utrecht/component-library-react';
import type { FormEvent, ReactNode } from 'react';

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
