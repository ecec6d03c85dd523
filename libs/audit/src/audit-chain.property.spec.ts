import fc from 'fast-check';
import { auditEntryArbitrary } from '../test/audit-entry.factory';
import { EMPTY_CHAIN, canonicalForm, sealRecord, verifySegment, type AuditRecord, type ChainHead } from '.';

/** A chain of 1–12 records, one millisecond apart from a random start. */
const chainArbitrary = fc
  .tuple(fc.array(auditEntryArbitrary, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 4e12 }))
  .map(([entries, start]) => {
    let head: ChainHead = EMPTY_CHAIN;
    return entries.map((entry, i) => {
      const record = sealRecord(entry, head, new Date(start + i));
      head = record;
      return record;
    });
  });

/** A chain of at least two records and the position of one record that has a next neighbour. */
const chainWithNeighbours = fc
  .tuple(
    chainArbitrary.filter((records) => records.length >= 2),
    fc.nat(),
  )
  .map(([records, pick]) => ({ records, index: pick % (records.length - 1) }));

type Field = keyof AuditRecord;
const FIELDS = [
  'sequence',
  'recordedAt',
  'action',
  'userId',
  'username',
  'organisationId',
  'role',
  'onBehalfOf',
  'trajectoryId',
  'objectType',
  'objectIds',
  'purpose',
  'outcome',
  'httpStatus',
  'route',
  'requestId',
  'clientIp',
  'attempts',
  'windowStart',
  'previousHash',
  'hash',
] as const satisfies readonly Field[];

/** A value of the field's type that differs from the current one. */
function changed(record: AuditRecord, field: Field, seed: number): AuditRecord {
  const value = record[field];
  let next: unknown;
  if (field === 'recordedAt') next = new Date(record.recordedAt.getTime() + 1 + seed);
  else if (field === 'windowStart') next = new Date((record.windowStart?.getTime() ?? 0) + 1 + seed);
  else if (field === 'attempts') next = (record.attempts ?? 0) + 1 + seed;
  else if (field === 'objectIds') next = seed % 2 === 0 ? [...record.objectIds, `x${seed}`] : record.objectIds.slice(1);
  else if (typeof value === 'number') next = value + 1 + seed;
  else if (typeof value === 'string') next = value.length > 0 && seed % 2 === 0 ? value.slice(0, -1) : `${value}x`;
  else next = `x${seed}`; // null becomes a value
  if (field === 'objectIds' && (next as string[]).length === record.objectIds.length) next = ['x'];
  return { ...record, [field]: next };
}

describe('audit chain properties', () => {
  it('an untouched chain verifies, with its last record as the head', () => {
    fc.assert(
      fc.property(chainArbitrary, (records) => {
        const last = records[records.length - 1];
        expect(verifySegment(records, EMPTY_CHAIN)).toEqual({
          ok: true,
          head: { sequence: last.sequence, hash: last.hash },
          verified: records.length,
        });
      }),
    );
  });

  it('any single-field change anywhere is detected at exactly that record', () => {
    fc.assert(
      fc.property(
        chainArbitrary,
        fc.nat(),
        fc.constantFrom(...FIELDS),
        fc.nat({ max: 1000 }),
        (records, pick, field, seed) => {
          const index = pick % records.length;
          const tampered = [...records];
          tampered[index] = changed(records[index], field, seed);
          const result = verifySegment(tampered, EMPTY_CHAIN);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.broken.position).toBe(index + 1);
            expect(result.verified).toBe(index);
          }
        },
      ),
    );
  });

  it('deleting any record but the last is detected at the record after it', () => {
    fc.assert(
      fc.property(chainWithNeighbours, ({ records, index }) => {
        const result = verifySegment([...records.slice(0, index), ...records.slice(index + 1)], EMPTY_CHAIN);
        expect(result).toMatchObject({ ok: false, broken: { position: index + 1, problem: 'sequence' } });
      }),
    );
  });

  it('swapping two neighbours is detected at the first of them', () => {
    fc.assert(
      fc.property(chainWithNeighbours, ({ records, index }) => {
        const swapped = [...records];
        [swapped[index], swapped[index + 1]] = [swapped[index + 1], swapped[index]];
        expect(verifySegment(swapped, EMPTY_CHAIN)).toMatchObject({ ok: false, broken: { position: index + 1 } });
      }),
    );
  });

  it('verifying in batches of any size gives the same answer as verifying at once', () => {
    fc.assert(
      fc.property(
        chainArbitrary,
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...FIELDS))),
        (records, size, tamper) => {
          const input = [...records];
          if (tamper) input[tamper[0] % input.length] = changed(input[tamper[0] % input.length], tamper[1], 0);
          let result = verifySegment([], EMPTY_CHAIN);
          for (let start = 0; start < input.length && result.ok; start += size) {
            result = verifySegment(input.slice(start, start + size), result.head, result.verified);
          }
          expect(result).toEqual(verifySegment(input, EMPTY_CHAIN));
        },
      ),
    );
  });

  it('every field but the stored hash is part of the canonical form', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.constantFrom(...FIELDS), fc.nat({ max: 1000 }), (records, field, seed) => {
        const record = records[0];
        const differs = canonicalForm(changed(record, field, seed)) !== canonicalForm(record);
        expect(differs).toBe(field !== 'hash');
      }),
    );
  });
});
