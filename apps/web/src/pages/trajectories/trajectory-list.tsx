import { ButtonGroup } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import type { Trajectory, TrajectoryStatus } from '@doorloop/contracts';
import { usePagedResource } from '../../api/use-paged-resource';
import { PagedTable, type Column } from '../../components/data-table';
import { Field } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { ButtonLink, TextLink } from '../../components/links';
import { FilterSelect, SearchForm, filterBinder } from '../../components/search-form';
import { formatDate, formatDay } from '../../i18n/format';

const STATUSES: TrajectoryStatus[] = ['active', 'paused', 'closed'];

/** The coordinator's trajectories, searchable by pseudonym; the filters live in the address, so back works. */
export function TrajectoryListPage() {
  const { t } = useTranslation();
  const { municipalityName } = useReferenceData();
  const [params, setParams] = useSearchParams();
  const pseudonym = params.get('pseudonym') ?? '';
  const status = params.get('status') ?? '';
  const [draft, setDraft] = useState({ pseudonym, status });
  const filter = filterBinder(draft, setDraft);
  const list = usePagedResource(params.toString(), (api, cursor) =>
    api.get('/trajectories', { query: { pseudonym, status, cursor, limit: 50 } }),
  );

  const columns: Column<Trajectory>[] = [
    {
      header: 'trajectories.pseudonym',
      rowHeader: true,
      cell: (trajectory) => <TextLink to={`/trajectories/${trajectory.id}`}>{trajectory.pseudonym}</TextLink>,
    },
    { header: 'trajectories.birthDate', cell: (trajectory) => formatDate(trajectory.birthDate) },
    { header: 'trajectories.municipality', cell: (trajectory) => municipalityName(trajectory.municipalityCode) },
    { header: 'trajectories.status', cell: (trajectory) => t(`trajectoryStatus.${trajectory.status}`) },
    { header: 'trajectories.transfers', cell: (trajectory) => trajectory.transfers, numeric: true },
    { header: 'trajectories.createdAt', cell: (trajectory) => formatDay(trajectory.createdAt) },
  ];

  const apply = () => {
    const next = new URLSearchParams();
    if (draft.pseudonym.trim()) next.set('pseudonym', draft.pseudonym.trim().toUpperCase());
    if (draft.status) next.set('status', draft.status);
    setParams(next);
  };

  return (
    <>
      <PageHeading title={t('trajectories.title')} intro={t('trajectories.intro')} />
      <ButtonGroup>
        <ButtonLink to="/trajectories/new" appearance="primary-action">
          {t('trajectories.start')}
        </ButtonLink>
      </ButtonGroup>
      <SearchForm submitLabel={t('common.apply')} onSubmit={apply}>
        <Field
          {...filter('pseudonym')}
          type="search"
          optional
          label={t('trajectories.searchPseudonym')}
          description={t('trajectories.searchPseudonymHint')}
        />
        <FilterSelect
          {...filter('status')}
          label={t('trajectories.status')}
          options={STATUSES.map((s) => ({ value: s, label: t(`trajectoryStatus.${s}`) }))}
        />
      </SearchForm>
      <PagedTable
        list={list}
        caption={t('trajectories.caption')}
        columns={columns}
        rowKey={(trajectory) => trajectory.id}
        empty={t('trajectories.empty')}
      />
    </>
  );
}
