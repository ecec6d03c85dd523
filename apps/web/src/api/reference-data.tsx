import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../auth/session';
import type { Municipality, Organisation } from '@doorloop/contracts';

interface ReferenceData {
  organisations: Organisation[];
  municipalities: Municipality[];
  organisationName: (id: string) => string;
  municipalityName: (code: string) => string;
}

const ReferenceDataContext = createContext<ReferenceData | null>(null);

/**
 * The region's organisations and municipalities, loaded once per sign-in: pages show names where the api gives ids.
 * When a role may not read them, names fall back to a neutral text and the page still works.
 */
export function ReferenceDataProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useTranslation();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  useEffect(() => {
    api.get('/organisations').then(
      (page) => setOrganisations(page.items),
      () => setOrganisations([]),
    );
    api.get('/municipalities').then(
      (page) => setMunicipalities(page.items),
      () => setMunicipalities([]),
    );
  }, [api]);
  const value = useMemo<ReferenceData>(() => {
    const organisationsById = new Map(organisations.map((o) => [o.id, o.name]));
    const municipalitiesByCode = new Map(municipalities.map((m) => [m.code, m.name]));
    return {
      organisations,
      municipalities,
      organisationName: (id) => organisationsById.get(id) ?? t('common.unknownOrganisation'),
      municipalityName: (code) => municipalitiesByCode.get(code) ?? code,
    };
  }, [organisations, municipalities, t]);
  return <ReferenceDataContext.Provider value={value}>{children}</ReferenceDataContext.Provider>;
}

export function useReferenceData(): ReferenceData {
  const value = useContext(ReferenceDataContext);
  if (!value) throw new Error('useReferenceData outside ReferenceDataProvider');
  return value;
}
