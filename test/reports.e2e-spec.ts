import { tableOf, type AnnualReportBody, type ReportTable } from './annual-report';
import { bornAgo, today } from './dates';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests, tokenFor } from './stack';
import { createTestRegion, type TestRegion } from './test-region';

type Table = ReportTable;
type Report = AnnualReportBody;

/**
 * Reporting without persons (issue 17) on the real stack: a region of its own with trajectories whose ages at start
 * are chosen, and the annual report compared with tables worked out by hand (docs/policy.md, small cells).
 */
describe('annual report', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  const year = Number(today().slice(0, 4));

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource);
    // Municipality 0: five aged 15 at start, two aged 16; municipality 1: five aged 15, five aged 16.
    const plan: [number, number, number][] = [
      [0, 15, 5],
      [0, 16, 2],
      [1, 15, 5],
      [1, 16, 5],
    ];
    for (const [municipality, age, n] of plan) {
      for (let i = 0; i < n; i++) {
        await openTrajectory(sut(), region.users.coordinator, {
          pseudonym: pseudonym(),
          // Half a year past the birthday: the age at start is `age` on any day the test runs.
          birthDate: bornAgo(age, 6),
          municipalityCode: region.municipalities[municipality],
          partners: [{ organisationId: region.organisations.police, role: 'police' }],
        });
      }
    }
  });

  const table = tableOf;
  const rendered = (t: Table) => [...t.rows.map((row) => [...row.cells, row.total]), [...t.total.cells, t.total.total]];

  it('counts by age band at start, hiding small counts and the cell a total would give them away by', async () => {
    const response = await as<Report>(region.users.coordinator, 'GET', `/api/v1/reports/annual?year=${year}`);
    expect(response.status).toBe(200);
    const ages = table(response.body, 'ageBandAtStart');
    expect(ages.columns).toEqual(['under-16', '16-17', '18-22', '23-plus']);
    expect(ages.rows.map((row) => row.municipalityCode)).toEqual([...region.municipalities].sort());
    // By hand: the 2 is small, the empty bands are small (0 < 5); alone in its column the 2 would follow from the
    // column total 7, so the cheapest cell that closes a rectangle with it (municipality 1's 5) is hidden as well.
    // With only that, municipality 1's row gives x + two counts of 0–4 = 10 − 5, so x = 5 and the 2 = 7 − 5: an x
    // is 5 or more. So both row totals and the column total 7 are hidden too; now the published numbers also fit the 2
    // being 1, with the x 6 and the row totals 6 and 11 (the attacker of libs/domain/test/table-attacker.ts agrees).
    const expected = [
      ['5', '< 5', '< 5', '< 5', 'x'],
      ['5', 'x', '< 5', '< 5', 'x'],
      ['10', 'x', '< 5', '< 5', '17'],
    ];
    const first = region.municipalities[0] < region.municipalities[1];
    expect(rendered(ages)).toEqual(first ? expected : [expected[1], expected[0], expected[2]]);
  });

  it('gives one municipality as a row of the same protected table, with the region’s totals', async () => {
    const code = region.municipalities[0];
    const all = await as<Report>(region.users.coordinator, 'GET', `/api/v1/reports/annual?year=${year}`);
    const one = await as<Report>(
      region.users.coordinator,
      'GET',
      `/api/v1/reports/annual?year=${year}&municipalityCode=${code}`,
    );
    expect(one.status).toBe(200);
    const ages = table(one.body, 'ageBandAtStart');
    expect(ages.rows).toEqual(table(all.body, 'ageBandAtStart').rows.filter((row) => row.municipalityCode === code));
    expect(ages.total).toEqual(table(all.body, 'ageBandAtStart').total);
  });

  it('is CSV with semicolons when asked for text/csv', async () => {
    const response = await fetch(`${sut().url}/api/v1/reports/annual?year=${year}`, {
      headers: { authorization: `Bearer ${await tokenFor(region.users.coordinator)}`, accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A byte-order mark first: a Dutch spreadsheet then reads UTF-8 (the municipality names) as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('table;municipalityCode;municipality;column;count');
    const cell = (code: string, column: string) =>
      lines.find((line) => line.startsWith(`ageBandAtStart;${code};`) && line.split(';')[3] === column);
    expect(cell(region.municipalities[0], '16-17')?.split(';')[4]).toBe('< 5');
    expect(cell(region.municipalities[0], 'under-16')?.split(';')[4]).toBe('5');
    expect(cell('', 'total')).toBe('ageBandAtStart;;regio;total;17');
  });

  it('is for directors (their municipalities) and coordinators only; a partner, admin or auditor is refused', async () => {
    const url = `/api/v1/reports/annual?year=${year}`;
    const director = await as<Report>(region.users.director, 'GET', url);
    expect(director.status).toBe(200);
    expect(table(director.body, 'ageBandAtStart').rows.map((row) => row.municipalityCode)).toEqual([
      region.municipalities[0],
    ]);
    const notWatched = await as(region.users.director, 'GET', `${url}&municipalityCode=${region.municipalities[1]}`);
    expect(notWatched.status).toBe(404);
    for (const user of [region.users.police, region.users.admin, region.users.auditor]) {
      expect((await as(user, 'GET', url)).status).toBe(403);
    }
  });

  it('refuses a missing or impossible year and a municipality code of the wrong shape, naming the field', async () => {
    const fields = async (query: string) => {
      const response = await as<{ errors?: { field: string }[] }>(
        region.users.coordinator,
        'GET',
        `/api/v1/reports/annual${query}`,
      );
      return [response.status, (response.body.errors ?? []).map((e) => e.field)];
    };
    expect(await fields('')).toEqual([400, ['year']]);
    expect(await fields('?year=twenty')).toEqual([400, ['year']]);
    expect(await fields(`?year=${year}&municipalityCode=0599`)).toEqual([400, ['municipalityCode']]);
  });
});
