import { Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, type TaskKind, transferCounts, type TransferCounts } from '@doorloop/domain';
import { DataSource } from 'typeorm';

/** Which trajectories an oversight read covers: a region, optionally narrowed to some municipalities. */
export interface OversightScope {
  regionId: string;
  municipalityCodes?: readonly string[];
}

export interface OverdueHandoverRow {
  taskId: string;
  handoverId: string | null;
  trajectoryId: string;
  pseudonym: string;
  kind: TaskKind;
  municipalityCode: string;
  sendingOrganisation: { id: string; name: string } | null;
  receivingOrganisation: { id: string; name: string };
  dueAt: Date;
}

/** A rejected or accepted handover of a trajectory that had a rejection: what the director's list is decided from. */
export interface AnsweredHandoverRow extends Omit<OverdueHandoverRow, 'kind'> {
  occurrenceKey: string;
  status: 'accepted' | 'rejected';
  reason: string | null;
  acknowledgedAt: Date;
}

/** Continuity at 18 per municipality, counted in SQL (see the dashboard schema in libs/contracts). */
export interface ContinuityFigures {
  birthdays18Last12Months: number;
  decidedInTime: number;
  handoversDueLast12Months: number;
  handoversAcceptedOnTime: number;
  rejectedHandovers: number;
  rejectedLast12Months: number;
}

export interface ActivityCounts {
  open: number;
  overdue: number;
  handoversPending: number;
  handoversOverdue: number;
}

export interface MunicipalityFigures extends ActivityCounts {
  code: string;
  name: string;
  birthdays18Next6Months: number;
  birthdays18Next12Months: number;
  /** The quality signal (breakdown, safety, absconded, and changes without a reason): `transferCounts`' own. */
  transfersLast12Months: number;
  transfersByReasonLast12Months: TransferCounts['byReason'];
  missingEpisodes: { open: number; last12Months: number };
  stillInCare6MonthsAfter18: { eligible: number; inCare: number };
  continuityAt18: ContinuityFigures;
  organisations: ({ id: string; name: string } & ActivityCounts)[];
}

/**
 * The director's reads: pseudonyms and aggregates, never case files. Every query is bounded by the scope in SQL, and
 * reads the indexes of migration TaskInbox1763950000000. Municipality codes are char(6): the scope compares them as
 * `bpchar[]`, because against `text[]` PostgreSQL casts the column in every row and cannot use its index (a scan of all
 * trajectories: 120 ms instead of under 1 at 100,000 of them; see docs/performance.md).
 */
@Injectable()
export class OversightRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Tasks on the director's list: of a listed kind (handover, transition review), still to do, past their list moment
   * (due + 7 days). A handover counts once, by its receiving organisation's task: the answer it is waiting for.
   */
  async overdueHandovers(scope: OversightScope, now: Date): Promise<OverdueHandoverRow[]> {
    const rows: {
      task_id: string;
      handover_id: string | null;
      trajectory_id: string;
      pseudonym: string;
      kind: TaskKind;
      municipality_code: string;
      sending_id: string | null;
      sending_name: string | null;
      receiving_id: string;
      receiving_name: string;
      due_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id AS task_id, h.id AS handover_id, t.trajectory_id, tr.pseudonym, t.kind, tr.municipality_code,
              so.id AS sending_id, so.name AS sending_name, ro.id AS receiving_id, ro.name AS receiving_name, t.due_at
         FROM tasks t
         JOIN trajectories tr ON tr.id = t.trajectory_id
         JOIN organisations ro ON ro.id = t.organisation_id
         LEFT JOIN handovers h
           ON t.kind = 'handover' AND h.trajectory_id = t.trajectory_id AND h.occurrence_key = t.occurrence_key
         LEFT JOIN organisations so ON so.id = h.sending_organisation_id
        WHERE t.director_list_at IS NOT NULL AND t.status IN ('open', 'claimed') AND t.director_list_at <= $1
          AND (t.kind <> 'handover' OR h.id IS NULL OR t.organisation_id = h.receiving_organisation_id)
          AND tr.region_id = $2 AND ($3::bpchar[] IS NULL OR tr.municipality_code = ANY($3::bpchar[]))
        ORDER BY t.due_at, t.id`,
      [now, scope.regionId, scope.municipalityCodes ?? null],
    );
    return rows.map((r) => ({
      taskId: r.task_id,
      handoverId: r.handover_id,
      trajectoryId: r.trajectory_id,
      pseudonym: r.pseudonym,
      kind: r.kind,
      municipalityCode: r.municipality_code,
      sendingOrganisation: r.sending_id === null ? null : { id: r.sending_id, name: r.sending_name ?? '' },
      receivingOrganisation: { id: r.receiving_id, name: r.receiving_name },
      dueAt: r.due_at,
    }));
  }

  /**
   * The accepted and rejected handovers of the trajectories in scope that had a rejection, each by the receiving
   * organisation's task: the service decides from them which rejections are still on the director's list
   * (libs/domain `rejectedOnDirectorList`).
   */
  async answeredHandovers(scope: OversightScope): Promise<AnsweredHandoverRow[]> {
    const rows: {
      task_id: string;
      handover_id: string;
      trajectory_id: string;
      occurrence_key: string;
      pseudonym: string;
      municipality_code: string;
      sending_id: string;
      sending_name: string;
      receiving_id: string;
      receiving_name: string;
      due_at: Date;
      status: 'accepted' | 'rejected';
      reason: string | null;
      acknowledged_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id AS task_id, h.id AS handover_id, h.trajectory_id, h.occurrence_key, tr.pseudonym, tr.municipality_code,
              so.id AS sending_id, so.name AS sending_name, ro.id AS receiving_id, ro.name AS receiving_name,
              h.due_at, h.status, h.reason, h.acknowledged_at
         FROM handovers h
         JOIN trajectories tr ON tr.id = h.trajectory_id
         JOIN organisations ro ON ro.id = h.receiving_organisation_id
         JOIN organisations so ON so.id = h.sending_organisation_id
         JOIN tasks t ON t.trajectory_id = h.trajectory_id AND t.occurrence_key = h.occurrence_key
                     AND t.organisation_id = h.receiving_organisation_id
        WHERE h.status IN ('accepted', 'rejected') AND h.acknowledged_at IS NOT NULL
          AND h.trajectory_id IN (SELECT r.trajectory_id FROM handovers r WHERE r.status = 'rejected')
          AND tr.region_id = $1 AND ($2::bpchar[] IS NULL OR tr.municipality_code = ANY($2::bpchar[]))
        ORDER BY h.acknowledged_at, h.id`,
      [scope.regionId, scope.municipalityCodes ?? null],
    );
    return rows.map((r) => ({
      taskId: r.task_id,
      handoverId: r.handover_id,
      trajectoryId: r.trajectory_id,
      occurrenceKey: r.occurrence_key,
      pseudonym: r.pseudonym,
      municipalityCode: r.municipality_code,
      sendingOrganisation: { id: r.sending_id, name: r.sending_name },
      receivingOrganisation: { id: r.receiving_id, name: r.receiving_name },
      dueAt: r.due_at,
      status: r.status,
      reason: r.reason,
      acknowledgedAt: r.acknowledged_at,
    }));
  }

  /** The dashboard's figures per municipality in scope, and per organisation within each. */
  async dashboard(scope: OversightScope, now: Date): Promise<MunicipalityFigures[]> {
    const params = [scope.regionId, scope.municipalityCodes ?? null, now];
    const inScope = `tr.region_id = $1 AND ($2::bpchar[] IS NULL OR tr.municipality_code = ANY($2::bpchar[]))`;
    const [municipalities, trajectoryFigures, taskCounts, handoverCounts, continuity] = await Promise.all([
      this.dataSource.query<{ code: string; name: string }[]>(
        `SELECT m.code, m.name FROM municipalities m
          WHERE m.region_id = $1 AND ($2::bpchar[] IS NULL OR m.code = ANY($2::bpchar[])) ORDER BY m.code`,
        [scope.regionId, scope.municipalityCodes ?? null],
      ),
      // Dates in Europe/Amsterdam: "today" is the local date, birthdays are calendar dates.
      this.dataSource.query<
        {
          code: string;
          birthdays6: string;
          birthdays12: string;
          transfers_by_reason: Record<string, number> | null;
          missing_open: string;
          missing_12: string;
          eligible: string;
          in_care: string;
        }[]
      >(
        `WITH today AS (SELECT ($3::timestamptz AT TIME ZONE $4)::date AS d),
              t AS (
                SELECT tr.municipality_code AS code, tr.status, tr.facts,
                       (tr.birth_date + interval '18 years')::date AS adult,
                       (tr.birth_date + interval '18 years 6 months')::date AS adult_plus_6,
                       (tr.facts->'closure'->>'date')::date AS closed_on
                  FROM trajectories tr WHERE ${inScope})
         SELECT t.code,
                count(*) FILTER (WHERE t.status <> 'closed' AND t.adult > today.d
                                   AND t.adult <= (today.d + interval '6 months')::date) AS birthdays6,
                count(*) FILTER (WHERE t.status <> 'closed' AND t.adult > today.d
                                   AND t.adult <= (today.d + interval '12 months')::date) AS birthdays12,
                (SELECT jsonb_object_agg(reason, n) FROM (
                   SELECT coalesce(p.v->>'changeReason', 'unspecified') AS reason, count(*) AS n
                     FROM t t2, jsonb_array_elements(t2.facts->'placements') WITH ORDINALITY p(v, n)
                    WHERE t2.code = t.code AND p.n > 1
                      AND (p.v->>'startDate')::date > ((SELECT d FROM today) - interval '12 months')::date
                      AND (p.v->>'startDate')::date <= (SELECT d FROM today)
                    GROUP BY 1) r) AS transfers_by_reason,
                coalesce(sum((SELECT count(*) FROM jsonb_array_elements(coalesce(t.facts->'missingEpisodes', '[]')) e
                               WHERE t.status <> 'closed' AND NOT (e ? 'returnedAt'))), 0) AS missing_open,
                coalesce(sum((SELECT count(*) FROM jsonb_array_elements(coalesce(t.facts->'missingEpisodes', '[]')) e
                               WHERE to_timestamp((e->>'since')::double precision / 1000) > $3::timestamptz - interval '12 months')), 0)
                  AS missing_12,
                count(*) FILTER (WHERE t.adult_plus_6 <= today.d) AS eligible,
                count(*) FILTER (WHERE t.adult_plus_6 <= today.d
                                   AND (t.closed_on IS NULL OR t.closed_on > t.adult_plus_6)) AS in_care
           FROM t, today GROUP BY t.code`,
        [...params, DEFAULT_TIME_ZONE],
      ),
      this.dataSource.query<{ code: string; organisation_id: string; name: string; open: string; overdue: string }[]>(
        `SELECT tr.municipality_code AS code, o.id AS organisation_id, o.name,
                count(*) AS open, count(*) FILTER (WHERE t.due_at <= $3) AS overdue
           FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id JOIN organisations o ON o.id = t.organisation_id
          WHERE t.status IN ('open', 'claimed') AND ${inScope}
          GROUP BY tr.municipality_code, o.id, o.name`,
        params,
      ),
      this.dataSource.query<
        { code: string; organisation_id: string; name: string; pending: string; overdue: string }[]
      >(
        `SELECT tr.municipality_code AS code, o.id AS organisation_id, o.name,
                count(*) AS pending, count(*) FILTER (WHERE h.due_at <= $3) AS overdue
           FROM handovers h JOIN trajectories tr ON tr.id = h.trajectory_id
           JOIN organisations o ON o.id = h.receiving_organisation_id
          WHERE h.status = 'pending' AND ${inScope}
          GROUP BY tr.municipality_code, o.id, o.name`,
        params,
      ),
      this.continuityFigures(inScope, params),
    ]);
    return municipalities.map(({ code, name }) => {
      const figures = trajectoryFigures.find((f) => f.code === code);
      const organisations = new Map<string, { id: string; name: string } & ActivityCounts>();
      const organisation = (id: string, orgName: string) => {
        let entry = organisations.get(id);
        if (!entry) {
          entry = { id, name: orgName, open: 0, overdue: 0, handoversPending: 0, handoversOverdue: 0 };
          organisations.set(id, entry);
        }
        return entry;
      };
      for (const row of taskCounts.filter((r) => r.code === code)) {
        Object.assign(organisation(row.organisation_id, row.name), {
          open: Number(row.open),
          overdue: Number(row.overdue),
        });
      }
      for (const row of handoverCounts.filter((r) => r.code === code)) {
        Object.assign(organisation(row.organisation_id, row.name), {
          handoversPending: Number(row.pending),
          handoversOverdue: Number(row.overdue),
        });
      }
      const listed = [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      const sum = (key: keyof ActivityCounts) => listed.reduce((total, o) => total + o[key], 0);
      return {
        code,
        name,
        open: sum('open'),
        overdue: sum('overdue'),
        handoversPending: sum('handoversPending'),
        handoversOverdue: sum('handoversOverdue'),
        birthdays18Next6Months: Number(figures?.birthdays6 ?? 0),
        birthdays18Next12Months: Number(figures?.birthdays12 ?? 0),
        ...transfersOf(figures?.transfers_by_reason ?? {}),
        missingEpisodes: { open: Number(figures?.missing_open ?? 0), last12Months: Number(figures?.missing_12 ?? 0) },
        stillInCare6MonthsAfter18: { eligible: Number(figures?.eligible ?? 0), inCare: Number(figures?.in_care ?? 0) },
        continuityAt18: continuity.get(code) ?? NO_CONTINUITY_FIGURES,
        organisations: listed,
      };
    });
  }

  /**
   * Continuity at 18 per municipality code, over the 12 months up to today (Europe/Amsterdam): 18th birthdays (legal:
   * born 29 February, 1 March in a non-leap year) and how many had a continuation decision at least 3 months before;
   * handovers due and how many were accepted by their due moment; rejected handovers still on the list, and rejected.
   */
  private async continuityFigures(inScope: string, params: unknown[]): Promise<Map<string, ContinuityFigures>> {
    const [birthdays, handovers] = await Promise.all([
      this.dataSource.query<{ code: string; birthdays: string; decided: string }[]>(
        `WITH today AS (SELECT ($3::timestamptz AT TIME ZONE $4)::date AS d),
              t AS (
                SELECT tr.municipality_code AS code, tr.facts,
                       (tr.birth_date + interval '18 years')::date
                         + CASE WHEN to_char(tr.birth_date, 'MM-DD') = '02-29'
                                 AND to_char((tr.birth_date + interval '18 years')::date, 'MM-DD') = '02-28'
                                THEN 1 ELSE 0 END AS adult
                  FROM trajectories tr WHERE ${inScope})
         SELECT t.code,
                count(*) AS birthdays,
                count(*) FILTER (
                  WHERE (to_timestamp((t.facts->'continuation'->>'decidedAt')::double precision / 1000) AT TIME ZONE $4)::date
                        <= (t.adult - interval '3 months')::date) AS decided
           FROM t, today
          WHERE t.adult <= today.d AND t.adult > (today.d - interval '12 months')::date
          GROUP BY t.code`,
        [...params, DEFAULT_TIME_ZONE],
      ),
      this.dataSource.query<{ code: string; due: string; on_time: string; rejected: string; rejected12: string }[]>(
        `SELECT tr.municipality_code AS code,
                count(*) FILTER (WHERE h.due_at <= $3 AND h.due_at > $3::timestamptz - interval '12 months') AS due,
                count(*) FILTER (WHERE h.due_at <= $3 AND h.due_at > $3::timestamptz - interval '12 months'
                                   AND h.status = 'accepted' AND h.acknowledged_at <= h.due_at) AS on_time,
                count(*) FILTER (WHERE h.status = 'rejected' AND NOT EXISTS (
                  SELECT 1 FROM handovers a WHERE a.trajectory_id = h.trajectory_id AND a.status = 'accepted'
                     AND a.acknowledged_at >= h.acknowledged_at)) AS rejected,
                count(*) FILTER (WHERE h.status = 'rejected'
                                   AND h.acknowledged_at > $3::timestamptz - interval '12 months') AS rejected12
           FROM handovers h JOIN trajectories tr ON tr.id = h.trajectory_id
          WHERE ${inScope}
          GROUP BY tr.municipality_code`,
        params,
      ),
    ]);
    const figures = new Map<string, ContinuityFigures>();
    const entry = (code: string): ContinuityFigures => {
      const found = figures.get(code) ?? { ...NO_CONTINUITY_FIGURES };
      figures.set(code, found);
      return found;
    };
    for (const row of birthdays) {
      Object.assign(entry(row.code), {
        birthdays18Last12Months: Number(row.birthdays),
        decidedInTime: Number(row.decided),
      });
    }
    for (const row of handovers) {
      Object.assign(entry(row.code), {
        handoversDueLast12Months: Number(row.due),
        handoversAcceptedOnTime: Number(row.on_time),
        rejectedHandovers: Number(row.rejected),
        rejectedLast12Months: Number(row.rejected12),
      });
    }
    return figures;
  }
}

const NO_CONTINUITY_FIGURES: ContinuityFigures = {
  birthdays18Last12Months: 0,
  decidedInTime: 0,
  handoversDueLast12Months: 0,
  handoversAcceptedOnTime: 0,
  rejectedHandovers: 0,
  rejectedLast12Months: 0,
};

/** Counted by reason in SQL; which reasons are the quality signal is the domain's rule (`transferCounts`). */
function transfersOf(byReason: Record<string, number>) {
  const counts = transferCounts(Object.fromEntries(Object.entries(byReason).map(([r, n]) => [r, Number(n)])));
  return { transfersLast12Months: counts.quality, transfersByReasonLast12Months: counts.byReason };
}
