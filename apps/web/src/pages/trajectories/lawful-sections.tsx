import { StatusBadge } from '@utrecht/component-library-react';
import { CHANGE_REASONS, isOverridableRule, type Trajectory } from '@doorloop/contracts';
import { useTranslation } from 'react-i18next';
import { TableSection, type Column } from '../../components/data-table';
import { formatDate, formatDateTime } from '../../i18n/format';

/**
 * What the trajectory page shows of issue 13 beside its facts: the facts recorded against a legal rule (with the rule
 * and the reason), and the changes of placement by reason, of which only some count as the quality signal.
 */

/** A placement or measure recorded against a legal rule says so in words, beside its type. */
export function OverriddenMark({ overridden }: { overridden?: boolean }) {
  const { t } = useTranslation();
  return overridden ? (
    <>
      {' '}
      <StatusBadge status="warning">{t('lawful.overridden')}</StatusBadge>
    </>
  ) : null;
}

type LegalOverride = NonNullable<Trajectory['overrides']>[number];

/** The overridden fact in words: its type and start date, as the tables above name it. */
function useSubjectName(trajectory: Trajectory) {
  const { t } = useTranslation();
  return (o: LegalOverride): string => {
    if (o.subject === 'placement') {
      const placement = trajectory.placements.find((p) => p.id === o.subjectId);
      return placement
        ? t('lawful.subjectValue', {
            type: t(`placementTypes.${placement.type}`),
            date: formatDate(placement.startDate),
          })
        : t('lawful.subjectPlacement');
    }
    const measure = trajectory.courtMeasures.find((m) => m.id === o.subjectId);
    return measure
      ? t('lawful.subjectValue', { type: t(`courtMeasureTypes.${measure.type}`), date: formatDate(measure.startDate) })
      : t('lawful.subjectCourtMeasure');
  };
}

export function OverridesSection({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const subject = useSubjectName(trajectory);
  const rule = (code: string) => (isOverridableRule(code) ? t(`legalRules.${code}`) : code);
  const columns: Column<LegalOverride>[] = [
    { header: 'lawful.subject', cell: subject, rowHeader: true },
    { header: 'lawful.rules', cell: (o) => o.rules.map(rule).join('; ') },
    { header: 'lawful.overrideReason', cell: (o) => o.reason },
    {
      header: 'lawful.recordedAt',
      cell: (o) => <time dateTime={o.recordedAt}>{formatDateTime(o.recordedAt)}</time>,
    },
  ];
  return (
    <TableSection
      id="overrides"
      title={t('lawful.overrides')}
      intro={t('lawful.overridesIntro')}
      columns={columns}
      rows={trajectory.overrides ?? []}
      rowKey={(o) => `${o.subject}-${o.subjectId}-${o.recordedAt}`}
      empty={t('lawful.noOverrides')}
    />
  );
}

const REASONS = [...CHANGE_REASONS, 'unspecified'] as const;
type Reason = (typeof REASONS)[number];

export function TransfersSection({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const counts = trajectory.transfersByReason;
  const columns: Column<Reason>[] = [
    { header: 'lawful.changeReason', cell: (reason) => t(`changeReasons.${reason}`), rowHeader: true },
    { header: 'lawful.count', cell: (reason) => counts.byReason[reason], numeric: true },
  ];
  return (
    <TableSection
      id="transfers"
      title={t('lawful.transfersByReason')}
      intro={t('lawful.transfersValue', { quality: counts.quality, total: counts.total })}
      columns={columns}
      rows={REASONS.filter((reason) => counts.byReason[reason] > 0)}
      rowKey={(reason) => reason}
      empty={t('lawful.noTransfers')}
    />
  );
}
