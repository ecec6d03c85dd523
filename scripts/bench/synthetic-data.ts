import type { ClientBase } from 'pg';

/** Size and shape of the synthetic national data set. */
export interface SyntheticOptions {
  tasks: number;
  /** Every trajectory gets this many tasks (kinds and organisations below); trajectories = tasks / tasksPerTrajectory. */
  tasksPerTrajectory?: number;
  regions?: number;
  municipalitiesPerRegion?: number;
  /** Seeds PostgreSQL's random(), so two runs build the same data. */
  seed?: number;
}

/** The subjects the latency measurements read as: the busiest organisations and people of the largest region. */
export interface SyntheticSubjects {
  regionId: string;
  /** The region's police: two of every ten tasks of a fifth of the country's trajectories. */
  busiestOrganisationId: string;
  partnerUsername: string;
  coordinatorUsername: string;
  /** Watches one municipality of the largest region. */
  directorUsername: string;
  directorMunicipalities: string[];
  trajectories: number;
  tasks: number;
  openTasksOfBusiestOrganisation: number;
  tasksOfBusiestOrganisation: number;
  tasksOfRegion: number;
}

/** Organisations every synthetic region has; `perMunicipality` ones exist once for each of its municipalities. */
const ORGANISATIONS: { role: string; count?: number; perMunicipality?: boolean }[] = [
  { role: 'coordinator' },
  { role: 'police' },
  { role: 'school', perMunicipality: true },
  { role: 'attendance-officer' },
  { role: 'debt-counselling' },
  { role: 'youth-care', count: 3 },
  { role: 'specialised-care' },
  { role: 'youth-protection' },
  { role: 'adult-care', count: 2 },
  { role: 'wmo' },
  { role: 'housing' },
  { role: 'municipality', perMunicipality: true },
];

/**
 * The ten tasks of a synthetic trajectory, as its workflow would have fired them over the years: kind, occurrence and
 * the role of the organisation that got it. A handover is a pair (youth care sends, adult care receives).
 */
const TASK_PLAN: { kind: string; occurrence: number; role: string }[] = [
  { kind: 'future-plan', occurrence: 1, role: 'youth-care' },
  { kind: 'adult-care-involvement', occurrence: 1, role: 'adult-care' },
  { kind: 'placement-evaluation', occurrence: 1, role: 'police' },
  { kind: 'placement-evaluation', occurrence: 1, role: 'school' },
  { kind: 'placement-evaluation', occurrence: 2, role: 'police' },
  { kind: 'placement-evaluation', occurrence: 2, role: 'youth-care' },
  { kind: 'transition-review', occurrence: 1, role: 'youth-care' },
  { kind: 'transition-review', occurrence: 1, role: 'wmo' },
  { kind: 'handover', occurrence: 1, role: 'youth-care' },
  { kind: 'handover', occurrence: 1, role: 'adult-care' },
];

const BENCH_REGION_PREFIX = 'bench-nl-';

/**
 * Regions `<prefix>0` … with `municipalitiesPerRegion` municipalities each (CBS-shaped codes from `firstCode` on, a
 * range real and demo data leave free) and the organisations above, named "Demo …". Returns the regions' ids in order.
 */
export async function createRegions(
  db: ClientBase,
  options: { prefix: string; regions: number; municipalitiesPerRegion: number; firstCode: number },
): Promise<string[]> {
  const { prefix, regions, municipalitiesPerRegion: municipalities, firstCode } = options;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO regions (code, name)
     SELECT $1 || r, 'Demo Benchregio ' || $1 || r FROM generate_series(0, $2 - 1) r ORDER BY r RETURNING id`,
    [prefix, regions],
  );
  await db.query(
    `INSERT INTO municipalities (code, name, region_id)
     SELECT 'GM' || ($4 + r * $2 + m), 'Demo Benchgemeente ' || ($4 + r * $2 + m), g.id
       FROM generate_series(0, $3 - 1) r CROSS JOIN generate_series(0, $2 - 1) m
       JOIN regions g ON g.code = $1 || r`,
    [prefix, municipalities, regions, firstCode],
  );
  for (const { role, count = 1, perMunicipality } of ORGANISATIONS) {
    await db.query(
      `INSERT INTO organisations (region_id, name, role, municipality_code)
       SELECT g.id, 'Demo ' || $2 || ' ' || g.code || '-' || n, $2, CASE WHEN $4 THEN m.code END
         FROM regions g
         CROSS JOIN generate_series(1, $3) n
         LEFT JOIN municipalities m ON $4 AND m.region_id = g.id
        WHERE g.code LIKE $1 || '%' AND ($4 = false OR n = 1)`,
      [prefix, role, count, perMunicipality === true],
    );
  }
  return rows.map((row) => row.id);
}

/**
 * Bulk-inserts a national data set of synthetic trajectories and their tasks with generate_series: `regions` regions of
 * `municipalitiesPerRegion` municipalities (CBS-shaped codes GM7000 and up, which real and demo data leave free), about
 * forty organisations each, and trajectories spread over the regions with a skew (the largest holds a fifth), so that
 * the busiest inbox and region are far larger than the average. Task statuses follow time: what fired long ago is
 * mostly done, recent work is mostly open. Every name says "Demo"; every pseudonym is TRJ-shaped.
 */
export async function generateSyntheticData(db: ClientBase, options: SyntheticOptions): Promise<SyntheticSubjects> {
  const perTrajectory = options.tasksPerTrajectory ?? TASK_PLAN.length;
  if (perTrajectory !== TASK_PLAN.length) throw new Error(`tasksPerTrajectory must be ${TASK_PLAN.length}`);
  const regions = options.regions ?? 25;
  const municipalities = options.municipalitiesPerRegion ?? 13;
  const trajectories = Math.ceil(options.tasks / perTrajectory);
  await db.query(`SELECT setseed($1)`, [options.seed ?? 0.42]);
  await db.query('BEGIN');
  try {
    await createRegions(db, {
      prefix: BENCH_REGION_PREFIX,
      regions,
      municipalitiesPerRegion: municipalities,
      firstCode: 7000,
    });
    // Region by a squared uniform draw: region 0 gets a fifth of all trajectories, the last ones a few hundred each.
    await db.query(
      `CREATE TEMP TABLE bench_trajectories ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, i,
              floor($2 * power(random(), 2))::int AS r, floor(random() * $3)::int AS m,
              (date '2006-01-01' + floor(random() * 2500)::int) AS birth_date,
              now() - random() * interval '3 years' AS started, random() AS roll
         FROM generate_series(1, $1) i`,
      [trajectories, regions, municipalities],
    );
    await db.query(
      `INSERT INTO trajectories (id, pseudonym, birth_date, municipality_code, region_id, coordinator_organisation_id,
                                 status, policy_version, facts, facts_revision, created_at, updated_at)
       SELECT t.id, 'TRJ-B' || lpad(t.i::text, 8, '0'), t.birth_date, mu.code, g.id, co.id,
              CASE WHEN t.roll < 0.9 THEN 'active' ELSE 'closed' END, 'default-1',
              jsonb_build_object(
                'birthDate', to_char(t.birth_date, 'YYYY-MM-DD'),
                'startedOn', floor(extract(epoch FROM t.started) * 1000),
                'coordinatorOrganisationId', co.id, 'municipalityCode', mu.code,
                'partners', '[]'::jsonb, 'courtMeasures', '[]'::jsonb, 'pauses', '[]'::jsonb,
                'placements', (SELECT jsonb_agg(jsonb_build_object(
                                  'id', gen_random_uuid(), 'type', 'open-residential',
                                  'startDate', to_char(t.started + p * interval '7 months', 'YYYY-MM-DD'),
                                  'providerOrganisationId', co.id))
                                 FROM generate_series(0, floor(t.roll * 3)::int) p))
              || CASE WHEN t.roll >= 0.9
                      THEN jsonb_build_object('closure', jsonb_build_object('date', to_char(now() - (t.roll - 0.9) * interval '5 years', 'YYYY-MM-DD')))
                      ELSE '{}'::jsonb END,
              1, t.started, t.started
         FROM bench_trajectories t
         JOIN regions g ON g.code = $1 || t.r
         JOIN municipalities mu ON mu.code = 'GM' || (7000 + t.r * $2 + t.m)
         JOIN organisations co ON co.region_id = g.id AND co.role = 'coordinator'`,
      [BENCH_REGION_PREFIX, municipalities],
    );
    // One row per task of the plan; the organisation of a role is the region's (a school: the municipality's; youth
    // and adult care: one of the region's providers by trajectory).
    await db.query(`CREATE TEMP TABLE bench_plan (k int, kind text, occurrence int, role text) ON COMMIT DROP`);
    await db.query(`INSERT INTO bench_plan SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[])`, [
      TASK_PLAN.map((_, k) => k),
      TASK_PLAN.map((task) => task.kind),
      TASK_PLAN.map((task) => task.occurrence),
      TASK_PLAN.map((task) => task.role),
    ]);
    await db.query(`
      CREATE TEMP TABLE bench_organisations ON COMMIT DROP AS
      SELECT o.id, o.region_id, o.role, o.municipality_code,
             row_number() OVER (PARTITION BY o.region_id, o.role ORDER BY o.name) - 1 AS n,
             count(*) OVER (PARTITION BY o.region_id, o.role) AS of
        FROM organisations o JOIN regions g ON g.id = o.region_id WHERE g.code LIKE '${BENCH_REGION_PREFIX}%'`);
    await db.query(`
      INSERT INTO tasks (trajectory_id, kind, occurrence_key, occurrence, organisation_id, role, fire_at, due_at, status,
                         late, outcome, created_at, completed_at, director_list_at, claimed_at, assignee_user_id)
      SELECT x.id, x.kind, x.kind || ':' || x.occurrence, x.occurrence, x.organisation_id, x.role, x.fire_at, x.due_at,
             x.status, false, CASE WHEN x.status = 'done' THEN '{"synthetic": true}'::jsonb END, x.fire_at,
             CASE WHEN x.status = 'done' THEN least(x.due_at, now()) END,
             CASE WHEN x.kind IN ('handover', 'transition-review') THEN x.due_at + interval '7 days' END,
             NULL, NULL
        FROM (
          SELECT t.id, p.kind, p.occurrence, o.id AS organisation_id, p.role, f.fire_at, f.fire_at + f.due_in AS due_at,
                 CASE WHEN f.fire_at + f.due_in < now() - interval '60 days'
                        THEN CASE WHEN f.roll < 0.92 THEN 'done' WHEN f.roll < 0.93 THEN 'cancelled' ELSE 'open' END
                      WHEN f.fire_at + f.due_in < now()
                        THEN CASE WHEN f.roll < 0.5 THEN 'done' ELSE 'open' END
                      ELSE CASE WHEN f.roll < 0.25 THEN 'done' ELSE 'open' END END AS status
            FROM bench_trajectories t
            JOIN regions g ON g.code = '${BENCH_REGION_PREFIX}' || t.r
            CROSS JOIN bench_plan p
            JOIN bench_organisations o
              ON o.region_id = g.id AND o.role = p.role
             AND CASE WHEN o.municipality_code IS NULL THEN o.n = t.i % o.of
                      ELSE o.municipality_code = 'GM' || (7000 + t.r * ${municipalities} + t.m) END
            CROSS JOIN LATERAL (
              SELECT least(t.started + (p.k * 40 + random() * 30) * interval '1 day', now() - random() * interval '20 days')
                       AS fire_at,
                     (14 + floor(random() * 28)) * interval '1 day' AS due_in, random() AS roll) f
        ) x`);
    // A handover's tasks share one handover record: pending while the receiver's task is still to do.
    await db.query(`
      INSERT INTO handovers (trajectory_id, occurrence_key, sending_organisation_id, receiving_organisation_id, status,
                             due_at, acknowledged_at, created_at)
      SELECT r.trajectory_id, r.occurrence_key, s.organisation_id, r.organisation_id,
             CASE WHEN r.status = 'done' THEN 'accepted' ELSE 'pending' END, r.due_at,
             CASE WHEN r.status = 'done' THEN r.completed_at END, r.fire_at
        FROM tasks r
        JOIN tasks s ON s.trajectory_id = r.trajectory_id AND s.occurrence_key = r.occurrence_key AND s.role = 'youth-care'
        JOIN trajectories tr ON tr.id = r.trajectory_id
        JOIN regions g ON g.id = tr.region_id
       WHERE r.kind = 'handover' AND r.role = 'adult-care' AND g.code LIKE '${BENCH_REGION_PREFIX}%'`);
    // Some of what is open has been claimed: someone in the organisation is on it.
    await db.query(`
      INSERT INTO users (username, display_name, role, region_id, organisation_id, municipality_codes)
      SELECT 'bench-partner-' || o.id, 'Demo Benchmedewerker', 'partner', o.region_id, o.id, '{}'
        FROM bench_organisations o WHERE o.role NOT IN ('coordinator', 'municipality')`);
    await db.query(`
      UPDATE tasks t SET status = 'claimed', assignee_user_id = u.id, claimed_at = t.fire_at + interval '1 day'
        FROM users u
       WHERE u.organisation_id = t.organisation_id AND u.username LIKE 'bench-partner-%'
         AND t.status = 'open' AND t.due_at > now() AND hashtext(t.id::text) % 5 = 0`);
    const [region] = (
      await db.query<{ id: string }>(`SELECT id FROM regions WHERE code = $1`, [`${BENCH_REGION_PREFIX}0`])
    ).rows;
    const [busiest] = (
      await db.query<{ organisation_id: string; tasks: string; open: string }>(
        `SELECT t.organisation_id, count(*) AS tasks, count(*) FILTER (WHERE t.status IN ('open', 'claimed')) AS open
           FROM tasks t JOIN organisations o ON o.id = t.organisation_id
          WHERE o.region_id = $1 GROUP BY t.organisation_id ORDER BY count(*) DESC LIMIT 1`,
        [region.id],
      )
    ).rows;
    const directorMunicipalities = [`GM${7000}`];
    await db.query(
      `INSERT INTO users (username, display_name, role, region_id, organisation_id, municipality_codes)
       SELECT 'bench-coordinator', 'Demo Benchcoördinator', 'coordinator', $1, o.id, '{}'::text[]
         FROM organisations o WHERE o.region_id = $1 AND o.role = 'coordinator'
       UNION ALL
       SELECT 'bench-director', 'Demo Benchdirecteur', 'director', $1, o.id, $2::text[]
         FROM organisations o WHERE o.region_id = $1 AND o.role = 'municipality' AND o.municipality_code = $3`,
      [region.id, directorMunicipalities, directorMunicipalities[0]],
    );
    const [{ region_tasks }] = (
      await db.query<{ region_tasks: string }>(
        `SELECT count(*) AS region_tasks FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id
          WHERE tr.region_id = $1`,
        [region.id],
      )
    ).rows;
    await db.query('COMMIT');
    await db.query('ANALYZE');
    const [{ total }] = (await db.query<{ total: string }>(`SELECT count(*) AS total FROM tasks`)).rows;
    return {
      regionId: region.id,
      busiestOrganisationId: busiest.organisation_id,
      partnerUsername: `bench-partner-${busiest.organisation_id}`,
      coordinatorUsername: 'bench-coordinator',
      directorUsername: 'bench-director',
      directorMunicipalities,
      trajectories,
      tasks: Number(total),
      openTasksOfBusiestOrganisation: Number(busiest.open),
      tasksOfBusiestOrganisation: Number(busiest.tasks),
      tasksOfRegion: Number(region_tasks),
    };
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
