import {
  Button,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PagedResource } from '../api/use-paged-resource';
import { Loading, ProblemAlert } from './feedback';
import { Section } from './layout';

/** One column of a {@link DataTable}: what its header says and what each row shows in it. */
export interface Column<T> {
  /** The header's text, by its i18n key. */
  header: ParseKeys;
  cell: (row: T) => ReactNode;
  /** The cell that names its row: a row header, so a screen reader announces it with every cell across. */
  rowHeader?: boolean;
  /** Counts: right-aligned with tabular digits, so they line up. */
  numeric?: boolean;
}

/** A table is named by its caption, or (when a heading right above already names it) by that heading. */
type TableName = { caption: string; labelledBy?: never } | { labelledBy: string; caption?: never };

export type DataTableProps<T> = TableName & {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
};

/**
 * The one table of the app, in the NL Design System markup: a caption or `aria-labelledby`, column headers with
 * `scope="col"`, the naming cell of each row a row header (`scope="row"`). With `empty`, no rows show that text
 * instead of a table with only headers.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, empty, rowClassName } = props;
  const { t } = useTranslation();
  if (rows.length === 0 && empty !== undefined) return <Paragraph>{empty}</Paragraph>;
  return (
    <Table aria-labelledby={props.labelledBy}>
      {props.caption ? <TableCaption>{props.caption}</TableCaption> : null}
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column.header} scope="col" numericColumn={column.numeric}>
              {t(column.header)}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((column) =>
              column.rowHeader ? (
                <TableHeaderCell key={column.header} scope="row" numericColumn={column.numeric}>
                  {column.cell(row)}
                </TableHeaderCell>
              ) : (
                <TableCell key={column.header} numericColumn={column.numeric}>
                  {column.cell(row)}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A {@link DataTable} over a cursor-paged list: its problem, its loading, an optional live `summary` above the rows,
 * and a button for the next page while there is one.
 */
export function PagedTable<T>(
  props: Omit<DataTableProps<T>, 'rows' | 'caption' | 'labelledBy'> & {
    caption: string;
    list: PagedResource<T>;
    summary?: (count: number) => ReactNode;
  },
) {
  const { list, summary, ...table } = props;
  const { t } = useTranslation();
  return (
    <>
      <ProblemAlert error={list.error} />
      {list.loading ? (
        <Loading />
      ) : list.error ? null : (
        <>
          {summary && list.items.length ? <Paragraph role="status">{summary(list.items.length)}</Paragraph> : null}
          <DataTable {...table} rows={list.items} />
        </>
      )}
      {list.hasMore ? (
        <Button appearance="secondary-action-button" onClick={list.loadMore}>
          {t('common.more')}
        </Button>
      ) : null}
    </>
  );
}

/** A {@link Section} of a page that is one table: the section's heading names the table. */
export type TableSectionProps<T> = Omit<DataTableProps<T>, 'caption' | 'labelledBy'> & {
  id: string;
  title: string;
  intro?: ReactNode;
};

export function TableSection<T>(props: TableSectionProps<T>) {
  const { id, title, intro, ...table } = props;
  return (
    <Section id={id} title={title} intro={intro}>
      <DataTable {...table} labelledBy={`${id}-heading`} />
    </Section>
  );
}
