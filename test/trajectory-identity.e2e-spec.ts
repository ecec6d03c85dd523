import { DateTime } from 'luxon';
import { generateKey } from '@doorloop/config';
import { TrajectoryIdentityEntity } from '@doorloop/persistence';
import { requestAs, startStack, type Stack } from './stack';
import { createTestRegion } from './test-region';

interface Identity {
  name: string | null;
  bsn: string | null;
  keptFields: string[];
}
interface Problem {
  status: number;
  code: string;
  errors?: { in: string; field: string; detail: string }[];
}

// Synthetic: "Demo" names, BSNs that pass the elfproef and are used in examples, never a real person's.
const NAME = 'Demo Identiteit Testnaam';
const BSN = '111222333';
const OTHER_BSN = '123456782';

describe('identifying fields of a trajectory: PUT and GET /trajectories/{id}/identity', () => {
  const firstKey = { FIELD_KEYS: `e2e-f1:${generateKey()}`, FIELD_KEY_ID: 'e2e-f1' };
  let sut: Stack | undefined;
  let trajectoryId: string;

  const path = (id = trajectoryId) => `/api/v1/trajectories/${id}/identity`;
  const put = (body: unknown, id?: string, user = 'coordinator') =>
    requestAs<Identity & Problem>(stack(), user, 'PUT', path(id), body);
  const get = (id?: string, user = 'coordinator') => requestAs<Identity & Problem>(stack(), user, 'GET', path(id));
  const stored = (id = trajectoryId) =>
    stack().dataSource.getRepository(TrajectoryIdentityEntity).findOneBy({ trajectoryId: id });
  const stack = () => {
    if (!sut) throw new Error('no stack');
    return sut;
  };

  async function createTrajectory(municipalityCode: string, pseudonym: string, user = 'coordinator'): Promise<string> {
    const created = await requestAs<{ id: string }>(stack(), user, 'POST', '/api/v1/trajectories', {
      pseudonym,
      birthDate: DateTime.now().minus({ years: 15 }).toISODate(),
      municipalityCode,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  beforeAll(async () => {
    sut = await startStack(firstKey);
    trajectoryId = await createTrajectory('GM9901', 'TRJ-1D3N');
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('starts with nothing kept, and says which fields the region keeps', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ name: null, bsn: null, keptFields: ['name', 'bsn'] });
  });

  it('stores name and BSN encrypted, with the trajectory’s own data key, and gives them back', async () => {
    const response = await put({ name: `  ${NAME}  `, bsn: BSN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ name: NAME, bsn: BSN, keptFields: ['name', 'bsn'] });
    expect((await get()).body).toEqual({ name: NAME, bsn: BSN, keptFields: ['name', 'bsn'] });

    const row = await stored();
    expect(row?.keyId).toBe('e2e-f1');
    const bytes = [row?.wrappedKey, row?.name, row?.bsn].map((b) => Buffer.from(b ?? []).toString('latin1')).join();
    expect(bytes).not.toContain(NAME);
    expect(bytes).not.toContain(BSN);
    expect(row?.name?.length).toBe(12 + Buffer.byteLength(NAME) + 16);
  });

  it('does not put them in the trajectory itself', async () => {
    const trajectory = await requestAs(stack(), 'coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(JSON.stringify(trajectory.body)).not.toContain(NAME);
    expect(JSON.stringify(trajectory.body)).not.toContain(BSN);
  });

  it.each([
    ['a BSN failing the elfproef', { bsn: '111222334' }, 'bsn', /elfproef/],
    ['a BSN of 8 digits', { bsn: '11122233' }, 'bsn', /9 digits/],
    ['a BSN with spaces', { bsn: '111 222 333' }, 'bsn', /9 digits/],
    ['a blank name', { name: '   ' }, 'name', /must not be empty/],
    ['a name of 201 characters', { name: 'D'.repeat(201) }, 'name', /at most 200/],
    ['an unknown field', { name: NAME, nickname: 'Demo' }, 'nickname', /Unknown field/],
  ])('refuses %s naming the field, without echoing it, and stores nothing', async (_case, body, field, detail) => {
    const before = await stored();
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors?.map((error) => [error.in, error.field])).toEqual([['body', field]]);
    expect(response.body.errors?.[0].detail).toMatch(detail);
    const values = Object.values(body).filter((value) => value !== NAME && value !== 'Demo');
    for (const value of values) expect(JSON.stringify(response.body)).not.toContain(value);
    expect(await stored()).toEqual(before);
    expect((await get()).body).toMatchObject({ name: NAME, bsn: BSN });
  });

  it('replaces the whole identity: a field left out is removed, the data key stays', async () => {
    const before = await stored();
    const response = await put({ bsn: OTHER_BSN });
    expect(response.body).toEqual({ name: null, bsn: OTHER_BSN, keptFields: ['name', 'bsn'] });
    const after = await stored();
    expect(after?.name).toBeNull();
    expect(after?.wrappedKey).toEqual(before?.wrappedKey);
  });

  it('removes the row, data key and all, when nothing is left', async () => {
    expect((await put({ name: null, bsn: null })).body).toEqual({ name: null, bsn: null, keptFields: ['name', 'bsn'] });
    expect(await stored()).toBeNull();
    expect((await put({})).status).toBe(200);
    expect(await stored()).toBeNull();
  });

  it('answers 404 for a trajectory that does not exist, and 400 for an id that is no UUID', async () => {
    expect((await get('00000000-0000-4000-8000-00000000dead')).status).toBe(404);
    expect((await put({ name: NAME }, '00000000-0000-4000-8000-00000000dead')).status).toBe(404);
    expect((await get('not-a-uuid')).status).toBe(400);
  });

  describe('a region that keeps no identifying fields', () => {
    let elsewhere: string;
    let coordinator: string;

    beforeAll(async () => {
      // A region of its own keeps no identifying fields (the default); its coordinator works there.
      const region = await createTestRegion(stack().dataSource);
      coordinator = region.users.coordinator;
      elsewhere = await createTrajectory(region.municipalities[0], 'TRJ-N0N3', coordinator);
    });

    it('refuses each field with a problem naming it, and stores nothing', async () => {
      const response = await put({ name: NAME, bsn: BSN }, elsewhere, coordinator);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.field)).toEqual(['name', 'bsn']);
      expect(response.body.errors?.[0].detail).toMatch(/does not keep names/);
      expect(await stored(elsewhere)).toBeNull();
      expect((await get(elsewhere, coordinator)).body).toEqual({ name: null, bsn: null, keptFields: [] });
      // The demo region's coordinator does not reach it at all.
      expect((await get(elsewhere)).status).toBe(404);
    });

    it('accepts an empty identity', async () => {
      expect((await put({ name: null }, elsewhere, coordinator)).status).toBe(200);
    });
  });

  it('keeps reading after a rotation of the master key, and re-wraps with the new one on the next write', async () => {
    expect((await put({ name: NAME, bsn: BSN })).status).toBe(200);
    await sut?.stop();
    sut = undefined;
    const rotated = { FIELD_KEYS: `${firstKey.FIELD_KEYS},e2e-f2:${generateKey()}`, FIELD_KEY_ID: 'e2e-f2' };
    sut = await startStack(rotated);

    expect((await get()).body).toMatchObject({ name: NAME, bsn: BSN });
    expect((await stored())?.keyId).toBe('e2e-f1');
    expect((await put({ name: NAME, bsn: OTHER_BSN })).status).toBe(200);
    expect((await stored())?.keyId).toBe('e2e-f2');

    // Written under the new key only: an api that no longer has the old one reads it.
    await sut.stop();
    sut = await startStack({ FIELD_KEYS: rotated.FIELD_KEYS.split(',')[1], FIELD_KEY_ID: 'e2e-f2' });
    expect((await get()).body).toMatchObject({ name: NAME, bsn: OTHER_BSN });
  });
});
