import { Button, ButtonGroup } from '@utrecht/component-library-react';
import type { FormEvent, ReactNode } from 'react';
import type { FormState } from '../forms/use-form';
import { ErrorSummary, ProblemAlert } from './feedback';

/**
 * A form as every page shows it: above the fields what to correct (the error summary, which takes the focus) and any
 * other problem; below them the submit button, busy while sending, and then `secondary` (such as the way back).
 */
export function PageForm(props: {
  form: Pick<FormState, 'errors' | 'problem' | 'busy'>;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  secondary?: ReactNode;
  children: ReactNode;
}) {
  const { errors, problem, busy } = props.form;
  return (
    <>
      <ErrorSummary errors={errors} />
      <ProblemAlert error={problem} />
      <form noValidate className="doorloop-form" onSubmit={props.onSubmit}>
        {props.children}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={busy} disabled={busy}>
            {props.submitLabel}
          </Button>
          {props.secondary}
        </ButtonGroup>
      </form>
    </>
  );
}
