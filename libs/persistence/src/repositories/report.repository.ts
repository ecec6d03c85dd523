import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One count of one municipality (null: the region as a whole, for what has no municipality) under one key. */
export interface ReportCount {
  municipalityCode: string | null;
  key: string;
  count: number;
}

/** The day a trajectory started (facts.startedOn, else when it was created), on the Amsterdam calendar. */
const STARTED_ON = `(coalesce(to_timestamp((t.facts->>'startedOn')::numeric / 1000), t.created_at)
  AT TIME ZONE 'Europe/Amsterdam')::date`;

/** Counts for the annual report, no persons: every query groups and counts, none returns a row of a trajectory. */
@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async municipalities(regionId: string): Promise<{ code: string; name: string }[]> {
    return this.dataSource.query(`SELECT code, name FROM municipalities WHERE region_id = $1 ORDER BY code`, [
      regionId,
    ]);
  }

  /** Trajectories started in `year`, by age band at start (under 16, 16–17, 18–22, 23 and older). */
  ageBandsAtStart(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT municipality_code, CASE
                WHEN age < 16 THEN 'under-16' WHEN age < 18 THEN '16-17' WHEN age < 23 THEN '18-22' ELSE '23-plus' END AS key,
              count(*)::int AS count
         FROM (SELECT t.municipality_code, date_part('year', age(${STARTED_ON}, t.birth_date))::int AS age
                 FROM trajectories t
                WHERE t.region_id = $1 AND date_part('year', ${STARTED_ON}) = $2) started
        GROUP BY 1, 2`,
      [regionId, year],
    );
  }

  /**
   * Trajectories started in `year`, by form of exploitation: a trajectory counts once under each form recorded (so a
   * row's forms may add up to more than its trajectories), and under `not-recorded` when none is.
   */
  exploitationForms(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT t.municipality_code, f.form AS key, count(*)::int AS count
         FROM trajectories t
        CROSS JOIN LATERAL unnest(
               CASE WHEN cardinality(t.exploitation_forms) > 0 THEN t.exploitation_forms
                    ELSE ARRAY['not-recorded']::text[] END) AS f(form)
        WHERE t.region_id = $1 AND date_part('year', ${STARTED_ON}) = $2
        GROUP BY 1, 2`,
      [regionId, year],
    );
  }

  /**
   * Transfers in `year`: every placement after a trajectory's first (in the order the facts keep them, as the domain's
   * `transfersByReason` counts) whose start date falls in the year, by its `changeReason`; `unspecified` without one.
   */
  transfersByReason(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT t.municipality_code, coalesce(p.placement->>'changeReason', 'unspecified') AS key, count(*)::int AS count
         FROM trajectories t
        CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(t.facts->'placements') = 'array' THEN t.facts->'placements' ELSE '[]'::jsonb END
             ) WITH ORDINALITY AS p(placement, position)
        WHERE t.region_id = $1 AND p.position > 1
          AND date_part('year', (p.placement->>'startDate')::date) = $2
        GROUP BY 1, 2`,
      [regionId, year],
    );
  }

  /** Trajectories started, and closed, in `year`. */
  startedAndClosed(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT t.municipality_code, 'started' AS key, count(*)::int AS count FROM trajectories t
        WHERE t.region_id = $1 AND date_part('year', ${STARTED_ON}) = $2
        GROUP BY 1
       UNION ALL
       SELECT t.municipality_code, 'closed', count(*)::int FROM trajectories t
         JOIN trajectory_closures c ON c.trajectory_id = t.id
        WHERE t.region_id = $1 AND date_part('year', c.closed_on) = $2
        GROUP BY 1`,
      [regionId, year],
    );
  }

  /**
   * Of those whose 18th birthday plus six months fell in `year` (and had started before it), how many were still in
   * care that day (not closed on or before it), and how many not.
   */
  inCareSixMonthsAfter18(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT t.municipality_code,
              CASE WHEN c.closed_on IS NULL OR c.closed_on > t.birth_date + interval '18 years 6 months'
                   THEN 'in-care' ELSE 'not-in-care' END AS key,
              count(*)::int AS count
         FROM trajectories t LEFT JOIN trajectory_closures c ON c.trajectory_id = t.id
        WHERE t.region_id = $1
          AND date_part('year', t.birth_date + interval '18 years 6 months') = $2
          AND ${STARTED_ON} <= t.birth_date + interval '18 years 6 months'
        GROUP BY 1, 2`,
      [regionId, year],
    );
  }

  /** Handovers answered in `year`: accepted on time (by the due moment), accepted late, rejected. */
  handovers(regionId: string, year: number): Promise<ReportCount[]> {
    return this.counts(
      `SELECT t.municipality_code,
              CASE WHEN h.status = 'rejected' THEN 'rejected'
                   WHEN h.acknowledged_at <= h.due_at THEN 'accepted-on-time' ELSE 'accepted-late' END AS key,
              count(*)::int AS count
         FROM handovers h JOIN trajectories t ON t.id = h.trajectory_id
        WHERE t.region_id = $1 AND h.status <> 'pending'
          AND date_part('year', h.acknowledged_at AT TIME ZONE 'Europe/Amsterdam') = $2
        GROUP BY 1, 2`,
      [regionId, year],
    );
  }

  /** Signals that came in `year` (the region's: a signal has no municipality), by category and by triage outcome. */
  signals(regionId: string, year: number): Promise<{ categories: ReportCount[]; outcomes: ReportCount[] }> {
    const where = `WHERE region_id = $1 AND date_part('year', received_on) = $2`;
    return Promise.all([
      this.counts(
        `SELECT NULL AS municipality_code, category AS key, count(*)::int AS count FROM signals ${where} GROUP BY 2`,
        [regionId, year],
      ),
      this.counts(
        `SELECT NULL AS municipality_code, coalesce(triage_outcome, 'not-triaged') AS key, count(*)::int AS count
           FROM signals ${where} GROUP BY 2`,
        [regionId, year],
      ),
    ]).then(([categories, outcomes]) => ({ categories, outcomes }));
  }

  private async counts(sql: string, parameters: unknown[]): Promise<ReportCount[]> {
    const rows: { municipality_code: string | null; key: string; count: number }[] = await this.dataSource.query(
      sql,
      parameters,
    );
    return rows.map((row) => ({
      municipalityCode: row.municipality_code?.trim() ?? null,
      key: row.key,
      count: row.count,
    }));
  }
}
