import { createHash } from 'node:crypto';
import { auditEntry } from '../test/audit-entry.factory';
import {
  CHAIN_FORMAT,
  EMPTY_CHAIN,
  GENESIS_HASH,
  canonicalForm,
  chainHash,
  describeBreak,
  sealRecord,
  verifySegment,
  type AuditRecord,
} from '.';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, 0, ms));

function chainOf(count: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head = EMPTY_CHAIN;
  for (let i = 0; i < count; i++) {
    const record = sealRecord(auditEntry({ httpStatus: 200 + i }), head, at(i));
    records.push(record);
    head = record;
  }
  return records;
}

describe('canonical form', () => {
  it('is JSON with every field but the hash, keys sorted, nulls explicit, time in UTC with milliseconds', () => {
    const [record] = chainOf(1);
    expect(canonicalForm(record)).toBe(
      '{"action":"read","clientIp":"127.0.0.1","httpStatus":200,' +
        '"objectIds":["00000000-0000-4000-8000-000000000003"],"objectType":"trajectory","onBehalfOf":null,' +
        '"organisationId":"00000000-0000-4000-8000-000000000002","outcome":"success",' +
        `"previousHash":"${GENESIS_HASH}","purpose":"zorgcoordinatie","recordedAt":"2026-11-23T09:00:00.000Z",` +
        '"requestId":"00000000-0000-4000-8000-000000000004","role":"coordinator","route":"GET /trajectories/{id}",' +
        '"sequence":1,"trajectoryId":"00000000-0000-4000-8000-000000000003",' +
        '"userId":"00000000-0000-4000-8000-000000000001","username":"coordinator"}',
    );
  });

  it('names the count and window of an aggregate, and only of an aggregate (older records keep their form)', () => {
    const [record] = chainOf(1);
    const aggregate = { ...record, attempts: 300, windowStart: at(-60_000) };
    expect(canonicalForm(aggregate)).toBe(
      canonicalForm(record)
        .replace('"action":"read",', '"action":"read","attempts":300,')
        .replace(/\}$/, ',"windowStart":"2026-11-23T08:59:00.000Z"}'),
    );
    expect(canonicalForm({ ...record, attempts: undefined, windowStart: undefined })).toBe(canonicalForm(record));
    expect(chainHash({ ...aggregate, attempts: 299 })).not.toBe(chainHash(aggregate));
    expect(chainHash({ ...aggregate, windowStart: at(0) })).not.toBe(chainHash(aggregate));
  });

  it('does not depend on the order in which the record object was built', () => {
    const [record] = chainOf(1);
    const reversed = Object.fromEntries(Object.entries(record).reverse()) as unknown as AuditRecord;
    expect(canonicalForm(reversed)).toBe(canonicalForm(record));
  });

  it('keeps fields apart that plain concatenation would run together', () => {
    const [record] = chainOf(1);
    const a = { ...record, username: 'ab', role: 'c' };
    const b = { ...record, username: 'a', role: 'bc' };
    expect(canonicalForm(a)).not.toBe(canonicalForm(b));
    expect(canonicalForm({ ...record, objectIds: ['a,b'] })).not.toBe(
      canonicalForm({ ...record, objectIds: ['a', 'b'] }),
    );
  });
});

describe('chain hash', () => {
  it('is SHA-256 over the format tag and the canonical form', () => {
    const [record] = chainOf(1);
    const expected = createHash('sha256')
      .update(`${CHAIN_FORMAT}\n${canonicalForm(record)}`)
      .digest('hex');
    expect(record.hash).toBe(expected);
    expect(chainHash(record)).toBe(expected);
  });

  it('is stable across releases (a changed hash here means old chains no longer verify)', () => {
    expect(chainOf(1)[0].hash).toBe('96570354cc72f75055963bb32f651a38bf8d156f4eb712ad2221a32f20cfa9ee');
  });
});

describe('sealRecord', () => {
  it('starts the chain at sequence 1 after the genesis hash and links each record to the one before', () => {
    const [first, second, third] = chainOf(3);
    expect(first).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH });
    expect(second).toMatchObject({ sequence: 2, previousHash: first.hash });
    expect(third).toMatchObject({ sequence: 3, previousHash: second.hash });
  });

  it('copies the object ids, so changing the entry afterwards cannot change the sealed record', () => {
    const entry = auditEntry();
    const record = sealRecord(entry, EMPTY_CHAIN, at(0));
    entry.objectIds.push('later');
    expect(record.objectIds).toEqual(['00000000-0000-4000-8000-000000000003']);
  });
});

describe('verifySegment', () => {
  it('accepts the empty chain and a whole chain, and returns the head', () => {
    expect(verifySegment([], EMPTY_CHAIN)).toEqual({ ok: true, head: EMPTY_CHAIN, verified: 0 });
    const records = chainOf(5);
    expect(verifySegment(records, EMPTY_CHAIN)).toEqual({
      ok: true,
      head: { sequence: 5, hash: records[4].hash },
      verified: 5,
    });
  });

  it('continues from the head of the previous batch', () => {
    const records = chainOf(5);
    const first = verifySegment(records.slice(0, 2), EMPTY_CHAIN);
    if (!first.ok) throw new Error('first batch should verify');
    expect(verifySegment(records.slice(2), first.head, first.verified)).toEqual(verifySegment(records, EMPTY_CHAIN));
  });

  it('reports a changed field as a hash mismatch at that record', () => {
    const records = chainOf(5);
    records[2] = { ...records[2], httpStatus: 403 };
    const result = verifySegment(records, EMPTY_CHAIN);
    expect(result).toMatchObject({ ok: false, verified: 2, broken: { position: 3, sequence: 3, problem: 'hash' } });
    if (!result.ok) expect(result.broken.found).toBe(chainOf(5)[2].hash);
  });

  it('reports a deleted record as a sequence gap at the record after it', () => {
    const records = chainOf(5);
    records.splice(1, 1);
    expect(verifySegment(records, EMPTY_CHAIN)).toMatchObject({
      ok: false,
      broken: { position: 2, sequence: 3, problem: 'sequence', expected: '2', found: '3' },
    });
  });

  it('reports a deleted first record', () => {
    expect(verifySegment(chainOf(3).slice(1), EMPTY_CHAIN)).toMatchObject({
      ok: false,
      broken: { position: 1, sequence: 2, problem: 'sequence', expected: '1' },
    });
  });

  it('reports a record rewritten with a fresh hash at the link after it', () => {
    const records = chainOf(4);
    const rewritten = { ...records[1], username: 'someone-else' };
    records[1] = { ...rewritten, hash: chainHash(rewritten) };
    expect(verifySegment(records, EMPTY_CHAIN)).toMatchObject({
      ok: false,
      broken: { position: 3, sequence: 3, problem: 'previous-hash', expected: records[1].hash },
    });
  });
});

describe('describeBreak', () => {
  it.each([
    ['sequence', /records are missing \(deleted\)/],
    ['previous-hash', /the link was changed/],
    ['hash', /changed after it was written/],
  ] as const)('explains a %s break', (problem, explanation) => {
    const line = describeBreak({ position: 7, sequence: 7, problem, expected: 'e', found: 'f' });
    expect(line).toMatch(explanation);
    expect(line).toContain('7');
  });
});
