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
import { REASON_MAX_LENGTH } from '@doorloop/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Form fields in the NL Design System pattern: label, description, error message and control, tied together with
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

/** What a field block hands the control inside it: its id and name, its state, and the ids of its hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  invalid: boolean;
  required: boolean;
  'aria-describedby': string | undefined;
}

function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hints({ id, description, error }: Pick<FieldBase, 'id' | 'description' | 'error'>) {
  return (
    <>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
    </>
  );
}

/** The one field block: label (with "optional" in words), description, error, and the control its child renders. */
export function FieldBlock(props: FieldBase & { className?: string; children: (control: ControlProps) => ReactNode }) {
  const { id, label, description, error, optional, className, children } = props;
  const { t } = useTranslation();
  return (
    <FormField invalid={Boolean(error)} className={className}>
      <FormLabel htmlFor={id}>
        {label}
        {optional ? <span className="doorloop-optional"> {t('common.optional')}</span> : null}
      </FormLabel>
      <Hints id={id} description={description} error={error} />
      {children({
        id,
        name: id,
        invalid: Boolean(error),
        required: !optional,
        'aria-describedby': describedBy(id, description, error),
      })}
    </FormField>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A field block whose control `type` picks: a text box (text, date, time, search), a text area or a select. */
export type FieldProps = FieldBase & {
  value: string;
  onChange: (value: string) => void;
  className?: string;
} & (
    | {
        type?: 'text' | 'date' | 'time' | 'search';
        autoComplete?: string;
        maxLength?: number;
        inputMode?: 'text' | 'numeric';
      }
    | { type: 'textarea'; maxLength?: number; rows?: number }
    | { type: 'select'; options: Option[]; placeholder?: string }
  );

export function Field(props: FieldProps) {
  const { value, onChange } = props;
  const { t } = useTranslation();
  return (
    <FieldBlock {...props}>
      {(control) => {
        if (props.type === 'select') {
          return (
            <Select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
              <SelectOption value="">{props.placeholder ?? t('start.choose')}</SelectOption>
              {props.options.map((option) => (
                <SelectOption key={option.value} value={option.value}>
                  {option.label}
                </SelectOption>
              ))}
            </Select>
          );
        }
        if (props.type === 'textarea') {
          return (
            <Textarea
              {...control}
              value={value}
              rows={props.rows ?? 4}
              maxLength={props.maxLength}
              onChange={(event) => onChange(event.target.value)}
            />
          );
        }
        return (
          <Textbox
            {...control}
            type={props.type ?? 'text'}
            value={value}
            autoComplete={props.autoComplete ?? 'off'}
            maxLength={props.maxLength}
            inputMode={props.inputMode}
            onChange={(event) => onChange(event.target.value)}
          />
        );
      }}
    </FieldBlock>
  );
}

/** A form's values: an object of strings, one per field. */
export type StringFields<T> = { [K in keyof T]: string };

/** What a binder gives the field `name`: its id, value, change handler and error. */
export type FieldBinder<T> = (name: keyof T & string) => {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
};

/**
 * The wiring of a form's fields to one object of strings: `bind('startDate')` gives the field its id (`prefix` +
 * name, the api's field path), its value, its change handler and its error.
 */
export function fieldBinder<T extends StringFields<T>>(
  value: T,
  onChange: (value: T) => void,
  options: { prefix?: string; errors?: Record<string, string> } = {},
): FieldBinder<T> {
  const { prefix = '', errors = {} } = options;
  return (name: keyof T & string) => ({
    id: `${prefix}${name}`,
    value: value[name],
    onChange: (next: string) => onChange({ ...value, [name]: next }),
    error: errors[`${prefix}${name}`],
  });
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

type SelectProps = Omit<Extract<FieldProps, { type: 'select' }>, 'type' | 'options'>;

/** A choice from one of the contract's vocabularies (placement types, partner roles), each value in the user's words. */
export function VocabularySelect<V extends string>(
  props: SelectProps & { values: readonly V[]; optionLabel: (value: V) => string },
) {
  const { values, optionLabel, ...field } = props;
  return <Field {...field} type="select" options={values.map((value) => ({ value, label: optionLabel(value) }))} />;
}

/** Why: a text area as long as the api lets a reason be. */
export function ReasonField(props: Omit<Extract<FieldProps, { type: 'textarea' }>, 'type' | 'maxLength'>) {
  return <Field {...props} type="textarea" maxLength={REASON_MAX_LENGTH} />;
}
