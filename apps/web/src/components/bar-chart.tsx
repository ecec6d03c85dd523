import { Heading3 } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from './data-table';

export interface Bar {
  label: string;
  count: number;
}

const COLUMNS: Column<Bar>[] = [
  { header: 'director.chartCategory', cell: (bar) => bar.label, rowHeader: true },
  { header: 'director.chartCount', cell: (bar) => bar.count, numeric: true },
];

const ROW = 36;
const WIDTH = 720;
const LABEL_WIDTH = 300;
const BAR_WIDTH = 340;

/**
 * A horizontal bar chart in plain SVG: an image with a title and a text description that lists every bar, and the
 * same numbers as a table under a disclosure (WCAG 1.1.1). Bars are dark on light (contrast well over 3:1, 1.4.11),
 * and the numbers are written next to them, so colour carries no information alone (1.4.1).
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.count));
  const height = bars.length * ROW + 8;
  const description = bars.map((b) => t('director.chartSummary', { label: b.label, count: b.count })).join('; ');
  return (
    <figure className="doorloop-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <Heading3>{title}</Heading3>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="doorloop-chart__svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          const width = Math.max(2, (bar.count / max) * BAR_WIDTH);
          return (
            <g key={bar.label}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + ROW / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="doorloop-chart__label"
              >
                {bar.label.length > 36 ? `${bar.label.slice(0, 35)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 6} width={width} height={ROW - 12} className="doorloop-chart__bar" />
              <text
                x={LABEL_WIDTH + width + 8}
                y={y + ROW / 2}
                dominantBaseline="middle"
                className="doorloop-chart__value"
              >
                {bar.count}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="doorloop-chart__table">
        <summary>{t('director.chartAsTable')}</summary>
        <DataTable labelledBy={`${id}-caption`} columns={COLUMNS} rows={bars} rowKey={(bar) => bar.label} />
      </details>
    </figure>
  );
}
