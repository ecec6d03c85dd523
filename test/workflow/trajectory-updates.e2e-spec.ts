import { DateTime } from 'luxon';
import { addMonths, legalBirthday } from '../../libs/domain/test/calendar-oracle';
import { DEFAULT_POLICY } from '@doorloop/domain';
import {
  changeMunicipalityUpdate,
  changePlacementUpdate,
  chooseReceiverUpdate,
  closeUpdate,
  recordContinuationUpdate,
  reopenUpdate,
  setLegalBasesUpdate,
  correctBirthDateUpdate,
  handoverAcknowledgedUpdate,
  partnerJoinedUpdate,
  partnerLeftUpdate,
  pauseUpdate,
  recordCourtMeasureUpdate,
  resumeUpdate,
  taskCompletedUpdate,
  type TrajectorySnapshot,
} from '@doorloop/workflows';
import { organisationsByRole, startStack, type Stack } from '../stack';
import {
  agenda,
  endScenario,
  refusal,
  settled,
  startTrajectory,
  state,
  storedTrajectory,
  tasks,
  ZONE,
  type TrajectoryHandle,
  waitFor,
} from './support';

const today = DateTime.now().setZone(ZONE).startOf('day');
const iso = (date: DateTime) => date.toISODate() ?? '';
// 17 years and 10 months old: the future plan, adult-care involvement, transition review, continuation decision
// (18 − 5 months), adulthood administration and handover (18 − 3 months) are past; so is the treatment task of the
// closed placement that started two months ago without treatment (start + 6 weeks).
const birthDate = iso(today.minus({ years: 17, months: 10 }));
const LATE_AT_START = [
  'adult-care-involvement:1',
  'adulthood-admin:1',
  'continuation-decision:1',
  'future-plan:1',
  'handover:1',
  'transition-review:1',
  'treatment-start:P-1:1',
];

/**
 * Every update of updates.ts on the real workflow with the default policy: an accepted change changes the facts, the
 * agenda projection and the query as DOMAIN.md says before the update returns; a refused one changes nothing.
 */
describe('trajectory workflow updates', () => {
  let stack: Stack;
  let org: Record<string, string>;
  let id: string;
  let handle: TrajectoryHandle;

  const milestones = async (kind?: string) =>
    (await agenda(stack, id)).filter((m) => kind === undefined || m.kind === kind);

  /** Refused: an InvalidChange naming `paths`, with the workflow's and PostgreSQL's state as before. */
  async function expectRefused(attempt: Promise<unknown>, paths: string[]): Promise<void> {
    const before = await state(handle);
    const stored = await storedTrajectory(stack, id);
    const { message, errors } = await refusal(attempt);
    expect(errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    expect(errors.every((e) => e.message.length > 10)).toBe(true);
    for (const path of paths) expect(message).toContain(path);
    const after = await state(handle);
    expect(after.revision).toBe(before.revision);
    expect(after.facts).toEqual(before.facts);
    expect(after.completed).toEqual(before.completed);
    expect(after.acknowledged).toEqual(before.acknowledged);
    expect(await storedTrajectory(stack, id)).toEqual(stored);
  }

  /** Accepted: the revision went up by one and PostgreSQL holds the facts and status of that revision. */
  async function expectAccepted(result: { revision: number }, previous: number): Promise<TrajectorySnapshot> {
    expect(result.revision).toBe(previous + 1);
    const current = await state(handle);
    expect(current.revision).toBe(result.revision);
    const stored = await storedTrajectory(stack, id);
    expect(stored.factsRevision).toBe(result.revision);
    expect(stored.facts).toEqual(current.facts);
    expect(stored.status).toBe(current.status);
    return current;
  }

  beforeAll(async () => {
    stack = await startStack();
    org = await organisationsByRole(stack);
    ({ id, handle } = await startTrajectory(stack, {
      policy: DEFAULT_POLICY,
      facts: {
        birthDate,
        partners: [{ organisationId: org.police, role: 'police' }],
        placements: [
          {
            id: 'P-1',
            type: 'closed',
            startDate: iso(today.minus({ months: 2 })),
            providerOrganisationId: org['youth-care'],
          },
        ],
        courtMeasures: [],
        pauses: [],
      },
    }));
  });
  afterAll(() => endScenario(stack, handle, 'updates'));

  it('projects the facts at revision 1 and fires what is already past, late, once', async () => {
    const started = await settled(handle, (s) => s.fired.length === LATE_AT_START.length && s.nextFireAt !== null);
    expect([...started.fired].sort()).toEqual(LATE_AT_START);
    expect(started).toMatchObject({ revision: 1, status: 'active', transfers: 0 });
    expect((await storedTrajectory(stack, id)).factsRevision).toBe(1);
    const fired = await tasks(stack, id);
    expect(new Set(fired.map((t) => t.occurrenceKey))).toEqual(new Set(LATE_AT_START));
    expect(fired.every((t) => t.late)).toBe(true);
    // The agenda is projected after the fires, by a later activity: wait for it rather than race it.
    const agenda = await waitFor(
      () => milestones('placement-evaluation'),
      (rows) => rows.length > 0,
      { what: 'the projected agenda', timeoutMs: 10_000 },
    );
    expect(agenda.map((m) => m.occurrenceKey)).toContain('placement-evaluation:P-1:1');
  });

  it('changePlacement: ends the current placement, starts a new evaluation series and counts a transfer', async () => {
    const previous = (await state(handle)).revision;
    const start = iso(today);
    const result = await handle.executeUpdate(changePlacementUpdate, {
      args: [
        {
          placement: {
            id: 'P-2',
            type: 'open-residential',
            startDate: start,
            providerOrganisationId: org['youth-care'],
          },
        },
      ],
    });
    const current = await expectAccepted(result, previous);
    expect(current.transfers).toBe(1);
    expect(current.facts.placements.map((p) => [p.id, p.endDate])).toEqual([
      ['P-1', iso(today.minus({ days: 1 }))],
      ['P-2', undefined],
    ]);
    // Read straight after the update: the agenda of this revision is already projected.
    const evaluations = await milestones('placement-evaluation');
    const upcoming = evaluations.filter((m) => m.status === 'upcoming');
    expect(upcoming.slice(0, 4).map((m) => [m.occurrenceKey, m.fireDate])).toEqual(
      [1, 2, 3, 4].map((k) => [`placement-evaluation:P-2:${k}`, iso(today.plus({ months: 3 * k }))]),
    );
    expect(evaluations.some((m) => m.occurrenceKey.startsWith('placement-evaluation:P-1:'))).toBe(false);
    // The closed-care limit warning needs a closed placement running at it: no longer.
    expect(await milestones('closed-care-limit')).toEqual([]);
  });

  it('changePlacement: refuses a start before the current placement and a placement ending before it starts', async () => {
    const placement = { id: 'P-3', type: 'foster-family' as const, providerOrganisationId: org['youth-care'] };
    await expectRefused(
      handle.executeUpdate(changePlacementUpdate, {
        args: [{ placement: { ...placement, startDate: iso(today.minus({ days: 1 })) } }],
      }),
      ['placement.startDate'],
    );
    await expectRefused(
      handle.executeUpdate(changePlacementUpdate, {
        args: [{ placement: { ...placement, startDate: iso(today), endDate: iso(today.minus({ months: 1 })) } }],
      }),
      ['placement.endDate'],
    );
  });

  it('recordCourtMeasure: adds an OTS with its expiry warning, and an extension moves the warning', async () => {
    const previous = (await state(handle)).revision;
    // Before the 18th birthday (two months away): the warning counts from the OTS's own end.
    const end = today.plus({ months: 1 });
    const ots = { id: 'M-1', type: 'ots' as const, startDate: iso(today.minus({ months: 7 })), endDate: iso(end) };
    await expectAccepted(
      await handle.executeUpdate(recordCourtMeasureUpdate, { args: [{ courtMeasure: ots }] }),
      previous,
    );
    expect((await milestones('ots-expiry')).map((m) => [m.occurrenceKey, m.fireDate])).toEqual([
      [`ots-expiry:${iso(end)}:1`, iso(end.minus({ months: 3 }))],
    ]);
    const extended = today.plus({ months: 17 });
    await expectAccepted(
      await handle.executeUpdate(recordCourtMeasureUpdate, {
        args: [{ courtMeasure: { ...ots, endDate: iso(extended) } }],
      }),
      previous + 1,
    );
    // An OTS ends on the 18th birthday whatever its end date: the warning counts from the birthday.
    expect((await milestones('ots-expiry')).map((m) => [m.occurrenceKey, m.fireDate])).toEqual([
      [`ots-expiry:${iso(extended)}:1`, addMonths(legalBirthday(birthDate, 18), -3)],
    ]);
    expect((await state(handle)).facts.courtMeasures).toHaveLength(1);
  });

  it('recordCourtMeasure: refuses an end before the start and a change of type', async () => {
    const ots = (await state(handle)).facts.courtMeasures[0];
    await expectRefused(
      handle.executeUpdate(recordCourtMeasureUpdate, {
        args: [{ courtMeasure: { ...ots, id: 'M-2', endDate: iso(today.minus({ years: 1 })) } }],
      }),
      ['courtMeasure.endDate'],
    );
    await expectRefused(
      handle.executeUpdate(recordCourtMeasureUpdate, { args: [{ courtMeasure: { ...ots, type: 'custody-order' } }] }),
      ['courtMeasure.type'],
    );
  });

  it('correctBirthDate: moves every age-driven milestone that has not fired; fired ones keep their tasks', async () => {
    const previous = (await state(handle)).revision;
    const tasksBefore = (await tasks(stack, id)).map((t) => t.id).sort();
    const corrected = DateTime.fromISO(birthDate, { zone: ZONE }).plus({ months: 1 });
    const result = await handle.executeUpdate(correctBirthDateUpdate, { args: [{ birthDate: iso(corrected) }] });
    const current = await expectAccepted(result, previous);
    expect(current.facts.birthDate).toBe(iso(corrected));
    expect((await milestones('extended-care-end')).map((m) => [m.status, m.fireDate])).toEqual([
      ['upcoming', iso(corrected.plus({ years: 23 }).minus({ months: 6 }))],
    ]);
    for (const key of LATE_AT_START) {
      expect((await milestones()).find((m) => m.occurrenceKey === key)?.status).toBe('fired');
    }
    expect((await tasks(stack, id)).map((t) => t.id).sort()).toEqual(tasksBefore);
    expect((await storedTrajectory(stack, id)).facts.birthDate).toBe(iso(corrected));
  });

  it('correctBirthDate: refuses a date in the future and a date after a placement started', async () => {
    // A future date of birth is wrong in itself, and both placements would start before it.
    await expectRefused(
      handle.executeUpdate(correctBirthDateUpdate, { args: [{ birthDate: iso(today.plus({ days: 2 })) }] }),
      ['birthDate', 'placements[0].startDate', 'placements[1].startDate'],
    );
    await expectRefused(
      handle.executeUpdate(correctBirthDateUpdate, { args: [{ birthDate: iso(today.minus({ months: 1 })) }] }),
      ['placements[0].startDate'],
    );
  });

  it('partnerJoined and partnerLeft: future tasks follow the partner set', async () => {
    const previous = (await state(handle)).revision;
    const school = { organisationId: org.school, role: 'school' as const };
    const assigneesOfNextEvaluation = async () =>
      (await milestones('placement-evaluation'))
        .find((m) => m.occurrenceKey === 'placement-evaluation:P-2:1')
        ?.assignees.map((a) => a.organisationId);
    expect(await assigneesOfNextEvaluation()).not.toContain(org.school);
    await expectAccepted(await handle.executeUpdate(partnerJoinedUpdate, { args: [{ partner: school }] }), previous);
    expect(await assigneesOfNextEvaluation()).toContain(org.school);
    await expectRefused(handle.executeUpdate(partnerJoinedUpdate, { args: [{ partner: school }] }), ['partner']);
    await expectAccepted(await handle.executeUpdate(partnerLeftUpdate, { args: [{ partner: school }] }), previous + 1);
    expect(await assigneesOfNextEvaluation()).not.toContain(org.school);
    await expectRefused(handle.executeUpdate(partnerLeftUpdate, { args: [{ partner: school }] }), ['partner']);
  });

  it('changeMunicipality: the projection follows; a bad code is refused', async () => {
    const previous = (await state(handle)).revision;
    await expectAccepted(
      await handle.executeUpdate(changeMunicipalityUpdate, { args: [{ municipalityCode: 'GM9902' }] }),
      previous,
    );
    expect((await storedTrajectory(stack, id)).municipalityCode).toBe('GM9902');
    await expectRefused(handle.executeUpdate(changeMunicipalityUpdate, { args: [{ municipalityCode: 'Gemeente' }] }), [
      'municipalityCode',
    ]);
  });

  it('taskCompleted: records a fired task once; refuses an occurrence that has not fired or another organisation', async () => {
    const previous = (await state(handle)).revision;
    const done = { occurrenceKey: 'future-plan:1', organisationId: org.coordinator };
    const result = await handle.executeUpdate(taskCompletedUpdate, { args: [done] });
    const current = await expectAccepted(result, previous);
    expect(current.completed).toEqual([expect.objectContaining(done)]);
    // A repeat (a retried request) is answered with the same revision and records nothing new.
    expect(await handle.executeUpdate(taskCompletedUpdate, { args: [done] })).toEqual({ revision: result.revision });
    expect((await state(handle)).completed).toHaveLength(1);
    await expectRefused(
      handle.executeUpdate(taskCompletedUpdate, {
        args: [{ occurrenceKey: 'placement-evaluation:P-2:1', organisationId: org.coordinator }],
      }),
      ['occurrenceKey'],
    );
    await expectRefused(
      handle.executeUpdate(taskCompletedUpdate, { args: [{ ...done, organisationId: org.police }] }),
      ['organisationId'],
    );
  });

  it('handoverAcknowledged: the receiving organisation answers once; other kinds are refused', async () => {
    const previous = (await state(handle)).revision;
    // Without an adult-care partner the coordinator receives the handover.
    const handover = (await tasks(stack, id)).filter((t) => t.occurrenceKey === 'handover:1');
    expect(handover.map((t) => t.organisationId)).toContain(org.coordinator);
    const ack = { occurrenceKey: 'handover:1', organisationId: org.coordinator, accepted: true };
    const current = await expectAccepted(
      await handle.executeUpdate(handoverAcknowledgedUpdate, { args: [ack] }),
      previous,
    );
    expect(current.acknowledged).toEqual([expect.objectContaining(ack)]);
    await expectRefused(handle.executeUpdate(handoverAcknowledgedUpdate, { args: [{ ...ack, accepted: false }] }), [
      'accepted',
    ]);
    await expectRefused(
      handle.executeUpdate(handoverAcknowledgedUpdate, { args: [{ ...ack, occurrenceKey: 'future-plan:1' }] }),
      ['occurrenceKey'],
    );
  });

  it('pause and resume: the status follows; pausing twice and resuming a running trajectory are refused', async () => {
    const previous = (await state(handle)).revision;
    await expectRefused(handle.executeUpdate(resumeUpdate), ['pauses']);
    const paused = await expectAccepted(await handle.executeUpdate(pauseUpdate), previous);
    expect(paused.status).toBe('paused');
    await expectRefused(handle.executeUpdate(pauseUpdate), ['pauses']);
    await expectRefused(handle.executeUpdate(closeUpdate, { args: [{ date: iso(today) }] }), ['date']);
    const resumed = await expectAccepted(await handle.executeUpdate(resumeUpdate), previous + 1);
    expect(resumed.status).toBe('active');
    const [ended] = resumed.facts.pauses;
    expect(resumed.facts.pauses).toHaveLength(1);
    expect(ended.to).toBeGreaterThanOrEqual(ended.from);
  });

  it('Continuity at 18: a decision, a legal-basis correction and a chosen receiver; bad ones refused', async () => {
    await expectRefused(
      handle.executeUpdate(recordContinuationUpdate, { args: [{ continuation: 'declined', basis: 'wmo' }] }),
      ['basis'],
    );
    let previous = (await state(handle)).revision;
    const decided = await expectAccepted(
      await handle.executeUpdate(recordContinuationUpdate, {
        args: [
          { continuation: 'same-provider', basis: 'verlengde-jeugdhulp', providerOrganisationId: org['youth-care'] },
        ],
      }),
      previous,
    );
    expect(decided.facts.legalBases).toEqual([
      {
        basis: 'verlengde-jeugdhulp',
        providerOrganisationId: org['youth-care'],
        from: legalBirthday(decided.facts.birthDate, 18),
      },
    ]);
    await waitFor(
      () => tasks(stack, id),
      (rows) => rows.some((t) => t.occurrenceKey === 'indication-extension:1'),
      { what: 'the indication extension', timeoutMs: 10_000 },
    );
    const wmo = {
      basis: 'wmo' as const,
      providerOrganisationId: org.wmo,
      from: legalBirthday(decided.facts.birthDate, 18),
    };
    await expectRefused(
      handle.executeUpdate(setLegalBasesUpdate, {
        args: [{ legalBases: [wmo, { ...wmo, from: addMonths(wmo.from, 2) }] }],
      }),
      ['legalBases[1].from'],
    );
    previous = (await state(handle)).revision;
    await expectAccepted(await handle.executeUpdate(setLegalBasesUpdate, { args: [{ legalBases: [wmo] }] }), previous);
    previous = (await state(handle)).revision;
    await expectAccepted(
      await handle.executeUpdate(chooseReceiverUpdate, { args: [{ receivingOrganisationId: org.wmo }] }),
      previous,
    );
    await waitFor(
      () => tasks(stack, id),
      (rows) => rows.some((t) => t.occurrenceKey === 'handover:2' && t.organisationId === org.wmo),
      { what: 'the new handover', timeoutMs: 10_000 },
    );
    await expectRefused(handle.executeUpdate(reopenUpdate, { args: [{ date: iso(today) }] }), ['date']);
  });

  it('close: refuses a date in the future; closing stops the schedule and starts aftercare', async () => {
    await expectRefused(handle.executeUpdate(closeUpdate, { args: [{ date: iso(today.plus({ days: 1 })) }] }), [
      'date',
    ]);
    const previous = (await state(handle)).revision;
    const current = await expectAccepted(
      await handle.executeUpdate(closeUpdate, { args: [{ date: iso(today) }] }),
      previous,
    );
    expect(current.status).toBe('closed');
    expect(current.facts.closure?.date).toBe(iso(today));
    expect(current.facts.closure?.at).toBeGreaterThan(current.facts.startedOn);
    const after = await milestones();
    expect(after.filter((m) => m.status === 'upcoming').map((m) => [m.occurrenceKey, m.fireDate])).toEqual(
      [3, 6, 12].map((months, k) => [`aftercare-check-in:${k + 1}`, iso(today.plus({ months }))]),
    );
    await expectRefused(handle.executeUpdate(closeUpdate, { args: [{ date: iso(today) }] }), ['date']);
    await expectRefused(handle.executeUpdate(pauseUpdate), ['closure']);
  });

  it('reopen: a closed trajectory comes back, not before its closure; its aftercare no longer comes', async () => {
    await expectRefused(handle.executeUpdate(reopenUpdate, { args: [{ date: iso(today.minus({ days: 1 })) }] }), [
      'date',
    ]);
    const previous = (await state(handle)).revision;
    const current = await expectAccepted(
      await handle.executeUpdate(reopenUpdate, { args: [{ date: iso(today) }] }),
      previous,
    );
    expect(current.status).toBe('active');
    expect(current.facts.reopenings).toEqual([expect.objectContaining({ date: iso(today), closedOn: iso(today) })]);
    expect((await milestones('aftercare-check-in')).filter((m) => m.status === 'upcoming')).toEqual([]);
  });
});
