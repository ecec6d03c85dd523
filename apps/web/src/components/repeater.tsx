import { Button, Fieldset, FieldsetLegend, FormFieldDescription } from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A list of similar entries the user can add to and remove from (partners, placements, observations). Each entry is
 * a fieldset named by its number; after "add" the focus moves into the new entry.
 */
export function Repeater<T>(props: {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  items: T[];
  onChange: (items: T[]) => void;
  create: () => T;
  itemLegend: (index: number) => string;
  addLabel: string;
  removeLabel: (index: number) => string;
  /** Entries that must stay (a minimum count): their remove button is left out. */
  minItems?: number;
  maxItems?: number;
  children: (item: T, index: number, update: (item: T) => void) => ReactNode;
}) {
  const { id, items, onChange, minItems = 0, maxItems = Infinity } = props;
  const list = useRef<HTMLDivElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    const entries = list.current?.querySelectorAll<HTMLElement>(':scope > .doorloop-repeater__item');
    entries?.[entries.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [items.length]);
  return (
    <Fieldset id={id} invalid={Boolean(props.error)} className="doorloop-repeater">
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      {props.description ? <FormFieldDescription>{props.description}</FormFieldDescription> : null}
      {props.error ? (
        <div className="utrecht-form-field-error-message" id={`${id}-error`}>
          {props.error}
        </div>
      ) : null}
      <div ref={list}>
        {items.map((item, index) => (
          <Fieldset key={index} className="doorloop-repeater__item">
            <FieldsetLegend>{props.itemLegend(index)}</FieldsetLegend>
            {props.children(item, index, (next) => onChange(items.map((old, i) => (i === index ? next : old))))}
            {items.length > minItems ? (
              <Button
                appearance="subtle-button"
                type="button"
                onClick={() => onChange(items.filter((_, i) => i !== index))}
              >
                {props.removeLabel(index)}
              </Button>
            ) : null}
          </Fieldset>
        ))}
      </div>
      {items.length < maxItems ? (
        <Button
          appearance="secondary-action-button"
          type="button"
          onClick={() => {
            added.current = true;
            onChange([...items, props.create()]);
          }}
        >
          {props.addLabel}
        </Button>
      ) : null}
    </Fieldset>
  );
}

/**
 * The wiring of a form's lists to one object, as `fieldBinder` does for its fields: `repeat('partners')` gives the
 * repeater its id (the api's field name), its entries and its change handler.
 */
export function listBinder<T>(value: T, onChange: (value: T) => void) {
  return <K extends ListName<T>>(name: K) => ({
    id: name,
    items: value[name],
    onChange: (items: T[K]) => onChange({ ...value, [name]: items }),
  });
}

/** The names of an object's lists. */
type ListName<T> = { [K in keyof T]: T[K] extends readonly unknown[] ? K : never }[keyof T] & string;
