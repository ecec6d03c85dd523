import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Form fields in the NL Design System pattern: label, description, error message and input, tied together with
 * `aria-describedby` so a screen reader reads the hint and the error with the field (WCAG 1.3.1, 3.3.1, 3.3.2).
 * Every field is required unless it says `optional`; the label then says so too.
 */
interface FieldBase {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
}

function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: Pick<FieldBase, 'id' | 'label' | 'optional'>) {
  const { t } = useTranslation();
  return (
    <FormLabel htmlFor={id}>
      {label}
      {optional ? <span className="doorloop-optional"> {t('common.optional')}</span> : null}
    </FormLabel>
  );
}

function Hints({ id, description, error }: Pick<FieldBase, 'id' | 'description' | 'error'>) {
  return (
    <>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
    </>
  );
}

export function TextField(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'date' | 'search';
    autoComplete?: string;
    maxLength?: number;
    inputMode?: 'text' | 'numeric';
    className?: string;
  },
) {
  const { id, label, description, error, optional, value, onChange, type = 'text', autoComplete, maxLength } = props;
  return (
    <FormField invalid={Boolean(error)} className={props.className}>
      <Label id={id} label={label} optional={optional} />
      <Hints id={id} description={description} error={error} />
      <Textbox
        id={id}
        name={id}
        type={type}
        value={value}
        invalid={Boolean(error)}
        required={!optional}
        autoComplete={autoComplete ?? 'off'}
        maxLength={maxLength}
        inputMode={props.inputMode}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

export function TextareaField(
  props: FieldBase & { value: string; onChange: (value: string) => void; maxLength?: number; rows?: number },
) {
  const { id, label, description, error, optional, value, onChange, maxLength, rows = 4 } = props;
  return (
    <FormField invalid={Boolean(error)}>
      <Label id={id} label={label} optional={optional} />
      <Hints id={id} description={description} error={error} />
      <Textarea
        id={id}
        name={id}
        value={value}
        rows={rows}
        invalid={Boolean(error)}
        required={!optional}
        maxLength={maxLength}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldBase & { value: string; onChange: (value: string) => void; options: Option[]; placeholder?: string },
) {
  const { id, label, description, error, optional, value, onChange, options, placeholder } = props;
  const { t } = useTranslation();
  return (
    <FormField invalid={Boolean(error)}>
      <Label id={id} label={label} optional={optional} />
      <Hints id={id} description={description} error={error} />
      <Select
        id={id}
        name={id}
        value={value}
        invalid={Boolean(error)}
        required={!optional}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        <SelectOption value="">{placeholder ?? t('start.choose')}</SelectOption>
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** A choice of a few options, shown all at once: radio buttons in a fieldset whose legend is the question. */
export function RadioGroupField(
  props: Omit<FieldBase, 'optional'> & { value: string; onChange: (value: string) => void; options: Option[] },
) {
  const { id, label, description, error, value, onChange, options } = props;
  return (
    <Fieldset
      id={id}
      invalid={Boolean(error)}
      role="radiogroup"
      required
      aria-describedby={describedBy(id, description, error)}
    >
      <FieldsetLegend>{label}</FieldsetLegend>
      <Hints id={id} description={description} error={error} />
      {options.map((option, index) => {
        const optionId = index === 0 ? `${id}-input` : `${id}-${option.value}`;
        return (
          <FormField key={option.value} type="radio">
            <RadioButton
              id={optionId}
              name={id}
              value={option.value}
              checked={value === option.value}
              invalid={Boolean(error)}
              onChange={() => onChange(option.value)}
            />
            <FormLabel htmlFor={optionId} type="radio" checked={value === option.value}>
              {option.label}
            </FormLabel>
          </FormField>
        );
      })}
    </Fieldset>
  );
}

export function CheckboxField(props: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { id, label, checked, onChange } = props;
  return (
    <FormField type="checkbox">
      <Checkbox id={id} name={id} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <FormLabel htmlFor={id} type="checkbox" checked={checked}>
        {label}
      </FormLabel>
    </FormField>
  );
}
