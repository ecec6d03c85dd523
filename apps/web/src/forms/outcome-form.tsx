import { Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './validation';
import { useReferenceData } from '../api/reference-data';
import { Field } from '../components/fields';
import { Repeater } from '../components/repeater';
import { initialValue, type JsonSchema, type OutcomeObject, type OutcomeValue } from './outcome-schema';

/**
 * The vocabulary a choice field's values are worded in, by the field's name; a field not named here words its values
 * as life domains (the first outcomes' only choice).
 */
const CHOICES: Record<string, string> = {
  basis: 'legalBases',
  continuation: 'continuations',
  how: 'participationWays',
  agrees: 'agreements',
  status: 'checklistStatus',
};

/** A field that holds an organisation's id is chosen from the region's organisations, and shown by name. */
const isOrganisationField = (name: string) => name.endsWith('OrganisationId');

/** A translation for a field name when there is one; the name itself otherwise (a new field still shows). */
function useFieldText() {
  const { t, i18n } = useTranslation();
  const { organisationName } = useReferenceData();
  const translated = (key: string, fallback: string) => (i18n.exists(key) ? t(key as 'task.fields.plan') : fallback);
  return {
    label: (name: string) => translated(`task.fields.${name}`, name),
    hint: (name: string) =>
      i18n.exists(`task.fields.${name}Hint`) ? t(`task.fields.${name}Hint` as 'task.fields.wishesHint') : undefined,
    choice: (value: string, name = '') =>
      isOrganisationField(name)
        ? organisationName(value)
        : translated(`${CHOICES[name] ?? 'lifeDomains'}.${value}`, value),
  };
}

/** The outcome form of a task kind, field by field from its JSON Schema (see outcome-schema.ts). */
export function OutcomeFields(props: {
  schema: JsonSchema;
  value: OutcomeValue;
  onChange: (value: OutcomeValue) => void;
  errors: FieldErrors;
}) {
  return <ObjectFields path={[]} {...props} />;
}

function ObjectFields(props: {
  path: string[];
  schema: JsonSchema;
  value: OutcomeValue;
  onChange: (value: OutcomeValue) => void;
  errors: FieldErrors;
}) {
  const { path, schema, errors } = props;
  const value = props.value as OutcomeObject;
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, property]) => (
        <SchemaField
          key={name}
          name={name}
          path={[...path, name]}
          schema={property}
          optional={!required.has(name)}
          value={value[name] ?? initialValue(property)}
          onChange={(next) => props.onChange({ ...value, [name]: next })}
          errors={errors}
        />
      ))}
    </>
  );
}

function SchemaField(props: {
  name: string;
  path: string[];
  schema: JsonSchema;
  optional: boolean;
  value: OutcomeValue;
  onChange: (value: OutcomeValue) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const text = useFieldText();
  const { organisations } = useReferenceData();
  const { name, path, schema, optional, value, onChange, errors } = props;
  const id = path.join('-');
  const label = text.label(name);
  const common = {
    id,
    label,
    description: text.hint(name),
    error: errors[id],
    optional,
    value: value as string,
    onChange,
  };

  if (schema.type === 'array') {
    const items = schema.items ?? {};
    // The label of one entry: the singular field name when it is translated ("riskSignals" → "riskSignal").
    const singular = name.endsWith('s') ? text.label(name.slice(0, -1)) : label;
    const list = value as OutcomeValue[];
    return (
      <Repeater
        id={id}
        legend={label}
        description={common.description}
        error={errors[id]}
        items={list}
        onChange={onChange}
        create={() => initialValue(items)}
        itemLegend={(i) => t('common.item', { label: singular, number: i + 1 })}
        addLabel={t('task.addItem', { label: singular })}
        removeLabel={(i) => t('task.removeItem', { label: singular, number: i + 1 })}
        minItems={schema.minItems}
        maxItems={schema.maxItems}
      >
        {(item, i, update) =>
          items.type === 'object' ? (
            <ObjectFields path={[...path, String(i)]} schema={items} value={item} onChange={update} errors={errors} />
          ) : (
            <SchemaField
              name={name.slice(0, -1)}
              path={[...path, String(i)]}
              schema={items}
              optional={false}
              value={item}
              onChange={update}
              errors={errors}
            />
          )
        }
      </Repeater>
    );
  }
  if (schema.type === 'object') {
    // A group of fields (her participation, one checklist item): a fieldset whose legend names it.
    return (
      <Fieldset id={id} className="doorloop-outcome-group">
        <FieldsetLegend>{label}</FieldsetLegend>
        <ObjectFields path={path} schema={schema} value={value} onChange={onChange} errors={errors} />
      </Fieldset>
    );
  }
  if (schema.enum) {
    const options = schema.enum.map((choice) => ({ value: choice, label: text.choice(choice, name) }));
    return <Field {...common} type="select" options={options} />;
  }
  if (isOrganisationField(name)) {
    return <Field {...common} type="select" options={organisations.map((o) => ({ value: o.id, label: o.name }))} />;
  }
  if (schema.format === 'date') return <Field {...common} type="date" />;
  const long = (schema.maxLength ?? 0) > 500;
  return <Field {...common} type={long ? 'textarea' : 'text'} maxLength={schema.maxLength} />;
}

/** A completed outcome, read-only, labelled the way its form was (`name`: the field it is the value of). */
export function OutcomeView({ outcome, name }: { outcome: unknown; name?: string }) {
  const text = useFieldText();
  if (Array.isArray(outcome)) {
    return (
      <ol className="doorloop-outcome__list">
        {(outcome as unknown[]).map((item, i) => (
          <li key={i}>
            <OutcomeView outcome={item} name={name} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof outcome === 'object' && outcome !== null) {
    return (
      <dl className="doorloop-outcome">
        {Object.entries(outcome as Record<string, unknown>).map(([field, value]) => (
          <div key={field} className="doorloop-outcome__item">
            <dt>{text.label(field)}</dt>
            <dd>
              <OutcomeView outcome={value} name={field} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{typeof outcome === 'string' ? text.choice(outcome, name) : String(outcome)}</>;
}
