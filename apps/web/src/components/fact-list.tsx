import { DataList, DataListItem, DataListKey, DataListValue } from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One fact: its name, by i18n key, and its value. */
export interface Fact {
  label: ParseKeys;
  value: ReactNode;
}

/** The facts of a thing (a trajectory, a task, a handover) as an NL Design System data list: name, then value. */
export function FactList({ facts }: { facts: readonly Fact[] }) {
  const { t } = useTranslation();
  return (
    <DataList>
      {facts.map((fact) => (
        <DataListItem key={fact.label}>
          <DataListKey>{t(fact.label)}</DataListKey>
          <DataListValue>{fact.value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}
