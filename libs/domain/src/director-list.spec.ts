import fc from 'fast-check';
import { type HandoverRecord, rejectedOnDirectorList } from './director-list';

describe('rejectedOnDirectorList', () => {
  const record = (trajectoryId: string, occurrenceKey: string, status: HandoverRecord['status'], at?: number) => ({
    trajectoryId,
    occurrenceKey,
    status,
    ...(at === undefined ? {} : { acknowledgedAt: at }),
  });

  it('keeps a rejection until a later acceptance in the same trajectory', () => {
    const list = [
      record('T1', 'handover:1', 'rejected', 10),
      record('T1', 'handover:2', 'pending'),
      record('T2', 'handover:1', 'rejected', 5),
      record('T2', 'handover:2', 'accepted', 20),
      record('T3', 'handover:1', 'accepted', 1),
      record('T3', 'handover:2', 'rejected', 30),
    ];
    expect(rejectedOnDirectorList(list).map((r) => `${r.trajectoryId} ${r.occurrenceKey}`)).toEqual([
      'T1 handover:1',
      'T3 handover:2',
    ]);
  });

  it('property: a rejected handover is on the list from its rejection until a handover of it is accepted', () => {
    // Oracle: replay the answers in time order; a rejection puts its handover on the list, an acceptance clears the
    // trajectory's list.
    const answer = fc.record({
      trajectoryId: fc.constantFrom('T1', 'T2', 'T3'),
      accepted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (answers, pendings) => {
        const records: HandoverRecord[] = answers.map((a, index) => ({
          trajectoryId: a.trajectoryId,
          occurrenceKey: `handover:${index + 1}`,
          status: a.accepted ? 'accepted' : 'rejected',
          acknowledgedAt: 1000 + index,
        }));
        for (let p = 0; p < pendings; p += 1)
          records.push({ trajectoryId: 'T1', occurrenceKey: `pending:${p}`, status: 'pending' });
        const onList = new Map<string, Set<string>>();
        answers.forEach((a, index) => {
          const set = onList.get(a.trajectoryId) ?? new Set<string>();
          if (a.accepted) set.clear();
          else set.add(`handover:${index + 1}`);
          onList.set(a.trajectoryId, set);
        });
        const expected = [...onList.entries()].flatMap(([t, keys]) => [...keys].map((k) => `${t} ${k}`)).sort();
        const actual = rejectedOnDirectorList(records)
          .map((r) => `${r.trajectoryId} ${r.occurrenceKey}`)
          .sort();
        expect(actual).toEqual(expected);
      }),
    );
  });
});
