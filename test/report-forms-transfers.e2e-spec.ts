import type { PublishedCount, PublishedTable } from '@doorloop/domain';
import { hiddenRanges } from '../libs/domain/test/table-attacker';
import { tableOf, type AnnualReportBody, type ReportTable } from './annual-report';
import { bornAgo, plusYears, today } from './dates';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests, tokenFor } from './stack';
import { createTestRegion, type TestRegion } from './test-region';

type Table = ReportTable;
type Report = AnnualReportBody;
interface Trajectory {
  id: string;
  exploitationForms: string[];
  revision: number;
}
interface Problem {
  code: string;
  errors?: { field: string }[];
}

/**
 * "Form of exploitation" and "transfers by reason" in the annual report (issue 17), on the real stack: the forms
 * recorded at start and corrected with PUT /trajectories/{id}/exploitation-forms, placements with a change reason in
 * the facts (written here as issue 13's api will write them), and the published tables compared with counts worked out
 * by hand: every published number is the count, every small count reads `< 5`, and the bounds-aware attacker of
 * libs/domain/test/table-attacker.ts pins no hidden one.
 */
describe('annual report: exploitation forms and transfers by reason', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  const year = Number(today().slice(0, 4));
  const ids: Record<string, string[]> = {};

  const open = async (key: string, municipality: 0 | 1, exploitationForms?: string[]) => {
    const id = await openTrajectory(sut(), region.users.coordinator, {
      pseudonym: pseudonym(),
      birthDate: bornAgo(15, 6),
      municipalityCode: region.municipalities[municipality],
      ...(exploitationForms ? { exploitationForms } : {}),
    });
    (ids[key] ??= []).push(id);
    return id;
  };
  /** Placements as the facts keep them; the first of a trajectory is no transfer, whatever it carries. */
  const placements = (reasons: (string | null)[], startDate = today()) =>
    reasons.map((changeReason, i) => ({
      id: `P-${i}`,
      type: 'ambulant',
      startDate,
      providerOrganisationId: region.organisations['youth-care'],
      ...(changeReason === null ? {} : { changeReason }),
    }));
  const setPlacements = (id: string, list: unknown[]) =>
    sut().dataSource.query(
      `UPDATE trajectories SET facts = jsonb_set(facts, '{placements}', $2::jsonb) WHERE id = $1`,
      [id, JSON.stringify(list)],
    );

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource);
    // Municipality 0: 6 sexual, 5 sexual + criminal, 2 without (one corrected to labour in a test below, before the
    // report is read). Municipality 1: 5 criminal.
    for (let i = 0; i < 6; i++) await open('sexual', 0, ['sexual']);
    for (let i = 0; i < 5; i++) await open('sexual+criminal', 0, ['sexual', 'criminal']);
    for (let i = 0; i < 2; i++) await open('none', 0);
    for (let i = 0; i < 5; i++) await open('criminal', 1, ['criminal']);
    // Transfers this year: municipality 0 step-down 5, breakdown 1, unspecified 1 (its first placement's reason does
    // not count); municipality 1 safety 6, and an absconding from last year that does not count.
    await setPlacements(ids.sexual[0], [
      ...placements(['other', 'step-down', 'step-down', 'step-down', 'step-down', 'step-down', 'breakdown', null]),
    ]);
    await setPlacements(ids.criminal[0], [
      ...placements(['absconded'], plusYears(today(), -1)),
      ...placements(['absconded'], plusYears(today(), -1)).map((p) => ({ ...p, id: 'P-old' })),
      ...placements(['safety', 'safety', 'safety', 'safety', 'safety', 'safety']).map((p, i) => ({
        ...p,
        id: `S-${i}`,
      })),
    ]);
  });

  const report = async (): Promise<Report> => {
    const response = await as<Report>(region.users.coordinator, 'GET', `/api/v1/reports/annual?year=${year}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const table = tableOf;
  const first = () => region.municipalities[0] < region.municipalities[1];

  /** The published table against the counts by hand (rows in municipality order, region last, totals last). */
  function expectPublished(published: Table, counts: number[][]) {
    const rows = first() ? counts.slice(0, 2) : [counts[1], counts[0]];
    const expected = [...rows, counts[2]].map((row) => [...row, row.reduce((sum, n) => sum + n, 0)]);
    const shown = [
      ...published.rows.map((row) => [...row.cells, row.total]),
      [...published.total.cells, published.total.total],
    ];
    expect(shown.map((row) => row.length)).toEqual(expected.map((row) => row.length));
    shown.forEach((row, i) =>
      row.forEach((text, j) => {
        const count = expected[i][j];
        if (count < 5) expect({ at: [i, j], text }).toEqual({ at: [i, j], text: '< 5' });
        else expect({ at: [i, j], text }).toEqual({ at: [i, j], text: text === 'x' ? 'x' : String(count) });
      }),
    );
    // Nothing hidden can be pinned by someone who knows the rule (< 5 is 0–4, x is 5 or more).
    const parse = (text: string): PublishedCount =>
      text === '< 5'
        ? { suppressed: 'small' }
        : text === 'x'
          ? { suppressed: 'complementary' }
          : { count: Number(text) };
    const asTable: PublishedTable = {
      cells: published.rows.map((row) => row.cells.map(parse)),
      rowTotals: published.rows.map((row) => parse(row.total)),
      columnTotals: published.total.cells.map(parse),
      total: parse(published.total.total),
    };
    expect(hiddenRanges(asTable).filter(({ min, max }) => min === max)).toEqual([]);
  }

  it('corrects the forms of exploitation with PUT, audited, in PostgreSQL only', async () => {
    const id = ids.none[0];
    const before = await as<Trajectory>(region.users.coordinator, 'GET', `/api/v1/trajectories/${id}`);
    expect(before.body.exploitationForms).toEqual([]);

    const put = await as<Trajectory>(region.users.coordinator, 'PUT', `/api/v1/trajectories/${id}/exploitation-forms`, {
      exploitationForms: ['labour'],
    });
    expect(put.status).toBe(200);
    expect(put.body.exploitationForms).toEqual(['labour']);
    // No workflow change (its revision counts every one), and nothing of it in the workflow's facts.
    expect(put.body.revision).toBe(before.body.revision);
    const [row] = await sut().dataSource.query<{ facts: string }[]>(
      `SELECT facts::text AS facts FROM trajectories WHERE id = $1`,
      [id],
    );
    expect(row.facts).not.toContain('labour');
    const [audit] = await sut().dataSource.query<{ action: string; object_type: string; outcome: string }[]>(
      `SELECT action, object_type, outcome FROM audit_records
        WHERE route LIKE '%/exploitation-forms' AND $1 = ANY(object_ids) ORDER BY sequence DESC LIMIT 1`,
      [id],
    );
    expect(audit).toEqual({ action: 'change', object_type: 'trajectory', outcome: 'success' });
  });

  it('refuses forms it does not know, a form twice or no list, naming the field and changing nothing', async () => {
    const id = ids.none[0];
    const path = `/api/v1/trajectories/${id}/exploitation-forms`;
    for (const body of [{ exploitationForms: ['slavery'] }, { exploitationForms: ['sexual', 'sexual'] }, {}]) {
      const refused = await as<Problem>(region.users.coordinator, 'PUT', path, body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((refused.body.errors ?? []).map((e) => e.field.split(/[.[]/)[0])).toEqual(['exploitationForms']);
    }
    const refusedAtStart = await as<Problem>(region.users.coordinator, 'POST', '/api/v1/trajectories', {
      pseudonym: pseudonym(),
      birthDate: bornAgo(15, 6),
      municipalityCode: region.municipalities[0],
      exploitationForms: ['sexual', 'unknown'],
    });
    expect(refusedAtStart.status).toBe(400);
    expect((refusedAtStart.body.errors ?? []).map((e) => e.field.split(/[.[]/)[0])).toEqual(['exploitationForms']);
    const after = await as<Trajectory>(region.users.coordinator, 'GET', `/api/v1/trajectories/${id}`);
    expect(after.body.exploitationForms).toEqual(['labour']);
  });

  it.each([
    {
      what: 'the forms of the trajectories started in the year, each form a trajectory has, not-recorded for none',
      name: 'exploitationForms',
      columns: ['sexual', 'criminal', 'financial', 'labour', 'other', 'not-recorded'],
      counts: [
        [11, 5, 0, 1, 0, 1],
        [0, 5, 0, 0, 0, 0],
        [11, 10, 0, 1, 0, 1],
      ],
    },
    {
      what: 'the year’s transfers by change reason, unspecified without one, the first placement never',
      name: 'transfersByReason',
      columns: ['step-down', 'breakdown', 'safety', 'absconded', 'other', 'unspecified'],
      counts: [
        [5, 1, 0, 0, 0, 1],
        [0, 0, 6, 0, 0, 0],
        [5, 1, 6, 0, 0, 1],
      ],
    },
  ])('counts $what', async ({ name, columns, counts }) => {
    const published = table(await report(), name);
    expect(published.columns).toEqual(columns);
    expectPublished(published, counts);
  });

  it('gives both tables in the CSV as in the JSON', async () => {
    const json = await report();
    const response = await fetch(`${sut().url}/api/v1/reports/annual?year=${year}`, {
      headers: { authorization: `Bearer ${await tokenFor(region.users.coordinator)}`, accept: 'text/csv' },
    });
    const lines = Buffer.from(await response.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trimEnd()
      .split('\r\n');
    for (const name of ['exploitationForms', 'transfersByReason']) {
      const t = table(json, name);
      const fromJson = [
        ...t.rows.flatMap((row) =>
          [...t.columns, 'total'].map((c, i) => `${row.municipalityCode};${c};${[...row.cells, row.total][i]}`),
        ),
        ...[...t.columns, 'total'].map((c, i) => `;${c};${[...t.total.cells, t.total.total][i]}`),
      ];
      const fromCsv = lines
        .filter((line) => line.startsWith(`${name};`))
        .map((line) => line.split(';'))
        .map(([, code, , column, count]) => `${code};${column};${count}`);
      expect(fromCsv).toEqual(fromJson);
    }
  });
});
