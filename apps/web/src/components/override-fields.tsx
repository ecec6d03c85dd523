import type { ReactNode } from 'react';
import { CheckboxField, ReasonField } from './fields';

/**
 * An explicit override: a check box that says the rule is set aside on purpose, and then the reason it needs. Its ids
 * are the api's (`override.reason` is the field `override-reason`), so a refused reason lands on its field.
 */
export function OverrideFields(props: {
  label: ReactNode;
  reasonLabel: ReactNode;
  reasonDescription?: ReactNode;
  checked: boolean;
  onCheck: (checked: boolean) => void;
  reason: string;
  onReason: (reason: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <CheckboxField id="override" label={props.label} checked={props.checked} onChange={props.onCheck} />
      {props.checked ? (
        <ReasonField
          id="override-reason"
          label={props.reasonLabel}
          description={props.reasonDescription}
          value={props.reason}
          onChange={props.onReason}
          error={props.error}
        />
      ) : null}
    </>
  );
}
