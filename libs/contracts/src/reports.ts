import { z } from 'zod';

/** GET /reports/annual */
export const annualReportQuerySchema = z.strictObject({
  year: z.coerce
    .number('must be a year, e.g. 2026')
    .int('must be a year, e.g. 2026')
    .min(2000)
    .max(2100)
    .describe('The calendar year reported on (Europe/Amsterdam).'),
  municipalityCode: z
    .string()
    .regex(/^GM\d{4}$/, 'must be a CBS municipality code, GM followed by four digits')
    .optional()
    .describe('One municipality of the region (directors: one they watch); absent: every municipality in scope.'),
});
export type AnnualReportQuery = z.input<typeof annualReportQuerySchema>;

/** A published count: digits, `< 5` for a small count, `x` for one hidden so that no total gives a small one away. */
const published = z.string().describe('A count; "< 5" (small) or "x" (hidden so totals do not reveal a small one).');

export const reportTableSchema = z.object({
  name: z
    .string()
    .describe(
      'ageBandAtStart, exploitationForms, trajectories, inCareSixMonthsAfter18, handovers, transfersByReason, ' +
        'signalCategories, signalOutcomes.',
    ),
  columns: z.array(z.string()),
  rows: z
    .array(
      z.object({
        municipalityCode: z.string(),
        municipalityName: z.string(),
        cells: z.array(published),
        total: published,
      }),
    )
    .describe('Per municipality; empty for what is counted for the region only (signals have no municipality).'),
  total: z
    .object({ cells: z.array(published), total: published })
    .describe('The region: every municipality, also those outside the selection.'),
});

export const annualReportSchema = z.object({
  year: z.number().int(),
  municipalityCode: z.string().nullable(),
  tables: z.array(reportTableSchema),
});
export type AnnualReport = z.output<typeof annualReportSchema>;
