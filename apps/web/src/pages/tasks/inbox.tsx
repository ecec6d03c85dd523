import { StatusBadge } from '@utrecht/component-library-react';
import { TASK_KINDS } from '@doorloop/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Task } from '@doorloop/contracts';
import { usePagedResource } from '../../api/use-paged-resource';
import { useMe } from '../../auth/session';
import { PagedTable, type Column } from '../../components/data-table';
import { Field } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { TextLink } from '../../components/links';
import { FilterSelect, SearchForm, filterBinder } from '../../components/search-form';
import { formatDay } from '../../i18n/format';

/** What the inbox shows unless asked otherwise: the work still to do. */
const DEFAULT_STATUS = 'open,claimed';
const STATUS_FILTERS = ['open,claimed', 'open', 'claimed', 'done'] as const;

/**
 * The tasks of my organisation (a coordinator: of the region), the first due at the top; overdue ones are marked in
 * words and colour. Filters live in the address.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = {
    // `status=all` in the address: every status; no status there: the default.
    status: params.get('status') === 'all' ? '' : (params.get('status') ?? DEFAULT_STATUS),
    kind: params.get('kind') ?? '',
    dueFrom: params.get('dueFrom') ?? '',
    dueTo: params.get('dueTo') ?? '',
  };
  const [draft, setDraft] = useState(filters);
  const filter = filterBinder(draft, setDraft);
  const list = usePagedResource(params.toString(), (api, cursor) =>
    api.get('/tasks', { query: { ...filters, cursor, limit: 50 } }),
  );
  const title =
    me.role === 'partner' && me.organisationName
      ? t('inbox.titleOrganisation', { organisation: me.organisationName })
      : me.role === 'partner'
        ? t('inbox.title')
        : t('inbox.titleRegion');

  const columns: Column<Task>[] = [
    {
      header: 'inbox.due',
      cell: (task) => (
        <>
          <time dateTime={task.dueAt}>{formatDay(task.dueAt)}</time>
          {task.overdue ? (
            <>
              {' '}
              <StatusBadge status="danger">{t('inbox.overdue')}</StatusBadge>
            </>
          ) : null}
        </>
      ),
    },
    {
      header: 'inbox.task',
      rowHeader: true,
      cell: (task) => <TextLink to={`/tasks/${task.id}`}>{t(`kinds.${task.kind}`)}</TextLink>,
    },
    { header: 'inbox.pseudonym', cell: (task) => task.pseudonym ?? '—' },
    { header: 'inbox.status', cell: (task) => t(`taskStatus.${task.status}`) },
  ];

  const apply = () => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) {
      if (value && !(key === 'status' && value === DEFAULT_STATUS)) next.set(key, value);
    }
    if (!draft.status) next.set('status', 'all');
    setParams(next);
  };

  return (
    <>
      <PageHeading title={title} intro={t('inbox.intro')} />
      <SearchForm label={t('inbox.filters')} submitLabel={t('common.apply')} onSubmit={apply}>
        <FilterSelect
          {...filter('status')}
          label={t('inbox.status')}
          options={STATUS_FILTERS.map((value) => ({
            value,
            label: value
              .split(',')
              .map((s) => t(`taskStatus.${s as 'open'}`))
              .join(' + '),
          }))}
        />
        <FilterSelect
          {...filter('kind')}
          label={t('inbox.kind')}
          options={TASK_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <Field {...filter('dueFrom')} type="date" optional label={t('inbox.dueFrom')} />
        <Field {...filter('dueTo')} type="date" optional label={t('inbox.dueTo')} />
      </SearchForm>
      <PagedTable
        list={list}
        summary={(count) => t('inbox.count', { count })}
        caption={t('inbox.caption')}
        columns={columns}
        rowKey={(task) => task.id}
        rowClassName={(task) => (task.overdue ? 'doorloop-row--overdue' : undefined)}
        empty={t('inbox.empty')}
      />
    </>
  );
}
